/**
 * On an empty deployment, draws the one-time setup secret printed at start-up. Each call
 * replaces the previous one, so only the newest printed link works; it expires after a day.
 */
import { newToken, tokenHash } from '../../core/secrets.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import { writeSetting } from '../../storage/settings.ts';
import type { Context } from '../context.ts';

export const SETUP_SETTING = 'setup-link';
const SETUP_LIFETIME_MS = 24 * 3_600_000;

export type PendingSetup = { hash: string; expiresAt: string };

export async function issueSetupLink(context: Context): Promise<string | undefined> {
  if (await currentNetwork(context.db)) return undefined;
  const token = newToken();
  const pending: PendingSetup = {
    hash: tokenHash(token),
    expiresAt: new Date(context.clock().getTime() + SETUP_LIFETIME_MS).toISOString(),
  };
  await writeSetting(context.db, SETUP_SETTING, pending);
  return token;
}
