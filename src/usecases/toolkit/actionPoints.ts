/**
 * Action points drawn from results: linked to a domain (and optionally a question) of a round,
 * with an owner, due date, indicator, target and status; progress is recorded as dated notes.
 * Reminders to the owner go through the outbox a week before the due date and the day after it.
 */
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { dayOf } from '../../core/toolkit/coarseTime.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import { normaliseEmail } from '../../storage/staffQueries.ts';
import {
  actionPointById,
  actionPointsOf,
  insertActionPoint,
  insertProgressNote,
  overdueActionPoints,
  progressNotesOf,
  updateActionPoint,
  type ActionPoint,
  type ActionStatus,
  type ProgressNote,
} from '../../storage/toolkit/actionPointStore.ts';
import { isParticipant, roundById } from '../../storage/toolkit/roundStore.ts';
import { templateById } from '../../storage/toolkit/templateStore.ts';
import type { Tx } from '../../storage/database.ts';
import type { Context } from '../context.ts';
import { toolkitScopes } from './toolkitScopes.ts';

export const ACTION_REMINDER_MAIL = 'mail.toolkit-action-reminder';
const DAY_MS = 86_400_000;

export type NewActionPoint = {
  orgId: string | null;
  roundId: string;
  domainKey: string;
  questionKey: string | null;
  title: string;
  ownerName: string;
  ownerEmail: string | null;
  dueOn: string;
  indicator: string;
  target: string;
};

async function queueReminders(tx: Tx, point: { id: string; dueOn: string; ownerEmail: string | null }, now: Date, linkBase: string): Promise<void> {
  if (!point.ownerEmail) return;
  const due = new Date(`${point.dueOn}T09:00:00Z`);
  const weekBefore = new Date(Math.max(now.getTime(), due.getTime() - 7 * DAY_MS));
  await enqueue(tx, ACTION_REMINDER_MAIL, { actionPointId: point.id, dueOn: point.dueOn, when: 'soon', linkBase }, weekBefore);
  await enqueue(tx, ACTION_REMINDER_MAIL, { actionPointId: point.id, dueOn: point.dueOn, when: 'overdue', linkBase }, new Date(due.getTime() + DAY_MS));
}

export async function createActionPoint(context: Context, actor: Actor, input: NewActionPoint, linkBase: string): Promise<string> {
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: input.orgId });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const round = await roundById(tx, input.roundId);
    const takesPart = input.orgId === null ? round.scope === 'network' : await isParticipant(tx, round.id, input.orgId);
    if (!takesPart) throw new AppError('NOT_FOUND');
    const template = await templateById(tx, round.templateId);
    const domain = template.definition.domains.find((candidate) => candidate.key === input.domainKey);
    if (!domain) throw new AppError('BAD_INPUT', { detail: 'unknown domain' }, { domainKey: 'validation.invalid' });
    if (input.questionKey !== null && !domain.questions.some((question) => question.key === input.questionKey)) {
      throw new AppError('BAD_INPUT', { detail: 'question not in domain' }, { questionKey: 'toolkit.actions.questionNotInDomain' });
    }
    const ownerEmail = input.ownerEmail ? normaliseEmail(input.ownerEmail) : null;
    const id = await insertActionPoint(tx, { ...input, ownerEmail, createdBy: actor.staffId, now });
    await queueReminders(tx, { id, dueOn: input.dueOn, ownerEmail }, now, linkBase);
    await recordAudit(tx, { actorId: actor.staffId, action: 'toolkit.action-point-created', subjectType: 'toolkit-action-point', subjectId: id, orgId: input.orgId, details: { domain: input.domainKey } }, now);
    return id;
  });
}

async function pointFor(context: Context | { db: Tx }, actor: Actor, id: string): Promise<ActionPoint> {
  const point = await actionPointById(context.db, id);
  if (!point) throw new AppError('NOT_FOUND');
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: point.orgId });
  return point;
}

/** A dated progress note, optionally moving the status and the due date (which re-queues reminders). */
export async function recordProgress(
  context: Context,
  actor: Actor,
  input: { id: string; status: ActionStatus; note: string; dueOn: string | null },
  linkBase: string,
): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const point = await pointFor({ db: tx }, actor, input.id);
    const dueOn = input.dueOn ?? point.dueOn;
    await updateActionPoint(tx, point.id, { status: input.status, dueOn }, now);
    await insertProgressNote(tx, { actionPointId: point.id, notedOn: dayOf(now), status: input.status, note: input.note, authorId: actor.staffId, now });
    if (dueOn !== point.dueOn) await queueReminders(tx, { id: point.id, dueOn, ownerEmail: point.ownerEmail }, now, linkBase);
    await recordAudit(tx, { actorId: actor.staffId, action: 'toolkit.action-point-progress', subjectType: 'toolkit-action-point', subjectId: point.id, orgId: point.orgId, details: { status: input.status, dueOn } }, now);
  });
}

export async function actionPointWithNotes(context: Context, actor: Actor, id: string): Promise<{ point: ActionPoint; notes: ProgressNote[] }> {
  const point = await pointFor(context, actor, id);
  return { point, notes: await progressNotesOf(context.db, point.id) };
}

export async function actionPointsFor(context: Context, actor: Actor, orgId: string | null): Promise<ActionPoint[]> {
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId });
  return actionPointsOf(context.db, orgId);
}

/** Every overdue action point this staff member can see, across their scopes. */
export async function overdueFor(context: Context, actor: Actor): Promise<ActionPoint[]> {
  const scopes = toolkitScopes(actor);
  const network = scopes.network && actor.grants.some((grant) => grant.orgId === null && (grant.role === 'assessment_coordinator' || grant.role === 'admin'));
  return overdueActionPoints(context.db, { network, orgIds: scopes.orgIds }, dayOf(context.clock()));
}

export function isOverdue(point: ActionPoint, today: string): boolean {
  return point.dueOn < today && point.status !== 'done' && point.status !== 'dropped';
}
