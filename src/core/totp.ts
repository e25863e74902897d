/**
 * TOTP (RFC 6238) through otpauth: 6 digits, 30-second steps, one step of clock drift either
 * way. A code is accepted once: the step it belongs to must be later than the last one used.
 */
import { Secret, TOTP } from 'otpauth';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), digits: 6, period: 30 }).toString();
}

/** The step of the accepted code, or undefined when the code is wrong or already used. */
export function acceptTotp(secret: string, code: string, now: Date, lastStep: number | null): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  const delta = totp.validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now.getTime() / 30_000) + delta;
  if (lastStep !== null && step <= lastStep) return undefined;
  return step;
}

export function totpCodeAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });
}
