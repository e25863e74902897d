/**
 * The reporter or the respondent acts on their own case through the procedure engine (consent
 * to contact the respondent, a response, evidence, an appeal, consent to informal resolution
 * and its withdrawal, a change of path, a withdrawal). The caller has already found the case
 * from the party's own session, locked its row and holds the party's key; this does the rest in
 * that transaction, exactly as for staff: documents sealed, the engine's verdict (a refusal
 * writes nothing), the state, the events, and an audit entry that names no person.
 */
import { applyAction, type CaseAction, type CaseEvent, type CaseState } from '../../core/procedures/index.ts';
import { refusal, type Refusal } from '../../core/procedures/refusals.ts';
import type { Party } from '../../core/procedures/vocabulary.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { CaseRow } from '../../storage/caseHandlingStore.ts';
import type { Tx } from '../../storage/database.ts';
import { auditDetails, followEvents } from './actOnCase.ts';
import { queuePartyNews } from './caseMail.ts';
import { handledCase, moveProblem, storeDocuments, storeHandling, withDocumentRefs, type SealingKeys } from './handledCase.ts';

export type PartyOutcome = { ok: true; action: CaseAction; events: CaseEvent[]; state: CaseState } | { ok: false; refusal: Refusal };

export async function actAsParty(tx: Tx, input: { row: CaseRow; party: Party; keys: SealingKeys; action: unknown; now: Date }): Promise<PartyOutcome> {
  const { row, party, keys, now } = input;
  const { definition, state } = await handledCase(tx, row);
  const prepared = withDocumentRefs(input.action);
  if (!prepared.ok) return { ok: false, refusal: prepared.refusal };
  // A party refers only to what they write now; references to stored documents are for staff.
  if (JSON.stringify(input.action ?? null).match(/"(doc|att):/)) return { ok: false, refusal: refusal('ACTION_INVALID', { detail: 'reference' }) };
  const target = await moveProblem(tx, row, state, prepared.action);
  if (target) return { ok: false, refusal: target };
  const result = applyAction(definition, state, prepared.action, { kind: party }, now);
  if (!result.ok) return { ok: false, refusal: result.error };
  const action = result.state.history.at(-1)?.action;
  if (!action) return { ok: false, refusal: refusal('ACTION_INVALID') };
  await storeDocuments(tx, { row, keys, action, documents: prepared.documents, author: { kind: party }, now });
  await storeHandling(tx, row, result.state, now);
  await followEvents(tx, row, result.events, party, now);
  // The team hears of what a party did; an event that alerts staff on its own already says what.
  if (!result.events.some((event) => event.type === 'alertStaff')) await queuePartyNews(tx, row.id, party === 'reporter' ? 'reporterMessage' : 'respondentMessage', now);
  await recordAudit(
    tx,
    { actorId: null, action: `case.action.${action.type}`, subjectType: 'case', subjectId: row.id, orgId: row.orgId, details: { ...auditDetails(action, result.events), by: party } },
    now,
  );
  return { ok: true, action, events: result.events, state: result.state };
}
