/**
 * The report channels: the network's own and one per organisation, with the support resources
 * an administrator wrote for each (plain text per language, shown to reporters before, during
 * and after reporting).
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { currentNetwork } from './networkQueries.ts';
import { organisations } from './schema/index.ts';
import { readSetting, writeSetting } from './settings.ts';

export type Channel =
  | { kind: 'network'; orgId: null; slug: null; name: string; country: null; languages: string[] }
  | { kind: 'organisation'; orgId: string; slug: string; name: string; country: string; languages: string[] };

export async function networkChannel(db: Queryable): Promise<(Channel & { kind: 'network' }) | undefined> {
  const found = await currentNetwork(db);
  if (!found) return undefined;
  return { kind: 'network', orgId: null, slug: null, name: found.name, country: null, languages: [found.defaultLanguage] };
}

export async function organisationChannel(db: Queryable, slug: string): Promise<(Channel & { kind: 'organisation' }) | undefined> {
  if (!(await currentNetwork(db))) return undefined;
  const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  if (!row) return undefined;
  return { kind: 'organisation', orgId: row.id, slug: row.slug, name: row.name, country: row.country, languages: row.languages };
}

export async function organisationChannelById(db: Queryable, orgId: string): Promise<(Channel & { kind: 'organisation' }) | undefined> {
  const [row] = await db.select({ slug: organisations.slug }).from(organisations).where(eq(organisations.id, orgId));
  return row ? organisationChannel(db, row.slug) : undefined;
}

/** The channel for a scope: an organisation's id, or null for the network. */
export async function channelFor(db: Queryable, orgId: string | null): Promise<Channel | undefined> {
  return orgId === null ? networkChannel(db) : organisationChannelById(db, orgId);
}

/** Support resources by language code; the reporter's language first, else the channel's first language. */
export type SupportResources = Record<string, string>;

const supportKey = (orgId: string | null) => `intake.support.${orgId ?? 'network'}`;

export async function supportResources(db: Queryable, orgId: string | null): Promise<SupportResources> {
  const stored = await readSetting<unknown>(db, supportKey(orgId));
  if (!stored || typeof stored !== 'object') return {};
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export async function saveSupportResources(db: Queryable, orgId: string | null, resources: SupportResources): Promise<void> {
  await writeSetting(db, supportKey(orgId), resources);
}
