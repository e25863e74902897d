/**
 * Pure glue between intake and the procedure engine: which procedure a case starts on, how the
 * engine's state shows in the columns lists and the sweeper read, and which fields of an action
 * carry free text (sealed as documents before the engine sees a reference to them).
 */
import type { CaseStatus, ReportPath } from '../intake/caseModel.ts';
import {
  currentSteps,
  deadlines,
  purgeOn,
  templates,
  type CaseState,
  type DeadlineView,
  type ProcedureDefinition,
} from '../procedures/index.ts';
import type { PathKind } from '../procedures/vocabulary.ts';

/** The shipped procedure for each path the reporter can choose ("not sure" → the internal channel). */
export const procedureIdForPath: Record<ReportPath | 'escrow', string> = {
  not_sure: 'internal-channel',
  formal: 'formal-investigation',
  informal: 'informal-resolution',
  record_only: 'record-only',
  escrow: 'escrow',
};

/** The engine path for the reporter's choice ("not sure" → the internal channel). */
export const pathKindOfReportPath: Record<ReportPath, PathKind> = {
  not_sure: 'internal-channel',
  formal: 'formal',
  informal: 'informal',
  record_only: 'record-only',
};

/** The intake path word for an engine path (the reporter's follow-up page speaks intake's words). */
export const reportPathOfPathKind: Record<PathKind, ReportPath> = {
  'internal-channel': 'not_sure',
  formal: 'formal',
  informal: 'informal',
  'record-only': 'record_only',
  escrow: 'not_sure',
};

export function shippedTemplate(id: string, version: number): ProcedureDefinition | undefined {
  return templates.find((template) => template.id === id && template.version === version);
}

export function latestTemplate(id: string): ProcedureDefinition | undefined {
  return templates.filter((template) => template.id === id).sort((a, b) => b.version - a.version)[0];
}

/** What the case row shows of the state: kept in columns so inbox filters and the sweeper use indexes. */
export type HandlingColumns = {
  status: Exclude<CaseStatus, 'draft'>;
  path: ReportPath;
  procedureId: string;
  procedureVersion: number;
  priority: string | null;
  retaliationRisk: string | null;
  currentSteps: string[];
  nextDueOn: string | null;
  deadlineStatus: DeadlineView['status'] | null;
  closedAt: Date | null;
  purgeOn: string | null;
  legalHold: boolean;
};

const openStatuses: ReadonlySet<DeadlineView['status']> = new Set(['upcoming', 'due', 'overdue', 'paused']);

/** The open deadline that ends first (paused ones count with their current last day). */
export function nextDeadline(definition: ProcedureDefinition, state: CaseState, now: Date): DeadlineView | undefined {
  return deadlines(definition, state, now)
    .filter((view) => openStatuses.has(view.status))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))[0];
}

export function statusOfState(state: CaseState): HandlingColumns['status'] {
  if (state.closure) return state.closure.kind === 'withdrawn' ? 'withdrawn' : 'closed';
  const done = state.steps.filter((record) => record.status === 'completed');
  if (done.some((record) => record.stepAction !== 'acknowledge')) return 'in_progress';
  if (done.some((record) => record.stepAction === 'acknowledge')) return 'acknowledged';
  return 'submitted';
}

export function handlingColumns(definition: ProcedureDefinition, state: CaseState, now: Date): HandlingColumns {
  const triage = [...state.steps].reverse().find((record) => record.action.type === 'triage' && record.status === 'completed')?.action;
  const next = nextDeadline(definition, state, now);
  return {
    status: statusOfState(state),
    path: reportPathOfPathKind[state.procedure.path],
    procedureId: state.procedure.id,
    procedureVersion: state.procedure.version,
    priority: triage?.type === 'triage' ? triage.priority : null,
    retaliationRisk: triage?.type === 'triage' ? triage.retaliationRisk : null,
    currentSteps: currentSteps(definition, state).map((step) => step.id),
    nextDueOn: next?.dueOn ?? null,
    deadlineStatus: next?.status ?? null,
    closedAt: state.closure ? new Date(state.closure.at) : null,
    purgeOn: purgeOn(definition, state),
    legalHold: state.legalHold !== null,
  };
}

/**
 * Free text in an action: reasons and the `…Ref` fields (documents), and the lists of sanctions
 * and remedies. The use-case seals each as a document and gives the engine `doc:<id>` instead.
 */
export function isTextField(key: string): boolean {
  return key === 'reason' || key.endsWith('Ref') || key === 'sanctions' || key === 'remedies';
}

/** The longest text one field may carry (a notice or an investigation report can be long). */
export const DOCUMENT_MAX_CHARS = 100_000;

export const documentRefPrefix = 'doc:';

export function documentRef(id: string): string {
  return `${documentRefPrefix}${id}`;
}

export function documentIdOf(ref: string): string | null {
  return ref.startsWith(documentRefPrefix) ? ref.slice(documentRefPrefix.length) : null;
}
