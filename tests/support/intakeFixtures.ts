/**
 * Fixtures for intake tests: organisations and staff inserted directly (with real key pairs,
 * cheap Argon2), staff signed in through the real sign-in form, a browser-like client that
 * keeps every cookie (the reporter's follow-up cookie as well as the staff session), and
 * helpers that read what a reporter reads off a page: the hidden form fields and the receipt.
 * Everyone here is invented.
 */
import { sql } from 'drizzle-orm';
import { createStaffKeys } from '../../src/core/crypto/staffKeys.ts';
import type { StaffRole } from '../../src/core/roles.ts';
import { newTotpSecret, totpCodeAt } from '../../src/core/totp.ts';
import { queryRows, type Queryable } from '../../src/storage/database.ts';
import { organisations, roleGrants, staff } from '../../src/storage/schema/index.ts';
import type { App } from '../../src/web/app.ts';
import { testArgon2, type TestDatabase } from './databases.ts';

export async function addOrganisation(db: Queryable, input: { slug: string; name: string; country?: string; languages?: string[] }): Promise<string> {
  const [row] = await db
    .insert(organisations)
    .values({ slug: input.slug, name: input.name, country: input.country ?? 'KE', languages: input.languages ?? ['en'] })
    .returning({ id: organisations.id });
  if (!row) throw new Error('organisation not created');
  return row.id;
}

export type StaffFixture = { id: string; name: string; email: string; password: string; totpSecret: string };

export async function addStaff(
  database: TestDatabase,
  input: { name: string; email: string; grants: { role: StaffRole; orgId: string | null }[]; active?: boolean },
): Promise<StaffFixture> {
  const password = `${input.name} walks by the river`;
  const { keys } = await createStaffKeys(password, testArgon2);
  const totpSecret = newTotpSecret();
  const [row] = await database.db
    .insert(staff)
    .values({ email: input.email, name: input.name, language: 'en', active: input.active ?? true, totpSecret, ...keys })
    .returning({ id: staff.id });
  if (!row) throw new Error('staff member not created');
  for (const grant of input.grants) await database.db.insert(roleGrants).values({ staffId: row.id, orgId: grant.orgId, role: grant.role });
  return { id: row.id, name: input.name, email: input.email, password, totpSecret };
}

type Response = Awaited<ReturnType<App['inject']>>;

/** A cookie-keeping client like a browser: every cookie the server sets is sent back. */
export type CookieBrowser = {
  cookies: Map<string, string>;
  get(url: string): Promise<Response>;
  post(url: string, form: Record<string, string | string[]>): Promise<Response>;
  postRaw(url: string, payload: string | Buffer): Promise<Response>;
};

export function cookieBrowser(app: App): CookieBrowser {
  const cookies = new Map<string, string>();
  const header = () => (cookies.size === 0 ? {} : { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') });
  const keep = (response: Response) => {
    for (const line of [response.headers['set-cookie'] ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  const postRaw = async (url: string, payload: string | Buffer) =>
    keep(await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...header() }, payload }));
  return {
    cookies,
    get: async (url) => keep(await app.inject({ method: 'GET', url, headers: header() })),
    post: (url, form) => {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) body.append(name, item);
      return postRaw(url, body.toString());
    },
    postRaw,
  };
}

/** Signs a fixture staff member in through the real form, with the authenticator code of `at`. */
export async function signInStaff(app: App, member: StaffFixture, at: Date): Promise<CookieBrowser> {
  const browser = cookieBrowser(app);
  const response = await browser.post('/sign-in', { email: member.email, password: member.password, code: totpCodeAt(member.totpSecret, at) });
  if (response.statusCode !== 303) throw new Error(`sign-in failed for ${member.name}: ${response.statusCode}`);
  return browser;
}

/** The value of a hidden or text input, as a browser would submit it. */
export function inputValue(html: string, name: string): string {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html) ?? new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html);
  if (!match) throw new Error(`no input named ${name} on the page`);
  return match[1]?.replace(/&amp;/g, '&').replace(/&quot;/g, '"') ?? '';
}

/** The receipt as shown on the receipt page ("1234 5678 9012 3456"). */
export function receiptFrom(html: string): string {
  const match = /<p class="receipt-code">(.*?)<\/p>/s.exec(html);
  if (!match?.[1]) throw new Error('no receipt on the page');
  return match[1].replace(/<[^>]+>/g, '').trim();
}

export const intakeTables = ['cases', 'case_keys', 'case_messages', 'case_events', 'reporter_sessions', 'intake_spent_tokens'] as const;

/** Row counts of the intake tables, to show that a refused request changed nothing. */
export async function intakeCounts(db: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of intakeTables) {
    const [row] = await queryRows<{ count: number }>(db, sql.raw(`select count(*)::int as count from ${table}`));
    counts[table] = row?.count ?? 0;
  }
  return counts;
}
