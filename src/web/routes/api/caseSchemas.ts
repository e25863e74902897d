/**
 * The zod schemas of the case-handling API: what the routes parse (path, query, bodies) and
 * what they answer. The OpenAPI document is generated from these (web/openapi.ts) and the route
 * tests check every answer against them, so the three cannot disagree.
 *
 * The action body is the engine's own `actionSchema` with one difference: the fields that carry
 * free text (reasons, every `…Ref`, sanctions and remedies) take the text itself, which the
 * use-case seals as a case document before the engine sees a `doc:<id>` reference to it.
 */
import { z } from 'zod';
import { DOCUMENT_MAX_CHARS, isTextField } from '../../../core/cases/handling.ts';
import { caseEventKinds, caseStatuses, identityModes, reportPaths } from '../../../core/intake/caseModel.ts';
import { MAX_ANSWER_LENGTH } from '../../../core/intake/questionnaire.ts';
import { actionSchema } from '../../../core/procedures/index.ts';
import { caseRoles, parties, pathKinds, priorities, stepActionTypes } from '../../../core/procedures/vocabulary.ts';

const instant = z.iso.datetime().describe('An instant, ISO 8601 in UTC.');
const day = z.iso.date().describe('A calendar day, YYYY-MM-DD.');

export const caseIdParams = z.object({ id: z.uuid().describe('The case id.') });

export const procedureParams = z.object({
  id: z.string().min(1).max(60).describe('The procedure id, e.g. formal-investigation.'),
  version: z.coerce.number().int().min(1).max(1_000_000).describe('The version of the definition.'),
});

// --- Requests --------------------------------------------------------------------------------

const freeText = z
  .string()
  .trim()
  .min(1)
  .max(DOCUMENT_MAX_CHARS)
  .describe('Free text, sealed as a document of the case before the procedure engine sees it; or `doc:<id>` / `att:<id>` naming a document or evidence file already on this case.');
const reasonText = freeText.min(3);

function withTextFields(option: z.ZodObject): z.ZodObject {
  const shape = Object.fromEntries(
    Object.entries(option.shape).map(([key, field]): [string, z.ZodType] => {
      if (!isTextField(key)) return [key, field as z.ZodType];
      const text = key === 'reason' ? reasonText : freeText;
      if (field instanceof z.ZodArray) return [key, z.array(text).max(20)];
      return [key, field instanceof z.ZodOptional ? text.optional() : text];
    }),
  );
  return z.strictObject(shape);
}

/** An action on a case, as the API takes it: `type` chooses the action, the other fields are its details. */
export const caseActionRequest = z.discriminatedUnion(
  'type',
  actionSchema.options.map(withTextFields) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const replyRequest = z.strictObject({
  text: z.string().min(1).max(MAX_ANSWER_LENGTH).describe('The message to the reporter, sealed with the case key.'),
});

// --- Answers ---------------------------------------------------------------------------------

export const caseSummarySchema = z.object({
  id: z.uuid(),
  ref: z.int().describe('The case number.'),
  receivedAt: instant,
  orgId: z.uuid().nullable().describe('The receiving organisation, or null for the network.'),
  orgName: z.string().nullable(),
  status: z.enum(caseStatuses),
  path: z.enum(reportPaths),
  procedureNameKey: z.string().nullable().describe('A message key naming the procedure the case follows.'),
  steps: z.array(z.object({ id: z.string(), nameKey: z.string().nullable() })).describe('The steps open now.'),
  nextDueOn: day.nullable(),
  deadline: z.enum(['upcoming', 'due', 'overdue', 'paused']).nullable().describe('The state of the deadline that ends first.'),
  priority: z.enum(priorities).nullable(),
  category: z.string().nullable(),
  labels: z.array(z.string()),
  onTeam: z.boolean().describe('Whether the caller is on the case team.'),
});

export const inboxSchema = z.object({
  cases: z.array(caseSummarySchema),
  next: z.string().nullable().describe('Pass as `after` for the next page; null on the last page.'),
  previous: z.string().nullable().describe('Pass as `before` for the previous page; null on the first page.'),
  overdue: z.object({ count: z.int(), atLeast: z.boolean().describe('The count stopped at its cap: there are at least this many.') }),
});

const channelSchema = z.object({
  kind: z.enum(['network', 'organisation']),
  orgId: z.uuid().nullable(),
  slug: z.string().nullable(),
  name: z.string(),
  country: z.string().nullable(),
  languages: z.array(z.string()),
});

const answerSchema = z.union([z.string(), z.array(z.string()), z.object({ from: z.string().optional(), to: z.string().optional() })]);

const actorRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), staffId: z.string(), caseRoles: z.array(z.enum(caseRoles)) }),
  z.object({ kind: z.enum(['reporter', 'respondent', 'system']) }),
]);

const procedureRefSchema = z.object({ id: z.string(), version: z.int(), path: z.enum(pathKinds) });

export const deadlineSchema = z.object({
  id: z.string(),
  kind: z.enum(['step', 'appealDecision', 'checkIn']),
  nameKey: z.string().describe('A message key naming the deadline.'),
  step: z.string().nullable(),
  startedOn: day,
  dueOn: day,
  status: z.enum(['upcoming', 'due', 'overdue', 'paused', 'met', 'waived']),
  metOn: day.nullable(),
  late: z.boolean(),
  adjustable: z.boolean(),
  pausedSince: day.nullable(),
  pausedDays: z.int(),
  extendedDays: z.int(),
  legalReference: z.string().nullable(),
});

/** Where a case stands in its procedure, without any text: documents are named by reference. */
export const procedureStateSchema = z.object({
  procedure: procedureRefSchema,
  status: z.enum(caseStatuses),
  priority: z.string().nullable(),
  retaliationRisk: z.string().nullable(),
  currentSteps: z.array(z.object({ id: z.string(), nameKey: z.string(), action: z.enum(stepActionTypes), roles: z.array(z.enum(caseRoles)) })),
  steps: z.array(
    z.object({ procedure: z.object({ id: z.string(), version: z.int() }), step: z.string(), status: z.enum(['completed', 'skipped']), at: instant, by: actorRefSchema }),
  ),
  team: z.array(z.object({ staffId: z.string(), role: z.enum(caseRoles), since: instant })),
  respondentContactAllowed: z.boolean(),
  nextDueOn: day.nullable(),
  closure: z.object({ at: instant, kind: z.enum(['completed', 'withdrawn']) }).nullable(),
  legalHold: z.boolean(),
  purgeOn: day.nullable(),
});

const caseCoverShape = {
  id: z.uuid(),
  status: z.enum(caseStatuses),
  path: z.enum(reportPaths),
  identityMode: z.enum(identityModes),
  receivedAt: instant.nullable(),
  channel: channelSchema.describe('Where the report was made.'),
  receiver: channelSchema.describe('Who received it.'),
};

const documentSchema = z.object({
  text: z.string(),
  kind: z.string().describe('What the document is: `<action>.<field>`, e.g. `decide.reasonsRef`.'),
  forRespondent: z.boolean().describe('Sealed so that the respondent can read it too.'),
});

const caseFileShape = {
  ...caseCoverShape,
  questionnaire: z.object({ id: z.uuid(), version: z.int(), definition: z.record(z.string(), z.unknown()) }),
  answers: z.record(z.string(), answerSchema).describe('The answers by question id.'),
  identity: z.object({ name: z.string(), contact: z.string() }).nullable(),
  messages: z.array(
    z.object({ id: z.uuid(), author: z.enum(['reporter', 'staff']), authorName: z.string().nullable(), kind: z.enum(['message', 'information']), text: z.string(), at: instant }),
  ),
  attachments: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: z.string(),
      receivedSize: z.int(),
      receivedSha256: z.string(),
      cleaned: z.boolean(),
      storedSize: z.int(),
      at: instant,
      messageId: z.uuid().nullable(),
    }),
  ),
  timeline: z.array(z.object({ kind: z.enum(caseEventKinds), actorKind: z.string(), at: instant, details: z.record(z.string(), z.string()) })),
  handling: procedureStateSchema,
  deadlines: z.array(deadlineSchema),
  history: z
    .array(z.object({ at: instant, by: actorRefSchema, action: actionSchema }))
    .describe('Every accepted action, oldest first; free text appears as `doc:<id>` references, opened in `documents`.'),
  documents: z.record(z.string(), documentSchema).describe('The documents the history refers to, by reference (`doc:<id>`), opened.'),
  people: z.record(z.string(), z.string()).describe('Names of the staff the case mentions, by staff id.'),
};

/**
 * Before a staff member has declared that they have no conflict of interest, a case shows only
 * its unsealed facts; the declaration is the action `{ "type": "declareNoConflict" }`.
 */
export const caseFileSchema = z.discriminatedUnion('declared', [
  z.object({ declared: z.literal(false), ...caseCoverShape }),
  z.object({ declared: z.literal(true), ...caseFileShape }),
]);

const procedureOption = z.object({ procedure: procedureRefSchema, nameKey: z.string() });

export const availableActionsSchema = z.object({
  actions: z.array(
    z.object({
      type: z.enum(actionSchema.options.map((option) => option.shape.type.value) as [string, ...string[]]),
      target: z.string().nullable().describe('What the action is about when there is a choice: a step, role, party, deadline, appeal…'),
    }),
  ),
  assignable: z.partialRecord(z.enum(caseRoles), z.array(z.string())).describe('Colleagues (staff ids) who can be given each case role now.'),
  conflictable: z.array(z.string()).describe('Staff whose conflict of interest the caller could record.'),
  paths: z.array(procedureOption).describe('Procedures the case can change to now (`changePath`).'),
  resumable: z.partialRecord(z.enum(parties), z.array(procedureOption)).describe('Procedures a party withdrawing from an informal resolution can resume (`withdrawConsent`).'),
  people: z.record(z.string(), z.string()).describe('Names of the colleagues offered, by staff id.'),
});

export const actionResultSchema = z.object({
  action: actionSchema.describe('The action as recorded, its free text replaced by `doc:<id>` references.'),
  handling: procedureStateSchema,
  deadlines: z.array(deadlineSchema),
});

export const replyResultSchema = z.object({ sent: z.literal(true) });

/** Answer schemas used inside several others, each described once in the document. */
export const sharedAnswerSchemas: readonly { name: string; schema: z.ZodType }[] = [
  { name: 'Instant', schema: instant },
  { name: 'Day', schema: day },
  { name: 'CaseAction', schema: actionSchema },
  { name: 'ProcedureState', schema: procedureStateSchema },
  { name: 'Deadline', schema: deadlineSchema },
];
