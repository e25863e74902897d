/** What every use-case is given: the database, the clock, and the cost of key derivation. */
import type { Argon2Parameters } from '../core/crypto/kdf.ts';
import { defaultArgon2 } from '../core/crypto/kdf.ts';
import type { Db } from '../storage/database.ts';

export type Context = {
  db: Db;
  clock: () => Date;
  argon2: Argon2Parameters;
};

export function makeContext(db: Db, overrides: Partial<Omit<Context, 'db'>> = {}): Context {
  return { db, clock: overrides.clock ?? (() => new Date()), argon2: overrides.argon2 ?? defaultArgon2 };
}
