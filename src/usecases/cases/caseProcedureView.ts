/**
 * The procedure as the case page shows it to one staff member: the definition and state, the
 * deadlines, what this member can do now (and the choices inside those forms), the names of the
 * staff the case mentions, and every document the history refers to, opened — with the case
 * key, or with the respondent key (reached through the case key) for what the respondent may
 * read. Part of opening a case: it runs inside `openCase`'s transaction and audited read.
 */
import { documentIdOf, documentRefPrefix } from '../../core/cases/handling.ts';
import { actionChoices, type ActionChoices } from '../../core/cases/actionChoices.ts';
import { openDocument, openRespondentKey, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { dayOf, deadlines, respondentContactAllowed, type CaseState, type DeadlineView, type ProcedureDefinition } from '../../core/procedures/index.ts';
import { caseAssignees, staffNames } from '../../storage/caseAssignees.ts';
import { documentsOfCase, type CaseRow } from '../../storage/caseHandlingStore.ts';
import type { Tx } from '../../storage/database.ts';
import { grantsForCase, type StaffMember } from './caseAccess.ts';
import { procedureTargets } from './handledCase.ts';

export type CaseDocumentText = { text: string; kind: string; forRespondent: boolean };

export type CaseProcedure = {
  definition: ProcedureDefinition;
  state: CaseState;
  deadlines: DeadlineView[];
  choices: ActionChoices;
  /** Staff names by id: everyone the state mentions and every colleague offered in a form. */
  people: Record<string, string>;
  /** Opened documents by their reference (`doc:<id>`). */
  documents: Record<string, CaseDocumentText>;
  contactAllowed: boolean;
  /** The signed-in member. */
  staffId: string;
  today: string;
};

export async function caseProcedureView(
  tx: Tx,
  input: { member: StaffMember; row: CaseRow; caseKey: CaseKey; definition: ProcedureDefinition; state: CaseState; now: Date },
): Promise<CaseProcedure> {
  const { member, row, caseKey, definition, state, now } = input;
  const colleagues = await caseAssignees(tx, row.id, row.orgId);
  const names = await staffNames(tx, staffIdsOf(state));
  const documents = await openedDocuments(tx, row, caseKey, state);
  const actor = { kind: 'staff' as const, staffId: member.staffId, grants: grantsForCase(member, row.orgId) };
  for (const colleague of colleagues) names.set(colleague.staffId, colleague.name);
  return {
    definition,
    state,
    deadlines: deadlines(definition, state, now),
    choices: actionChoices(definition, state, actor, now, colleagues, await procedureTargets(tx, row, state)),
    people: Object.fromEntries(names),
    documents,
    contactAllowed: respondentContactAllowed(state),
    staffId: member.staffId,
    today: dayOf(now),
  };
}

/** Every staff member the state names: in the team, the history, conflicts, declarations, decisions. */
function staffIdsOf(state: CaseState): string[] {
  return [
    ...state.team.map((assignment) => assignment.staffId),
    ...state.conflicts.map((conflict) => conflict.staffId),
    ...state.noConflictDeclared,
    ...Object.keys(state.involvement),
    ...state.history.flatMap((entry) => [...(entry.by.kind === 'staff' ? [entry.by.staffId] : []), ...('staffId' in entry.action ? [entry.action.staffId] : [])]),
    ...(state.safetyException ? [state.safetyException.requestedBy, ...(state.safetyException.approvedBy ? [state.safetyException.approvedBy] : [])] : []),
    ...state.appeals.flatMap((appeal) => (appeal.decision ? [appeal.decision.by] : [])),
  ];
}

/** The document references anywhere in the history (every document of the state was given by an action). */
function referencedDocuments(state: CaseState): Set<string> {
  const ids = new Set<string>();
  for (const entry of state.history) {
    for (const value of Object.values(entry.action)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        const id = typeof item === 'string' ? documentIdOf(item) : null;
        if (id) ids.add(id);
      }
    }
  }
  return ids;
}

async function openedDocuments(tx: Tx, row: CaseRow, caseKey: CaseKey, state: CaseState): Promise<Record<string, CaseDocumentText>> {
  const wanted = referencedDocuments(state);
  if (wanted.size === 0) return {};
  const rows = (await documentsOfCase(tx, row.id)).filter((document) => wanted.has(document.id));
  const respondentKey = row.sealedRespondentKey && rows.some((document) => document.sealedWith === 'respondent') ? openRespondentKey(caseKey, row.id, row.sealedRespondentKey) : null;
  const opened: Record<string, CaseDocumentText> = {};
  for (const document of rows) {
    const forRespondent = document.sealedWith === 'respondent';
    const key = forRespondent ? respondentKey : caseKey;
    if (!key) continue;
    opened[`${documentRefPrefix}${document.id}`] = { text: openDocument(key, row.id, document.id, document.sealedBody).text, kind: document.kind, forRespondent };
  }
  return opened;
}
