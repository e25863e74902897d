/**
 * One staff member as an administrator sees them: their roles within the administrator's
 * scopes (each with a revoke button), a form to grant another, and deactivation.
 */
import { languageName, isLanguage } from '../../i18n/index.ts';
import type { Scope, StaffMemberDetails } from '../../usecases/staff/listStaff.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { DateTime, GrantLabel, grantText, ScopeRolePicker, scopeValue } from './AdminFormParts.tsx';

function RolesTable(props: { context: PageContext; member: StaffMemberDetails }) {
  const { t, csrfToken } = props.context;
  if (props.member.grants.length === 0) return <p>{t('adminStaff.noRoles')}</p>;
  return (
    <ScrollTable t={t} name={t('adminStaff.rolesCaption')}>
      <caption>{t('adminStaff.rolesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('adminStaff.roles')}</th>
          <th scope="col">{t('adminStaff.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.member.grants.map((grant) => (
          <tr key={`${grant.role}@${scopeValue(grant.orgId)}`}>
            <td>
              <GrantLabel t={t} grant={grant} />
            </td>
            <td>
              <form method="post" action={`/admin/staff/${props.member.id}/roles/revoke`}>
                <CsrfField token={csrfToken} />
                <input type="hidden" name="role" value={grant.role} />
                <input type="hidden" name="scope" value={scopeValue(grant.orgId)} />
                <button type="submit" class="link-button" aria-label={t('adminStaff.revokeRoleFor', { grant: grantText(t, grant) })}>
                  {t('adminStaff.revokeRole')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Activation(props: { context: PageContext; member: StaffMemberDetails }) {
  const { t, csrfToken } = props.context;
  if (!props.member.canDeactivate) return <p>{t('adminStaff.onlyNetworkAdminDeactivates')}</p>;
  const action = props.member.active ? 'deactivate' : 'reactivate';
  return (
    <form method="post" action={`/admin/staff/${props.member.id}/${action}`}>
      <CsrfField token={csrfToken} />
      <p class="hint">{props.member.active ? t('adminStaff.deactivateHint') : t('adminStaff.reactivateHint')}</p>
      <button type="submit">{props.member.active ? t('adminStaff.deactivate') : t('adminStaff.reactivate')}</button>
    </form>
  );
}

export function AdminStaffMemberPage(props: {
  context: PageContext;
  member: StaffMemberDetails;
  scopes: Scope[];
  values?: Record<string, string>;
  problem?: string | undefined;
  notice?: string | undefined;
}) {
  const { t, language } = props.context;
  const member = props.member;
  return (
    <Layout context={props.context} title={member.name}>
      <p>
        <a href="/admin/staff">{t('adminStaff.backToStaff')}</a>
      </p>
      {props.problem ? <Notice kind="error">{props.problem}</Notice> : null}
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <dl>
        <dt>{t('adminStaff.email')}</dt>
        <dd>{member.email}</dd>
        <dt>{t('adminStaff.status')}</dt>
        <dd>{member.active ? t('adminStaff.active') : t('adminStaff.inactive')}</dd>
        <dt>{t('adminStaff.language')}</dt>
        <dd>{isLanguage(member.language) ? languageName(member.language) : member.language}</dd>
        <dt>{t('adminStaff.twoStep')}</dt>
        <dd>{member.totpEnrolled ? t('adminStaff.twoStepOn') : t('adminStaff.twoStepOff')}</dd>
        <dt>{t('adminStaff.joined')}</dt>
        <dd>
          <DateTime language={language} value={member.createdAt} />
        </dd>
      </dl>
      <h2>{t('adminStaff.rolesTitle')}</h2>
      <RolesTable context={props.context} member={member} />
      <h2>{t('adminStaff.grantTitle')}</h2>
      <form method="post" action={`/admin/staff/${member.id}/roles/grant`} novalidate>
        <CsrfField token={props.context.csrfToken} />
        <ScopeRolePicker t={t} index="" legend={t('adminStaff.grantLegend')} scopes={props.scopes} values={props.values ?? {}} />
        <button type="submit">{t('adminStaff.grant')}</button>
      </form>
      <h2>{t('adminStaff.accessTitle')}</h2>
      <Activation context={props.context} member={member} />
    </Layout>
  );
}
