/**
 * One-time recovery codes that stand in for a lost authenticator: ten codes of 40 bits each,
 * shown once; only their SHA-256 is stored (their entropy makes a slow hash unnecessary).
 */
import { randomBytes } from '../../core/crypto/bytes.ts';
import { sha256Hex } from '../../core/crypto/kdf.ts';
import { fromCrockford, groupBy4, toCrockford } from '../../core/crypto/recoveryKey.ts';

export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => groupBy4(toCrockford(randomBytes(5))));
}

export function recoveryCodeHash(code: string): string {
  const canonical = fromCrockford(code, 5);
  return sha256Hex(`recovery-code:${canonical ? toCrockford(canonical) : code}`);
}
