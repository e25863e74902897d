/**
 * An administrator writes the support resources shown on a report channel (helplines, local
 * services, what to do in an emergency), one plain text per language. No HTML, no links made
 * for them: reporters copy what they need, and our pages make no request to anyone else.
 */
import { cleanText, type AnswerProblem } from '../../core/intake/answers.ts';
import { allowed, authorize, type Actor } from '../../core/policy.ts';
import { languages } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { networkChannel, saveSupportResources, supportResources, type Channel, type SupportResources } from '../../storage/channelQueries.ts';
import { organisations } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { findChannel } from './reportChannel.ts';

export const SUPPORT_TEXT_MAX = 4_000;

export type ChannelSettings = { channel: Channel; support: SupportResources };

export async function channelSettings(context: Context, actor: Actor, slug: string | null): Promise<ChannelSettings> {
  const channel = await findChannel(context.db, slug);
  authorize(actor, 'channel.configure', { kind: 'report-channel', orgId: channel.orgId });
  return { channel, support: await supportResources(context.db, channel.orgId) };
}

/** The channels this administrator may configure: the network's (network admins) and their organisations'. */
export async function configurableChannels(context: Context, actor: Actor): Promise<Channel[]> {
  const network = await networkChannel(context.db);
  const rows = await context.db.select().from(organisations).orderBy(organisations.name);
  const channels: Channel[] = [
    ...(network ? [network] : []),
    ...rows.map((row) => ({ kind: 'organisation' as const, orgId: row.id, slug: row.slug, name: row.name, country: row.country, languages: row.languages })),
  ];
  return channels.filter((channel) => allowed(actor, 'channel.configure', { kind: 'report-channel', orgId: channel.orgId }));
}

export type SupportOutcome = { ok: true } | { ok: false; problems: Record<string, AnswerProblem> };

export async function setSupportResources(context: Context, actor: Actor, slug: string | null, texts: Record<string, unknown>): Promise<SupportOutcome> {
  const { channel } = await channelSettings(context, actor, slug);
  const resources: SupportResources = {};
  const problems: Record<string, AnswerProblem> = {};
  for (const language of languages) {
    const raw = texts[language];
    const cleaned = cleanText(typeof raw === 'string' ? raw : '', SUPPORT_TEXT_MAX);
    if (!cleaned.ok) problems[language] = cleaned.problem;
    else if (cleaned.text !== '') resources[language] = cleaned.text;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await saveSupportResources(tx, channel.orgId, resources);
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'channel.support-changed', subjectType: channel.kind, subjectId: channel.orgId ?? 'network', orgId: channel.orgId, details: { languages: Object.keys(resources) } },
      now,
    );
  });
  return { ok: true };
}
