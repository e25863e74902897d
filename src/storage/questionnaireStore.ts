/**
 * Questionnaire versions per channel. A channel without one gets the shipped default as its
 * version 1 on first use; the questionnaire editor (usecases/intake/editQuestionnaire.ts) adds versions. Cases point at the
 * exact version they answered, so an old report always reads with its own questions.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { defaultQuestionnaire } from '../core/intake/defaultQuestionnaire.ts';
import { parseDefinition, type QuestionnaireDefinition } from '../core/intake/questionnaire.ts';
import type { Queryable } from './database.ts';
import { questionnaires } from './schema/index.ts';

export type QuestionnaireVersion = { id: string; orgId: string | null; version: number; definition: QuestionnaireDefinition };

type Row = typeof questionnaires.$inferSelect;

function toVersion(row: Row): QuestionnaireVersion {
  const parsed = parseDefinition(row.definition);
  // A stored definition was parsed before it was stored; failing here means the row was altered.
  if (!parsed.ok) throw new Error(`questionnaire ${row.id} is not a valid definition: ${parsed.problems.join('; ')}`);
  return { id: row.id, orgId: row.orgId, version: row.version, definition: parsed.definition };
}

const sameChannel = (orgId: string | null) => (orgId === null ? isNull(questionnaires.orgId) : eq(questionnaires.orgId, orgId));

export async function currentQuestionnaire(db: Queryable, orgId: string | null): Promise<QuestionnaireVersion> {
  const latest = async () => {
    const [row] = await db.select().from(questionnaires).where(sameChannel(orgId)).orderBy(desc(questionnaires.version)).limit(1);
    return row;
  };
  const found = await latest();
  if (found) return toVersion(found);
  await db.insert(questionnaires).values({ orgId, version: 1, definition: defaultQuestionnaire }).onConflictDoNothing();
  const created = await latest();
  if (!created) throw new Error('the default questionnaire could not be stored');
  return toVersion(created);
}

/** A version of this channel's questionnaire, or undefined (unknown id, or another channel's). */
export async function channelQuestionnaire(db: Queryable, orgId: string | null, id: string): Promise<QuestionnaireVersion | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const [row] = await db.select().from(questionnaires).where(and(eq(questionnaires.id, id), sameChannel(orgId)));
  return row ? toVersion(row) : undefined;
}

export async function questionnaireById(db: Queryable, id: string): Promise<QuestionnaireVersion | undefined> {
  const [row] = await db.select().from(questionnaires).where(eq(questionnaires.id, id));
  return row ? toVersion(row) : undefined;
}
