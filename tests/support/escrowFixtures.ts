/**
 * Fixtures for escrow tests: a key file of its own per test file (escrow keys never live in the
 * database), the reporter's real client (src/client/escrow) talking to the app through inject
 * instead of a socket, escrow counsellors, invitation codes issued through the staff page, and
 * row counts of the escrow tables to show that a refused request stored nothing. Everyone here
 * is invented.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { escrowApi, type EscrowApi } from '../../src/client/escrow/escrowApi.ts';
import { readConfiguration, type EscrowConfiguration } from '../../src/client/escrow/placeAllegation.ts';
import { decodeBase64Url } from '../../src/client/escrow/base64url.ts';
import { queryRows, type Queryable } from '../../src/storage/database.ts';
import type { App } from '../../src/web/app.ts';
import { csrfFrom } from './webApp.ts';
import type { CookieBrowser } from './intakeFixtures.ts';

/** Points REDRESS_ESCROW_KEY_FILE at a fresh temporary folder; the app creates the file on first use. */
export function useTemporaryEscrowKeys(): { file: string; remove(): void } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-escrow-keys-'));
  const file = path.join(folder, 'escrow-keys.json');
  process.env.REDRESS_ESCROW_KEY_FILE = file;
  return {
    file,
    remove: () => {
      delete process.env.REDRESS_ESCROW_KEY_FILE;
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** fetch, answered by the app in-process: the client code runs exactly as it does over HTTP. */
export function injectFetch(app: App): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: `${url.pathname}${url.search}`,
      headers: (init?.headers ?? {}) as Record<string, string>,
      payload: typeof init?.body === 'string' ? init.body : undefined,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(name, String(value));
    return new Response(new Uint8Array(response.rawPayload), { status: response.statusCode, headers });
  }) as typeof fetch;
}

export type EscrowClient = { api: EscrowApi; configuration(): Promise<EscrowConfiguration>; publicKey(): Promise<Uint8Array> };

/** The reporter's client, pinning the key the server publishes now (as a first visit would). */
export function escrowClient(app: App): EscrowClient {
  const api = escrowApi('http://redress.test', injectFetch(app));
  const publicKey = async () => decodeBase64Url((await api.configuration()).publicKey) ?? new Uint8Array();
  return { api, publicKey, configuration: async () => readConfiguration(await api.configuration(), await publicKey()) };
}

/** Issues an invitation code through the staff page, as a counsellor or admin would. */
export async function issueInvitation(staff: CookieBrowser, from = '/escrow/matches'): Promise<string> {
  const page = await staff.get(from);
  const issued = await staff.post('/escrow/invitations', { _csrf: csrfFrom(page.body) });
  const code = /data-escrow-invitation-code(?:="")?>([^<]+)</.exec(issued.body)?.[1];
  if (issued.statusCode !== 200 || !code) throw new Error(`no invitation code: ${issued.statusCode} ${issued.body.slice(0, 300)}`);
  return code.trim();
}

export const escrowTables = [
  'escrow_reporters',
  'escrow_evaluations',
  'escrow_email_codes',
  'escrow_allegations',
  'escrow_entries',
  'escrow_sealed_shares',
  'escrow_matches',
  'escrow_match_views',
  'outbox',
] as const;

export async function escrowCounts(db: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of escrowTables) {
    const [row] = await queryRows<{ count: number }>(db, sql.raw(`select count(*)::int as count from ${table}`));
    counts[table] = row?.count ?? 0;
  }
  return counts;
}
