/**
 * Invitations, paused answers and answer sets. The one rule this module keeps: storing an answer
 * and deleting the invitation that allowed it happen in one transaction, and nothing written
 * names the other — the answer set gets a fresh random id, the week it arrived, and no more.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { AnswerSet } from '../../core/toolkit/answering.ts';
import type { Queryable } from '../database.ts';
import { toolkitAnswerSets, toolkitComments, toolkitDrafts, toolkitInvitations, toolkitInvitationTokens } from '../schema/index.ts';

export type OpenInvitation = { invitationId: string; roundId: string; orgId: string; language: string };

export async function invitationByTokenHash(db: Queryable, tokenHash: string, options: { lock?: boolean } = {}): Promise<OpenInvitation | undefined> {
  const query = db
    .select({ invitationId: toolkitInvitations.id, roundId: toolkitInvitations.roundId, orgId: toolkitInvitations.orgId, language: toolkitInvitations.language })
    .from(toolkitInvitationTokens)
    .innerJoin(toolkitInvitations, eq(toolkitInvitations.id, toolkitInvitationTokens.invitationId))
    .where(eq(toolkitInvitationTokens.tokenHash, tokenHash));
  const [row] = options.lock ? await query.for('update', { of: toolkitInvitations }) : await query;
  return row;
}

export async function insertInvitations(
  db: Queryable,
  rows: readonly { roundId: string; orgId: string; email: string | null; language: string; tokenHash?: string }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const created = await db
    .insert(toolkitInvitations)
    .values(rows.map(({ roundId, orgId, email, language }) => ({ roundId, orgId, email, language })))
    .returning({ id: toolkitInvitations.id });
  const tokens = rows.flatMap((row, index) => (row.tokenHash && created[index] ? [{ tokenHash: row.tokenHash, invitationId: created[index].id }] : []));
  if (tokens.length > 0) await db.insert(toolkitInvitationTokens).values(tokens);
  return created.map((row) => row.id);
}

export async function addInvitationToken(db: Queryable, invitationId: string, tokenHash: string): Promise<void> {
  await db.insert(toolkitInvitationTokens).values({ tokenHash, invitationId });
}

export async function invitationForMail(db: Queryable, invitationId: string): Promise<{ email: string; language: string; roundId: string; orgId: string } | undefined> {
  const [row] = await db
    .select({ email: toolkitInvitations.email, language: toolkitInvitations.language, roundId: toolkitInvitations.roundId, orgId: toolkitInvitations.orgId })
    .from(toolkitInvitations)
    .where(and(eq(toolkitInvitations.id, invitationId), isNotNull(toolkitInvitations.email)));
  return row?.email ? { ...row, email: row.email } : undefined;
}

/** Unused e-mail invitations of a round (optionally of some organisations), for reminders. */
export async function unansweredEmailInvitations(db: Queryable, roundId: string, orgIds?: readonly string[]): Promise<string[]> {
  const rows = await db
    .select({ id: toolkitInvitations.id })
    .from(toolkitInvitations)
    .where(
      and(
        eq(toolkitInvitations.roundId, roundId),
        isNotNull(toolkitInvitations.email),
        orgIds ? inArray(toolkitInvitations.orgId, [...orgIds]) : undefined,
      ),
    );
  return rows.map((row) => row.id);
}

export async function markReminded(db: Queryable, invitationIds: readonly string[], day: string): Promise<void> {
  if (invitationIds.length === 0) return;
  await db.update(toolkitInvitations).set({ remindedOn: day }).where(inArray(toolkitInvitations.id, [...invitationIds]));
}

export async function deleteInvitation(db: Queryable, invitationId: string): Promise<void> {
  await db.delete(toolkitInvitations).where(eq(toolkitInvitations.id, invitationId));
}

/** Closing a round forgets who was invited and every paused answer. */
export async function forgetOpenWork(db: Queryable, roundId: string): Promise<void> {
  await db.delete(toolkitInvitations).where(eq(toolkitInvitations.roundId, roundId));
  await db.delete(toolkitDrafts).where(eq(toolkitDrafts.roundId, roundId));
}

export async function insertAnswerSet(db: Queryable, values: { roundId: string; orgId: string; week: string; answers: AnswerSet }): Promise<void> {
  await db.insert(toolkitAnswerSets).values({
    roundId: values.roundId,
    orgId: values.orgId,
    roleGroup: values.answers.roleGroup,
    submittedWeek: values.week,
    choices: values.answers.choices,
    domainScores: values.answers.domainScores,
  });
  if (values.answers.comments.length > 0) {
    await db.insert(toolkitComments).values(values.answers.comments.map((comment) => ({ roundId: values.roundId, orgId: values.orgId, ...comment })));
  }
}

export async function saveDraft(db: Queryable, values: { id: string; roundId: string; sealed: Uint8Array }): Promise<void> {
  await db.insert(toolkitDrafts).values(values).onConflictDoUpdate({ target: toolkitDrafts.id, set: { sealed: values.sealed } });
}

export async function draftById(db: Queryable, id: string): Promise<{ roundId: string; sealed: Uint8Array } | undefined> {
  const [row] = await db.select({ roundId: toolkitDrafts.roundId, sealed: toolkitDrafts.sealed }).from(toolkitDrafts).where(eq(toolkitDrafts.id, id));
  return row;
}

export async function deleteDraft(db: Queryable, id: string): Promise<void> {
  await db.delete(toolkitDrafts).where(eq(toolkitDrafts.id, id));
}
