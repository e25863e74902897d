/** The staff navigation, built from what the policy module allows this person. */
import { administeredScopes, allowed, type Actor } from '../core/policy.ts';
import type { Translate } from '../i18n/index.ts';
import type { NavItem } from './components/Layout.tsx';

export function staffNav(actor: Actor, t: Translate): NavItem[] {
  const items: NavItem[] = [{ href: '/staff', label: t('nav.home') }];
  if (allowed(actor, 'inbox.view', { kind: 'network' })) items.push({ href: '/inbox', label: t('inbox.nav') });
  const scopes = administeredScopes(actor);
  if (allowed(actor, 'organisation.create', { kind: 'network' })) items.push({ href: '/admin/organisations', label: t('nav.organisations') });
  if (scopes.network || scopes.orgIds.length > 0) items.push({ href: '/admin/staff', label: t('nav.staff') });
  if (scopes.network || scopes.orgIds.length > 0) items.push({ href: '/admin/report-channels', label: t('intake.settings.nav') });
  if (scopes.network || scopes.orgIds.length > 0) items.push({ href: '/admin/procedures', label: t('adminProcedures.nav') });
  if (allowed(actor, 'toolkit.enter', { kind: 'network' })) items.push({ href: '/toolkit', label: t('toolkit.nav') });
  if (allowed(actor, 'audit.read', { kind: 'audit-log' })) items.push({ href: '/admin/audit', label: t('nav.audit') });
  if (allowed(actor, 'network.administer', { kind: 'network' })) items.push({ href: '/admin/retention', label: t('retention.nav') });
  if (allowed(actor, 'blog.enter', { kind: 'network' })) items.push({ href: '/editorial', label: t('editorial.nav') });
  if (allowed(actor, 'escrow.counsel', { kind: 'network' })) items.push({ href: '/escrow/matches', label: t('escrow.staff.nav') });
  else if (allowed(actor, 'escrow.configure', { kind: 'network' })) items.push({ href: '/escrow/settings', label: t('escrow.staff.nav') });
  items.push({ href: '/account', label: t('nav.account') });
  return items;
}
