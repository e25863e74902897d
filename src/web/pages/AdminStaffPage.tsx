/**
 * Staff administration: the people and pending invitations within the scopes the administrator
 * administers, and the form to invite someone with up to three roles.
 */
import { languageName, languages } from '../../i18n/index.ts';
import type { InvitationSummary, Scope, StaffSummary } from '../../usecases/staff/listStaff.ts';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { DateTime, GrantList, ScopeRolePicker } from './AdminFormParts.tsx';

/** How many role rows the invitation form offers; more roles can be granted after enrolment. */
export const INVITATION_ROLE_ROWS = ['1', '2', '3'] as const;

export type InviteFormState = { values: Record<string, string>; errors?: Record<string, string> | undefined };

export function inviteLabels(context: PageContext): Record<string, string> {
  const { t } = context;
  return {
    name: t('adminStaff.inviteName'),
    email: t('adminStaff.inviteEmail'),
    language: t('adminStaff.inviteLanguage'),
    grants: t('adminStaff.rolesLegend'),
    ...Object.fromEntries(INVITATION_ROLE_ROWS.map((row) => [`role${row}`, t('adminStaff.roleRow', { number: row })])),
  };
}

function PeopleTable(props: { context: PageContext; members: StaffSummary[] }) {
  const { t } = props.context;
  if (props.members.length === 0) return <p>{t('adminStaff.nobody')}</p>;
  return (
    <ScrollTable t={t} name={t('adminStaff.peopleCaption')}>
      <caption>{t('adminStaff.peopleCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('adminStaff.name')}</th>
          <th scope="col">{t('adminStaff.email')}</th>
          <th scope="col">{t('adminStaff.roles')}</th>
          <th scope="col">{t('adminStaff.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.members.map((member) => (
          <tr key={member.id}>
            <td>
              <a href={`/admin/staff/${member.id}`}>{member.name}</a>
            </td>
            <td>{member.email}</td>
            <td>
              <GrantList t={t} grants={member.grants} />
            </td>
            <td>{member.active ? t('adminStaff.active') : t('adminStaff.inactive')}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function InvitationsTable(props: { context: PageContext; invitations: InvitationSummary[] }) {
  const { t, language, csrfToken } = props.context;
  if (props.invitations.length === 0) return <p>{t('adminStaff.noInvitations')}</p>;
  return (
    <ScrollTable t={t} name={t('adminStaff.invitationsCaption')}>
      <caption>{t('adminStaff.invitationsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('adminStaff.name')}</th>
          <th scope="col">{t('adminStaff.email')}</th>
          <th scope="col">{t('adminStaff.roles')}</th>
          <th scope="col">{t('adminStaff.expires')}</th>
          <th scope="col">{t('adminStaff.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.invitations.map((invitation) => (
          <tr key={invitation.id}>
            <td>{invitation.name}</td>
            <td>{invitation.email}</td>
            <td>
              <GrantList t={t} grants={invitation.grants} />
            </td>
            <td>
              <DateTime language={language} value={invitation.expiresAt} />
            </td>
            <td>
              {invitation.revocable ? (
                <form method="post" action={`/admin/staff/invitations/${invitation.id}/revoke`}>
                  <CsrfField token={csrfToken} />
                  <button type="submit" class="link-button" aria-label={t('adminStaff.revokeInvitationFor', { name: invitation.name })}>
                    {t('adminStaff.revokeInvitation')}
                  </button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function AdminStaffPage(props: {
  context: PageContext;
  members: StaffSummary[];
  invitations: InvitationSummary[];
  scopes: Scope[];
  form: InviteFormState;
  revoked?: boolean;
}) {
  const { t } = props.context;
  const errors = props.form.errors ?? {};
  const values: Record<string, string> = { language: props.context.language, ...props.form.values };
  return (
    <Layout context={props.context} title={t('adminStaff.title')}>
      {props.revoked ? <Notice kind="success">{t('adminStaff.invitationRevoked')}</Notice> : null}
      <h2>{t('adminStaff.peopleTitle')}</h2>
      <PeopleTable context={props.context} members={props.members} />
      <h2>{t('adminStaff.invitationsTitle')}</h2>
      <InvitationsTable context={props.context} invitations={props.invitations} />
      <h2 id="invite">{t('adminStaff.inviteTitle')}</h2>
      <p>{t('adminStaff.inviteIntro')}</p>
      <ErrorSummary t={t} errors={props.form.errors} labels={inviteLabels(props.context)} />
      <form method="post" action="/admin/staff/invitations" novalidate>
        <CsrfField token={props.context.csrfToken} />
        <Field t={t} name="name" label={t('adminStaff.inviteName')} value={values.name} error={errors.name} required maxLength={200} />
        <Field t={t} name="email" type="email" label={t('adminStaff.inviteEmail')} value={values.email} error={errors.email} required />
        <SelectField
          t={t}
          name="language"
          label={t('adminStaff.inviteLanguage')}
          value={values.language}
          error={errors.language}
          options={languages.map((code) => ({ value: code, label: languageName(code) }))}
        />
        <fieldset id="field-grants" aria-describedby={errors.grants ? 'field-grants-error' : undefined}>
          <legend>{t('adminStaff.rolesLegend')}</legend>
          <p class="hint">{t('adminStaff.rolesHint')}</p>
          {errors.grants ? (
            <p class="error" id="field-grants-error">
              {t(errors.grants)}
            </p>
          ) : null}
          {INVITATION_ROLE_ROWS.map((row) => (
            <ScopeRolePicker
              key={row}
              t={t}
              index={row}
              legend={t('adminStaff.roleRow', { number: row })}
              scopes={props.scopes}
              values={values}
              error={errors[`role${row}`] ?? errors[`scope${row}`]}
              roleOptional
            />
          ))}
        </fieldset>
        <button type="submit">{t('adminStaff.invite')}</button>
      </form>
    </Layout>
  );
}
