/**
 * A case file export (SPEC: an exportable case file that respects redactions), as a PDF in one
 * of three versions: `full`; `investigator` and `respondent`, each built on the newest redacted
 * version of the report for that audience (refused while there is none). The policy decides
 * (`case.export`); someone who reads only the redacted report cannot export the full version.
 * What each version holds is decided in core/cases/redaction.ts and applied here while loading,
 * so text a version must not carry is never decrypted into it. Audited as `case.exported`.
 */
import { eq, inArray } from 'drizzle-orm';
import { documentInCaseFile, readsRedactedReport, type CaseFileVersion } from '../../core/cases/redaction.ts';
import { AppError } from '../../core/errors.ts';
import { openAnswers, openAttachmentMetadata, openDocument, openIdentity, openRespondentKey, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { attachmentsOfCase } from '../../storage/attachmentFiles.ts';
import { documentsOfCase, type CaseRow, type DocumentRow } from '../../storage/caseHandlingStore.ts';
import { statusOf } from '../../storage/caseQueries.ts';
import { networkChannel } from '../../storage/channelQueries.ts';
import { inSequence, type Queryable } from '../../storage/database.ts';
import { questionnaireById } from '../../storage/questionnaireStore.ts';
import { organisations, staff } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';
import { caseFileContents, renderCaseFile, type CaseFileDocument, type CaseFileLabels, type CaseFileRecord, type RenderedCaseFile } from './caseFilePdf.ts';
import { handledCase } from './handledCase.ts';
import { caseRolesOf, latestRedaction } from './redactReport.ts';

export type CaseFileExport = RenderedCaseFile & { ref: number };

export async function exportCasePdf(
  context: Context,
  member: StaffMember,
  caseId: string,
  version: CaseFileVersion,
  labels: CaseFileLabels,
  options: { compress?: boolean } = {},
): Promise<CaseFileExport> {
  const now = context.clock();
  const record = await context.db.transaction(async (tx) => {
    const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.export', now);
    if (version === 'full' && readsRedactedReport(await caseRolesOf(tx, found.id, member.staffId))) throw new AppError('CASE_REPORT_REDACTED');
    const loaded = await loadRecord(tx, found, caseKey, version, member, now);
    await recordAudit(
      tx,
      { actorId: member.staffId, action: 'case.exported', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { version, documents: loaded.documents.length } },
      now,
    );
    return loaded;
  });
  return { ...(await renderCaseFile(caseFileContents(record, labels), options)), ref: record.ref };
}

async function loadRecord(db: Queryable, row: CaseRow, caseKey: CaseKey, version: CaseFileVersion, member: StaffMember, now: Date): Promise<CaseFileRecord> {
  const [organisation, channel, questionnaire, handled] = await inSequence([() => scopeName(db, row.orgId), () => scopeName(db, row.channelOrgId), () => questionnaireById(db, row.questionnaireId), () => handledCase(db, row)]);
  if (!questionnaire) throw new AppError('INTERNAL');
  const redaction = version === 'full' ? null : await latestRedaction(db, row, caseKey, version);
  if (version !== 'full' && !redaction) throw new AppError('REDACTION_MISSING', { audience: version });

  const rows = await documentsOfCase(db, row.id);
  const open = opener(row, caseKey);
  const documents = rows.filter((document) => documentInCaseFile(version, document)).flatMap(open);
  const reasons = new Map(version === 'full' ? rows.filter((document) => document.kind.endsWith('.reason')).flatMap(open).map((read) => [read.id, read.text] as const) : []);
  const evidence = (await attachmentsOfCase(db, row.id)).map((attachment) => ({
    ...openAttachmentMetadata(caseKey, row.id, attachment.id, attachment.sealedMetadata),
    id: attachment.id,
    at: attachment.createdAt,
  }));
  const staffIds = new Set<string>([member.staffId]);
  for (const entry of handled.state.history) {
    if (entry.by.kind === 'staff') staffIds.add(entry.by.staffId);
    if ('staffId' in entry.action) staffIds.add(entry.action.staffId);
  }
  for (const document of documents) if (document.author.staffId) staffIds.add(document.author.staffId);
  const people = await db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, [...staffIds].filter((id) => /^[0-9a-f-]{36}$/.test(id))));
  const staffNames = new Map(people.map((person) => [person.id, person.name]));

  return {
    version,
    ref: row.ref,
    organisation,
    channel,
    receivedAt: row.submittedAt,
    status: statusOf(row),
    definition: handled.definition,
    state: handled.state,
    exportedAt: now,
    exportedBy: staffNames.get(member.staffId) ?? '',
    questions: questionnaire.definition.questions,
    answers: redaction ? redaction.answers : openAnswers(caseKey, row.id, row.sealedAnswers),
    identity: version === 'full' && row.sealedIdentity ? openIdentity(caseKey, row.id, row.sealedIdentity) : undefined,
    redaction: redaction ? { title: redaction.title, version: redaction.version, at: redaction.at } : null,
    documents,
    reasons,
    staffNames,
    evidence,
  };
}

/** The name of the organisation (or the network) that received or handles the case. */
async function scopeName(db: Queryable, orgId: string | null): Promise<string> {
  if (orgId === null) return (await networkChannel(db))?.name ?? '';
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return row?.name ?? '';
}

/** Opens documents with the key each was sealed with (the respondent key through the case key). */
function opener(row: CaseRow, caseKey: CaseKey): (document: DocumentRow) => CaseFileDocument[] {
  let respondentKey: Uint8Array | undefined;
  return (document) => {
    if (document.sealedWith === 'respondent' && row.sealedRespondentKey) respondentKey ??= openRespondentKey(caseKey, row.id, row.sealedRespondentKey);
    const key = document.sealedWith === 'case' ? caseKey : document.sealedWith === 'respondent' ? respondentKey : undefined;
    if (!key) return [];
    const text = openDocument(key, row.id, document.id, document.sealedBody).text;
    return [{ id: document.id, kind: document.kind, at: document.createdAt, author: { kind: document.authorKind, staffId: document.authorStaffId }, text }];
  };
}
