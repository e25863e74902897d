/**
 * What a procedure definition is: plain, JSON-serialisable data, versioned, chosen per case.
 * The zod schema checks the shape; `validateDefinition` then checks that the whole makes sense
 * (every step reachable, due process intact). A case records the id and version it follows,
 * so editing a definition makes a new version and never changes the rules of a running case.
 */
import { z } from 'zod';
import {
  caseRoles,
  checkInTopics,
  duties,
  noticeContents,
  pathKinds,
  stepActionTypes,
  type StepActionType,
} from './vocabulary.ts';

const stepIdSchema = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'a step id is a short camelCase word');
const messageKeySchema = z.string().regex(/^[a-zA-Z][\w-]*(\.[\w-]+)+$/, 'a message key looks like area.name');
const positiveDays = z.int().min(1).max(3650);

/** Conditions a step's action must meet, beyond its earlier steps being done. */
export const guardSchema = z.discriminatedUnion('kind', [
  /** The notice to the respondent states at least these things. */
  z.object({ kind: z.literal('noticeIncludes'), contents: z.array(z.enum(noticeContents)).min(1) }),
  /** The respondent has answered, or has had this many days since the notice. */
  z.object({ kind: z.literal('responsePeriod'), days: positiveDays }),
  /** The evidence has been open to both parties for at least this many days. */
  z.object({ kind: z.literal('evidenceReviewMinimum'), days: positiveDays }),
  /** Both parties' written, voluntary consent is on record and not withdrawn. */
  z.object({ kind: z.literal('bothPartiesConsent') }),
  /** The appeal window has ended and every appeal filed has been decided. */
  z.object({ kind: z.literal('appealsSettled') }),
  /** At least this many check-ins on this topic have been held. */
  z.object({ kind: z.literal('checkInsHeld'), topic: z.enum(checkInTopics), minimum: z.int().min(1).max(52) }),
]);
export type Guard = z.infer<typeof guardSchema>;
export type GuardKind = Guard['kind'];

export const stepSchema = z.object({
  id: stepIdSchema,
  nameKey: messageKeySchema,
  /** The one action that completes this step. */
  action: z.enum(stepActionTypes),
  /** Steps that must be completed (or skipped with a reason) first. */
  after: z.array(stepIdSchema),
  /** The case roles that may take the action. */
  roles: z.array(z.enum(caseRoles)).min(1),
  /** The part in the case that taking this step counts as, for separation of duties. */
  duty: z.enum(duties),
  guards: z.array(guardSchema),
  /** Whether a handler may skip the step, always with a recorded reason. */
  skippable: z.boolean(),
});
export type StepDefinition = z.infer<typeof stepSchema>;

const deadlineStartSchema = z.discriminatedUnion('kind', [
  /** From the day the report was received. */
  z.object({ kind: z.literal('received') }),
  /** From the day the deadline's own step could first be taken on the current path. */
  z.object({ kind: z.literal('stepReady') }),
  /**
   * From the day another step was completed; with `atLatestDaysAfterReceived`, no later than
   * that many days after receipt (EU 2019/1937 art. 9(1)(f): feedback counts from the
   * acknowledgement, or from the end of the 7 days if none was sent).
   */
  z.object({ kind: z.literal('stepCompleted'), step: stepIdSchema, atLatestDaysAfterReceived: positiveDays.optional() }),
]);

export const deadlineSchema = z.object({
  id: stepIdSchema,
  nameKey: messageKeySchema,
  /** The step whose completion meets the deadline. */
  step: stepIdSchema,
  from: deadlineStartSchema,
  within: z.union([z.object({ days: positiveDays }), z.object({ months: z.int().min(1).max(120) })]),
  /** The deadline shows as "due" this many days before its last day. */
  remindDaysBefore: z.int().min(0).max(90),
  /** Whether it may be paused or extended (always with a reason); a statutory deadline may not. */
  adjustable: z.boolean(),
  legalReference: z.string().max(200).optional(),
});
export type DeadlineDefinition = z.infer<typeof deadlineSchema>;

/** "Whoever took part as `duty` never takes part as any of `never`", read both ways. */
export const separationRuleSchema = z.object({ duty: z.enum(duties), never: z.array(z.enum(duties)).min(1) });
export type SeparationRule = z.infer<typeof separationRuleSchema>;

export const procedureDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'a procedure id is lower-case words joined by hyphens'),
  version: z.int().min(1),
  nameKey: messageKeySchema,
  descriptionKey: messageKeySchema,
  path: z.enum(pathKinds),
  /** Formal procedures: validation insists on every due-process safeguard. */
  dueProcess: z.boolean(),
  legalReferences: z.array(z.string().min(1).max(200)),
  steps: z.array(stepSchema).min(1).max(60),
  deadlines: z.array(deadlineSchema).max(60),
  separationOfDuties: z.array(separationRuleSchema),
  staffing: z.object({
    /** Handlers who must be on the case before any step other than the exempt ones. */
    minimumHandlers: z.int().min(1).max(10),
    exemptSteps: z.array(stepIdSchema),
  }),
  /** Null when the path has no decision to appeal. */
  appeals: z
    .object({
      /** Days after the written outcome in which either party may appeal, on the same terms. */
      windowDays: positiveDays,
      /** Days after an appeal is filed in which it should be decided. */
      decisionWithinDays: positiveDays,
    })
    .nullable(),
  retention: z.object({ yearsAfterClosure: z.int().min(1).max(100) }),
});
export type ProcedureDefinition = z.infer<typeof procedureDefinitionSchema>;

/** How a case names the definition it follows. */
export type ProcedureRef = { id: string; version: number; path: ProcedureDefinition['path'] };

export function refOf(definition: ProcedureDefinition): ProcedureRef {
  return { id: definition.id, version: definition.version, path: definition.path };
}

export function sameProcedure(a: { id: string; version: number }, b: { id: string; version: number }): boolean {
  return a.id === b.id && a.version === b.version;
}

export function stepFor(definition: ProcedureDefinition, action: StepActionType): StepDefinition | undefined {
  return definition.steps.find((step) => step.action === action);
}

export function stepById(definition: ProcedureDefinition, id: string): StepDefinition | undefined {
  return definition.steps.find((step) => step.id === id);
}
