/** Assessment rounds, the organisations taking part, and what each agreed to share. */
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { AssessmentForm } from '../../core/toolkit/template.ts';
import type { Queryable } from '../database.ts';
import { organisations, toolkitAnswerSets, toolkitParticipants, toolkitRounds } from '../schema/index.ts';

export type RoundScope = 'organisation' | 'network';
export type RoundStatus = 'open' | 'closed';

export type Round = {
  id: string;
  title: string;
  scope: RoundScope;
  orgId: string | null;
  templateId: string;
  form: AssessmentForm;
  status: RoundStatus;
  openedOn: string;
  closesOn: string | null;
  closedOn: string | null;
};

function toRound(row: typeof toolkitRounds.$inferSelect): Round {
  return {
    id: row.id,
    title: row.title,
    scope: row.scope === 'network' ? 'network' : 'organisation',
    orgId: row.orgId,
    templateId: row.templateId,
    form: row.form === 'short' ? 'short' : 'long',
    status: row.status === 'closed' ? 'closed' : 'open',
    openedOn: row.openedOn,
    closesOn: row.closesOn,
    closedOn: row.closedOn,
  };
}

export async function roundById(db: Queryable, roundId: string): Promise<Round> {
  const [row] = await db.select().from(toolkitRounds).where(eq(toolkitRounds.id, roundId));
  if (!row) throw new AppError('NOT_FOUND');
  return toRound(row);
}

/** Locks the round against closing while an answer is stored (closing takes the row for update). */
export async function roundForAnswer(db: Queryable, roundId: string): Promise<Round> {
  const [row] = await db.select().from(toolkitRounds).where(eq(toolkitRounds.id, roundId)).for('share');
  if (!row) throw new AppError('TOOLKIT_INVITATION_INVALID');
  return toRound(row);
}

export async function insertRound(
  db: Queryable,
  values: { title: string; scope: RoundScope; orgId: string | null; templateId: string; form: AssessmentForm; openedOn: string; closesOn: string | null; createdBy: string },
): Promise<string> {
  const [row] = await db.insert(toolkitRounds).values({ ...values, status: 'open' }).returning({ id: toolkitRounds.id });
  if (!row) throw new AppError('INTERNAL');
  return row.id;
}

export async function addParticipants(db: Queryable, roundId: string, orgIds: readonly string[]): Promise<void> {
  if (orgIds.length === 0) return;
  await db
    .insert(toolkitParticipants)
    .values(orgIds.map((orgId) => ({ roundId, orgId })))
    .onConflictDoNothing();
}

export async function participantsOf(db: Queryable, roundId: string): Promise<{ orgId: string; name: string; invited: number; sharedDomains: string[] }[]> {
  return db
    .select({ orgId: toolkitParticipants.orgId, name: organisations.name, invited: toolkitParticipants.invited, sharedDomains: toolkitParticipants.sharedDomains })
    .from(toolkitParticipants)
    .innerJoin(organisations, eq(organisations.id, toolkitParticipants.orgId))
    .where(eq(toolkitParticipants.roundId, roundId))
    .orderBy(organisations.name);
}

export async function isParticipant(db: Queryable, roundId: string, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ orgId: toolkitParticipants.orgId })
    .from(toolkitParticipants)
    .where(and(eq(toolkitParticipants.roundId, roundId), eq(toolkitParticipants.orgId, orgId)));
  return Boolean(row);
}

export async function setSharedDomains(db: Queryable, roundId: string, orgId: string, domains: readonly string[]): Promise<void> {
  await db
    .update(toolkitParticipants)
    .set({ sharedDomains: [...domains] })
    .where(and(eq(toolkitParticipants.roundId, roundId), eq(toolkitParticipants.orgId, orgId)));
}

export async function countInvited(db: Queryable, roundId: string, orgId: string, added: number): Promise<void> {
  await db
    .update(toolkitParticipants)
    .set({ invited: sql`${toolkitParticipants.invited} + ${added}` })
    .where(and(eq(toolkitParticipants.roundId, roundId), eq(toolkitParticipants.orgId, orgId)));
}

/** Rounds an organisation takes part in (its own and the network's), newest first. */
export async function roundsOfOrganisation(db: Queryable, orgId: string): Promise<Round[]> {
  const rows = await db
    .select({ round: toolkitRounds })
    .from(toolkitRounds)
    .innerJoin(toolkitParticipants, eq(toolkitParticipants.roundId, toolkitRounds.id))
    .where(eq(toolkitParticipants.orgId, orgId))
    .orderBy(desc(toolkitRounds.openedOn), desc(toolkitRounds.createdAt));
  return rows.map((row) => toRound(row.round));
}

/** Rounds visible from some scopes: the network's (null) and those of the given organisations. */
export async function roundsInScopes(db: Queryable, scopes: { network: boolean; orgIds: readonly string[]; all?: boolean }): Promise<Round[]> {
  if (scopes.all) {
    const everything = await db.select().from(toolkitRounds).orderBy(desc(toolkitRounds.openedOn), desc(toolkitRounds.createdAt));
    return everything.map(toRound);
  }
  const conditions = [
    ...(scopes.network ? [eq(toolkitRounds.scope, 'network'), isNull(toolkitRounds.orgId)] : []),
    ...(scopes.orgIds.length > 0 ? [inArray(toolkitRounds.orgId, [...scopes.orgIds])] : []),
  ];
  if (scopes.orgIds.length > 0) {
    const joined = await db
      .select({ roundId: toolkitParticipants.roundId })
      .from(toolkitParticipants)
      .where(inArray(toolkitParticipants.orgId, [...scopes.orgIds]));
    if (joined.length > 0) conditions.push(inArray(toolkitRounds.id, joined.map((row) => row.roundId)));
  }
  if (conditions.length === 0) return [];
  const rows = await db.select().from(toolkitRounds).where(or(...conditions)).orderBy(desc(toolkitRounds.openedOn), desc(toolkitRounds.createdAt));
  return rows.map(toRound);
}

export async function markClosed(db: Queryable, roundId: string, closedOn: string): Promise<void> {
  const updated = await db
    .update(toolkitRounds)
    .set({ status: 'closed', closedOn })
    .where(and(eq(toolkitRounds.id, roundId), eq(toolkitRounds.status, 'open')))
    .returning({ id: toolkitRounds.id });
  if (updated.length === 0) throw new AppError('TOOLKIT_ROUND_CLOSED');
}

/** How many answered, per organisation: a bare count, published only through results. */
export async function answerCounts(db: Queryable, roundId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ orgId: toolkitAnswerSets.orgId, n: sql<number>`count(*)::int` })
    .from(toolkitAnswerSets)
    .where(eq(toolkitAnswerSets.roundId, roundId))
    .groupBy(toolkitAnswerSets.orgId);
  return new Map(rows.map((row) => [row.orgId, row.n]));
}
