/**
 * How the case-handling API shows what the use-cases return: plain JSON in the shapes of
 * caseSchemas.ts (instants as ISO strings, days as YYYY-MM-DD, absent values as null). Output
 * shaping only; what a caller may see was settled by the use-case that returned it.
 */
import type { z } from 'zod';
import { handlingColumns } from '../../../core/cases/handling.ts';
import type { ProcedureOption } from '../../../core/cases/actionChoices.ts';
import {
  currentSteps,
  deadlines,
  respondentContactAllowed,
  type CaseState,
  type ProcedureDefinition,
  type ProcedureRef,
} from '../../../core/procedures/index.ts';
import type { Inbox } from '../../../usecases/cases/listInbox.ts';
import type { CaseOpening } from '../../../usecases/cases/openCase.ts';
import type { CaseHandling } from '../../../usecases/cases/readCaseHandling.ts';
import type { availableActionsSchema, caseFileSchema, caseSummarySchema, deadlineSchema, inboxSchema, procedureStateSchema } from './caseSchemas.ts';

type Json<S extends z.ZodType> = z.input<S>;

export function inboxJson(inbox: Inbox): Json<typeof inboxSchema> {
  return {
    cases: inbox.entries.map((entry): Json<typeof caseSummarySchema> => ({ ...entry, receivedAt: entry.receivedAt.toISOString() })),
    next: inbox.next ?? null,
    previous: inbox.previous ?? null,
    overdue: inbox.overdue,
  };
}

export type Handling = { definition: ProcedureDefinition; state: CaseState };

export function procedureStateJson({ definition, state }: Handling, now: Date): Json<typeof procedureStateSchema> {
  const columns = handlingColumns(definition, state, now);
  return {
    procedure: state.procedure,
    status: columns.status,
    priority: columns.priority,
    retaliationRisk: columns.retaliationRisk,
    currentSteps: currentSteps(definition, state).map((step) => ({ id: step.id, nameKey: step.nameKey, action: step.action, roles: step.roles })),
    steps: state.steps.map((record) => ({ procedure: record.procedure, step: record.step, status: record.status, at: record.at, by: record.by })),
    team: state.team.filter((assignment) => assignment.until === null).map((assignment) => ({ staffId: assignment.staffId, role: assignment.role, since: assignment.since })),
    respondentContactAllowed: respondentContactAllowed(state),
    nextDueOn: columns.nextDueOn,
    closure: state.closure,
    legalHold: columns.legalHold,
    purgeOn: columns.purgeOn,
  };
}

export function deadlinesJson({ definition, state }: Handling, now: Date): Json<typeof deadlineSchema>[] {
  return deadlines(definition, state, now);
}

export function caseFileJson(opening: CaseOpening, now: Date): Json<typeof caseFileSchema> {
  if (!opening.declared) {
    const { id, status, path, identityMode, receivedAt, channel, receiver } = opening.cover;
    return { declared: false, id, status, path, identityMode, receivedAt: receivedAt?.toISOString() ?? null, channel, receiver };
  }
  const { file } = opening;
  const handling = { definition: file.procedure.definition, state: file.procedure.state };
  return {
    declared: true,
    id: file.id,
    status: file.status,
    path: file.path,
    identityMode: file.identityMode,
    receivedAt: file.receivedAt?.toISOString() ?? null,
    channel: file.channel,
    receiver: file.receiver,
    questionnaire: { id: file.questionnaire.id, version: file.questionnaire.version, definition: file.questionnaire.definition },
    answers: file.answers,
    identity: file.identity ?? null,
    messages: file.messages.map((message) => ({ ...message, at: message.at.toISOString() })),
    attachments: file.attachments.map((attachment) => ({ ...attachment, at: attachment.at.toISOString() })),
    timeline: file.timeline.map((event) => ({ ...event, at: event.at.toISOString() })),
    handling: procedureStateJson(handling, now),
    deadlines: file.procedure.deadlines,
    history: file.procedure.state.history,
    documents: file.procedure.documents,
    people: file.procedure.people,
  };
}

/** A procedure the case page offers, as the reference an action carries. */
function procedureOptionJson(option: ProcedureOption): { procedure: ProcedureRef; nameKey: string }[] {
  return [{ procedure: option.procedure, nameKey: option.nameKey }];
}

export function availableActionsJson(handling: CaseHandling): Json<typeof availableActionsSchema> {
  const { assignable, conflictable, paths, resumable } = handling.choices;
  return {
    actions: handling.actions,
    assignable,
    conflictable,
    paths: paths.flatMap(procedureOptionJson),
    resumable: Object.fromEntries(Object.entries(resumable).map(([party, options]) => [party, options.flatMap(procedureOptionJson)])),
    people: handling.people,
  };
}
