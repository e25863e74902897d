/**
 * Staff roles (SPEC: Tenancy and roles). A grant gives a role at the network level (orgId null)
 * or in one organisation. Roles that can read case data, or audit it, require TOTP.
 */
export const staffRoles = [
  'admin',
  'handler',
  'investigator',
  'decision_maker',
  'appeal_reviewer',
  'escrow_counsellor',
  'auditor',
  'editor',
  'author',
  'assessment_coordinator',
] as const;

export type StaffRole = (typeof staffRoles)[number];

export type RoleGrant = { role: StaffRole; orgId: string | null };

const rolesWithoutCaseAccess: ReadonlySet<StaffRole> = new Set(['editor', 'author', 'assessment_coordinator']);

export function requiresTotp(grants: readonly RoleGrant[]): boolean {
  return grants.some((grant) => !rolesWithoutCaseAccess.has(grant.role));
}

export function isStaffRole(value: string): value is StaffRole {
  return (staffRoles as readonly string[]).includes(value);
}
