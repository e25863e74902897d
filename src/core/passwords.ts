/**
 * Password rules (NIST SP 800-63B): at least 12 characters, at most 256, not one of the
 * passwords everybody tries first. No composition rules.
 */
const common = new Set([
  'password1234',
  'passwordpassword',
  '123456789012',
  'qwertyuiopas',
  'iloveyou1234',
  'letmein12345',
  'administrator',
  'changemechangeme',
  'redressredress',
]);

export function passwordProblem(password: string): 'PASSWORD_WEAK' | undefined {
  const length = [...password].length;
  if (length < 12 || length > 256) return 'PASSWORD_WEAK';
  if (common.has(password.toLowerCase())) return 'PASSWORD_WEAK';
  if (/^(.)\1+$/.test(password)) return 'PASSWORD_WEAK';
  return undefined;
}
