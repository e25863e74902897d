/**
 * The report channels: the network's own and one per organisation, with the support resources
 * an administrator wrote for each (plain text per language, shown to reporters before, during
 * and after reporting).
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { currentNetwork } from './networkQueries.ts';
import { network, organisations } from './schema/index.ts';
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

/** The channel for a scope: an organisation's id, or null for the network. */
export async function channelFor(db: Queryable, orgId: string | null): Promise<Channel | undefined> {
  const [channel] = await channelsFor(db, [orgId]);
  return channel;
}

/**
 * The channels for several scopes (organisation ids, or null for the network) in one statement,
 * in the order asked: a case's channel and receiver are read together when it is opened.
 * Like `networkChannel` and `organisationChannel`, none exists before the network does.
 */
export async function channelsFor(db: Queryable, orgIds: readonly (string | null)[]): Promise<(Channel | undefined)[]> {
  const ids = [...new Set(orgIds.filter((id): id is string => id !== null))];
  const rows = await db
    .select({ network, organisation: organisations })
    .from(network)
    .leftJoin(organisations, ids.length > 0 ? inArray(organisations.id, ids) : sql`false`);
  const found = rows[0]?.network;
  if (!found) return orgIds.map(() => undefined);
  const byId = new Map(rows.flatMap(({ organisation: row }) => (row ? [[row.id, row] as const] : [])));
  return orgIds.map((orgId): Channel | undefined => {
    if (orgId === null) return { kind: 'network', orgId: null, slug: null, name: found.name, country: null, languages: [found.defaultLanguage] };
    const row = byId.get(orgId);
    return row ? { kind: 'organisation', orgId: row.id, slug: row.slug, name: row.name, country: row.country, languages: row.languages } : undefined;
  });
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
