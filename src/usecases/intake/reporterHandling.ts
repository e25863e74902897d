/**
 * Case handling as the reporter's follow-up page shows it, read with the case key the session
 * holds: where the case stands for them (reporterSituation), what they can do now (asked of the
 * engine itself, so the page offers only what would be accepted), and the documents sent to
 * them — respondent-sealed ones (the investigation report, the outcome, appeal decisions, the
 * agreement) opened through the respondent key, which the case key unwraps. Which documents:
 * core/cases/reporterView.ts; a row must also have the kind its action says, or it is skipped.
 */
import { documentsForReporter, reporterSituation, type ReporterDocumentKind, type ReporterSituation } from '../../core/cases/reporterView.ts';
import { openDocument, openRespondentKey, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { availableActions, type ActionType } from '../../core/procedures/index.ts';
import { documentsOfCase, type CaseRow } from '../../storage/caseHandlingStore.ts';
import type { Queryable } from '../../storage/database.ts';
import { handledCase } from '../cases/handledCase.ts';

export type ReporterDocument = { id: string; what: ReporterDocumentKind; at: Date; text: string };

export type ReporterHandling = ReporterSituation & { available: ActionType[]; documents: ReporterDocument[] };

export async function reporterHandling(db: Queryable, row: CaseRow, caseKey: CaseKey, now: Date): Promise<ReporterHandling> {
  const { definition, state } = await handledCase(db, row);
  const rows = new Map((await documentsOfCase(db, row.id)).map((document) => [document.id, document]));
  let respondentKey: Uint8Array | undefined;
  const keyFor = (sealedWith: string): Uint8Array | undefined => {
    if (sealedWith === 'case') return caseKey;
    if (sealedWith !== 'respondent' || !row.sealedRespondentKey) return undefined;
    respondentKey ??= openRespondentKey(caseKey, row.id, row.sealedRespondentKey);
    return respondentKey;
  };
  const documents: ReporterDocument[] = [];
  for (const reference of documentsForReporter(state)) {
    const document = rows.get(reference.documentId);
    const key = document && document.kind === reference.rowKind ? keyFor(document.sealedWith) : undefined;
    if (!document || !key) continue;
    documents.push({ id: document.id, what: reference.what, at: document.createdAt, text: openDocument(key, row.id, document.id, document.sealedBody).text });
  }
  const available = [...new Set(availableActions(definition, state, { kind: 'reporter' }, now).map((action) => action.type))];
  return { ...reporterSituation(definition, state), available, documents };
}
