/**
 * The broad role groups a respondent may pick (or not): few and wide on purpose, so that a
 * group is never one person. "Not said" is a group of its own in every breakdown.
 */
export const roleGroups = ['leadership', 'staff', 'volunteers', 'unsaid'] as const;
export type RoleGroup = (typeof roleGroups)[number];

export function isRoleGroup(value: unknown): value is RoleGroup {
  return typeof value === 'string' && (roleGroups as readonly string[]).includes(value);
}
