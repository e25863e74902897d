/** Action points with their dated progress notes. */
import { and, asc, desc, eq, inArray, isNull, lt, notInArray, or } from 'drizzle-orm';
import type { Queryable } from '../database.ts';
import { toolkitActionPoints, toolkitProgressNotes } from '../schema/index.ts';

export const actionStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const finishedStatuses: readonly ActionStatus[] = ['done', 'dropped'];

export function isActionStatus(value: unknown): value is ActionStatus {
  return typeof value === 'string' && (actionStatuses as readonly string[]).includes(value);
}

export type ActionPoint = {
  id: string;
  orgId: string | null;
  roundId: string | null;
  domainKey: string;
  questionKey: string | null;
  title: string;
  ownerName: string;
  ownerEmail: string | null;
  dueOn: string;
  indicator: string;
  target: string;
  status: ActionStatus;
};

export type ProgressNote = { id: string; notedOn: string; status: ActionStatus; note: string };

function toActionPoint(row: typeof toolkitActionPoints.$inferSelect): ActionPoint {
  return {
    id: row.id,
    orgId: row.orgId,
    roundId: row.roundId,
    domainKey: row.domainKey,
    questionKey: row.questionKey,
    title: row.title,
    ownerName: row.ownerName,
    ownerEmail: row.ownerEmail,
    dueOn: row.dueOn,
    indicator: row.indicator,
    target: row.target,
    status: isActionStatus(row.status) ? row.status : 'planned',
  };
}

const scopeIs = (orgId: string | null) => (orgId === null ? isNull(toolkitActionPoints.orgId) : eq(toolkitActionPoints.orgId, orgId));

export async function insertActionPoint(db: Queryable, values: Omit<ActionPoint, 'id' | 'status'> & { createdBy: string; now: Date }): Promise<string> {
  const { now, ...rest } = values;
  const [row] = await db.insert(toolkitActionPoints).values({ ...rest, status: 'planned', createdAt: now, updatedAt: now }).returning({ id: toolkitActionPoints.id });
  if (!row) throw new Error('action point was not stored');
  return row.id;
}

export async function actionPointById(db: Queryable, id: string): Promise<ActionPoint | undefined> {
  const [row] = await db.select().from(toolkitActionPoints).where(eq(toolkitActionPoints.id, id));
  return row ? toActionPoint(row) : undefined;
}

export async function actionPointsOf(db: Queryable, orgId: string | null): Promise<ActionPoint[]> {
  const rows = await db.select().from(toolkitActionPoints).where(scopeIs(orgId)).orderBy(asc(toolkitActionPoints.dueOn), asc(toolkitActionPoints.title));
  return rows.map(toActionPoint);
}

/** Unfinished action points whose due date has passed, in the given scopes. */
export async function overdueActionPoints(db: Queryable, scopes: { network: boolean; orgIds: readonly string[] }, today: string): Promise<ActionPoint[]> {
  const inScope = [
    ...(scopes.network ? [isNull(toolkitActionPoints.orgId)] : []),
    ...(scopes.orgIds.length > 0 ? [inArray(toolkitActionPoints.orgId, [...scopes.orgIds])] : []),
  ];
  if (inScope.length === 0) return [];
  const rows = await db
    .select()
    .from(toolkitActionPoints)
    .where(and(lt(toolkitActionPoints.dueOn, today), notInArray(toolkitActionPoints.status, [...finishedStatuses]), or(...inScope)))
    .orderBy(asc(toolkitActionPoints.dueOn));
  return rows.map(toActionPoint);
}

export async function updateActionPoint(db: Queryable, id: string, changes: Partial<Pick<ActionPoint, 'status' | 'dueOn' | 'ownerName' | 'ownerEmail' | 'target' | 'indicator' | 'title'>>, now: Date): Promise<void> {
  await db.update(toolkitActionPoints).set({ ...changes, updatedAt: now }).where(eq(toolkitActionPoints.id, id));
}

export async function insertProgressNote(db: Queryable, values: { actionPointId: string; notedOn: string; status: ActionStatus; note: string; authorId: string; now: Date }): Promise<void> {
  const { now, ...rest } = values;
  await db.insert(toolkitProgressNotes).values({ ...rest, createdAt: now });
}

export async function progressNotesOf(db: Queryable, actionPointId: string): Promise<ProgressNote[]> {
  const rows = await db
    .select({ id: toolkitProgressNotes.id, notedOn: toolkitProgressNotes.notedOn, status: toolkitProgressNotes.status, note: toolkitProgressNotes.note })
    .from(toolkitProgressNotes)
    .where(eq(toolkitProgressNotes.actionPointId, actionPointId))
    .orderBy(desc(toolkitProgressNotes.notedOn), desc(toolkitProgressNotes.createdAt));
  return rows.map((row) => ({ ...row, status: isActionStatus(row.status) ? row.status : 'planned' }));
}
