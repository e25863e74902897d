/** A staff member's home: who they are here and which roles they hold where. */
import type { RoleGrant } from '../../core/roles.ts';
import { Layout, type PageContext } from '../components/Layout.tsx';

export function StaffHomePage(props: { context: PageContext; name: string; grants: RoleGrant[]; organisationNames: ReadonlyMap<string, string> }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('staffHome.title', { name: props.name })}>
      <h2>{t('staffHome.rolesTitle')}</h2>
      {props.grants.length === 0 ? (
        <p>{t('staffHome.noRoles')}</p>
      ) : (
        <ul>
          {props.grants.map((grant) => (
            <li key={`${grant.role}-${grant.orgId ?? 'network'}`}>
              {t(`roles.${grant.role}`)} —{' '}
              {grant.orgId
                ? t('staffHome.inOrganisation', { organisation: props.organisationNames.get(grant.orgId) ?? grant.orgId })
                : t('staffHome.inNetwork')}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
