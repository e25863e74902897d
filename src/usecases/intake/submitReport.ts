/**
 * A reporter sends a report, or saves it to finish later. In order: the signed form token
 * (forged or expired → the form comes back with the answers, nothing stored), the answers
 * (problems → the form comes back), then one transaction that spends the form's nonce (a
 * second submission of the same form stores nothing), stores the case sealed under a new
 * random key, wraps that key for the receipt and — when sent — for the recipients, starts the
 * timeline and writes the audit entry. The receipt is returned once and never stored.
 * Evidence files for the questionnaire's file questions are checked and cleaned before the
 * answers are read (their new ids become the answers), sealed with the case key, written
 * before the transaction and removed again if it fails: a refused report leaves no file.
 */
import crypto from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import type { FormFields } from '../../core/intake/answers.ts';
import { newCaseKey, receiptKeys, sealAnswers, sealIdentity, wrapForReceipt } from '../../core/intake/caseCrypto.ts';
import { REPORT_FORM_HOURS } from '../../core/intake/formToken.ts';
import { newReceipt, type Receipt } from '../../core/intake/receipt.ts';
import { receivingScope } from '../../core/intake/recipients.ts';
import { readReportForm, type FormProblem, type ReportSubmission } from '../../core/intake/reportForm.ts';
import { EVIDENCE_FILES_PER_SUBMISSION } from '../../core/intake/evidence.ts';
import type { QuestionnaireDefinition } from '../../core/intake/questionnaire.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addCaseEvent } from '../../storage/caseQueries.ts';
import { networkChannel, supportResources, type Channel, type SupportResources } from '../../storage/channelQueries.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';
import { spend } from '../../storage/intakeGuardStore.ts';
import { channelQuestionnaire, currentQuestionnaire } from '../../storage/questionnaireStore.ts';
import { caseKeys, cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { prepareEvidence, recordEvidence, sealEvidence, withEvidenceFiles, type PreparedFile, type Upload } from './evidenceUploads.ts';
import { withDerivationSlot } from './receiptDerivations.ts';
import { beginHandling } from '../cases/handledCase.ts';
import { answerTexts } from '../../core/cases/namedStaff.ts';
import { routeReport, wrapForRecipients } from './recipientKeys.ts';
import { checkReportForm, findChannel, reportFormView, type ReportFormView } from './reportChannel.ts';

export type SubmitOutcome =
  | { kind: 'created'; receipt: Receipt; at: Date; status: 'submitted' | 'draft'; channel: Channel; receiverName: string; support: SupportResources }
  | { kind: 'invalid'; view: ReportFormView; problems: Record<string, FormProblem> }
  | { kind: 'refused'; view: ReportFormView; code: 'REPORT_FORM_INVALID' | 'REPORT_FORM_EXPIRED' };

export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Everything the reporter wrote, where staff named in the report are looked for. */
export function reportTexts(submission: Pick<ReportSubmission, 'answers' | 'identity'>): string[] {
  return answerTexts(submission.answers, [submission.identity.name, submission.identity.contact]);
}

/** Files chosen for each file question, by field name (`q_<id>`); none when the form had no files. */
export type ReportUploads = Readonly<Record<string, readonly Upload[]>>;

type Evidence = { ok: true; files: PreparedFile[]; fields: FormFields } | { ok: false; problems: Record<string, FormProblem> };

/** Checks and cleans the files; their ids replace whatever the form said for the file questions. */
async function readEvidence(definition: QuestionnaireDefinition, fields: FormFields, uploads: ReportUploads): Promise<Evidence> {
  const fileQuestions = definition.questions.filter((question) => question.type === 'file').map((question) => `q_${question.id}`);
  const count = fileQuestions.reduce((total, name) => total + (uploads[name]?.filter((upload) => upload.name !== '' || upload.content.length > 0).length ?? 0), 0);
  const first = fileQuestions[0];
  if (count > EVIDENCE_FILES_PER_SUBMISSION && first) return { ok: false, problems: { [first]: { code: 'tooManyUploads', max: EVIDENCE_FILES_PER_SUBMISSION } } };
  const files: PreparedFile[] = [];
  const withIds: Record<string, string | readonly string[] | undefined> = { ...fields };
  for (const name of fileQuestions) {
    const prepared = await prepareEvidence(uploads[name] ?? [], 0);
    if (!prepared.ok) return { ok: false, problems: { [name]: prepared.problem } };
    files.push(...prepared.files);
    withIds[name] = prepared.files.map((file) => file.id);
  }
  return { ok: true, files, fields: withIds };
}

export async function submitReport(context: Context, input: { slug: string | null; fields: FormFields; uploads?: ReportUploads; attachmentsFolder: string }): Promise<SubmitOutcome> {
  const now = context.clock();
  const channel = await findChannel(context.db, input.slug);
  const questionnaireId = typeof input.fields.questionnaire === 'string' ? input.fields.questionnaire : '';
  const questionnaire = await channelQuestionnaire(context.db, channel.orgId, questionnaireId);

  const token = input.fields.formToken;
  const check = questionnaire ? await checkReportForm(context.db, channel, questionnaire.id, token, now) : undefined;
  if (!questionnaire || !check?.ok) {
    // The form comes back as typed, drawn from the current questionnaire, with a fresh token.
    const current = questionnaire ?? (await currentQuestionnaire(context.db, channel.orgId));
    const view = await reportFormView(context.db, channel, current, now);
    return { kind: 'refused', view, code: check?.ok === false && check.problem === 'expired' ? 'REPORT_FORM_EXPIRED' : 'REPORT_FORM_INVALID' };
  }

  const evidence = await readEvidence(questionnaire.definition, input.fields, input.uploads ?? {});
  const form = evidence.ok ? readReportForm(questionnaire.definition, evidence.fields, { channel: channel.kind, today: dayOf(now) }) : undefined;
  if (!evidence.ok || !form?.ok) {
    const view = await reportFormView(context.db, channel, questionnaire, now, typeof token === 'string' ? token : undefined);
    return { kind: 'invalid', view, problems: evidence.ok ? (form && !form.ok ? form.problems : {}) : evidence.problems };
  }

  const nonceExpiry = new Date(check.issuedAt.getTime() + REPORT_FORM_HOURS * 3_600_000);
  const { receipt, rerouted } = await createCase(context, {
    channel,
    questionnaireId: questionnaire.id,
    submission: form.submission,
    files: evidence.files,
    attachmentsFolder: input.attachmentsFolder,
    nonce: check.nonce,
    nonceExpiry,
    now,
  });
  const toNetwork = rerouted || receivingScope(channel.orgId, form.submission.choices.recipient) === null;
  return {
    kind: 'created',
    receipt,
    at: now,
    status: form.submission.intent === 'save' ? 'draft' : 'submitted',
    channel,
    receiverName: toNetwork ? ((await networkChannel(context.db))?.name ?? channel.name) : channel.name,
    support: await supportResources(context.db, channel.orgId),
  };
}

async function createCase(
  context: Context,
  input: { channel: Channel; questionnaireId: string; submission: ReportSubmission; files: PreparedFile[]; attachmentsFolder: string; nonce: string; nonceExpiry: Date; now: Date },
): Promise<{ receipt: Receipt; rerouted: boolean }> {
  const { submission, now } = input;
  const sending = submission.intent === 'submit';
  const caseId = crypto.randomUUID();
  const caseKey = newCaseKey();
  const receipt = newReceipt();
  // The one Argon2id derivation, outside the transaction so that no lock is held while it runs.
  const { receiptSalt } = await intakeSecrets(context.db);
  const keys = await withDerivationSlot(() => receiptKeys(receipt, receiptSalt, context.argon2));
  const chosenOrgId = receivingScope(input.channel.orgId, submission.choices.recipient);
  const hasIdentity = submission.identity.name !== '' || submission.identity.contact !== '';

  const sealedFiles = sealEvidence(caseKey, caseId, input.files);
  let rerouted = false;

  await withEvidenceFiles(input.attachmentsFolder, sealedFiles, () => context.db.transaction(async (tx) => {
    if (!(await spend(tx, 'report-form', input.nonce, input.nonceExpiry, now))) throw new AppError('REPORT_ALREADY_SENT');
    const route = sending ? await routeReport(tx, { orgId: chosenOrgId, texts: reportTexts(submission) }) : { orgId: chosenOrgId, named: [], toNetwork: false };
    const orgId = route.orgId;
    rerouted = route.toNetwork;
    await tx.insert(cases).values({
      id: caseId,
      orgId,
      channelOrgId: input.channel.orgId,
      status: sending ? 'submitted' : 'draft',
      path: submission.choices.path,
      identityMode: submission.choices.identityMode,
      questionnaireId: input.questionnaireId,
      receiptLookup: keys.lookup,
      sealedAnswers: sealAnswers(caseKey, caseId, submission.answers),
      sealedIdentity: hasIdentity ? sealIdentity(caseKey, caseId, submission.identity) : null,
      createdAt: now,
      submittedAt: sending ? now : null,
      updatedAt: now,
    });
    await recordEvidence(tx, { caseId, files: sealedFiles, messageId: null, now });
    await tx.insert(caseKeys).values({ caseId, holder: 'receipt', staffId: null, wrappedKey: wrapForReceipt(keys.wrapKey, caseKey, caseId), createdAt: now });
    const delivery = sending ? await wrapForRecipients(tx, { caseId, orgId, caseKey, now, exclude: route.named }) : undefined;
    if (sending) await beginHandling(tx, { caseId, orgId, path: submission.choices.path, receivedAt: now, namedStaff: route.named, now });
    await addCaseEvent(tx, { caseId, kind: sending ? 'submitted' : 'draft-saved', actorKind: 'reporter', at: now });
    await recordAudit(
      tx,
      {
        actorId: null,
        action: sending ? 'case.submitted' : 'case.draft-saved',
        subjectType: 'case',
        subjectId: caseId,
        // A draft is nobody's business yet: its audit entry names no organisation.
        orgId: sending ? orgId : null,
        details: delivery
          ? { channel: input.channel.orgId ?? 'network', recipients: delivery.count, rule: delivery.rule, attachments: sealedFiles.length, conflicts: route.named.length, toNetwork: route.toNetwork }
          : {},
      },
      now,
    );
  }));
  return { receipt, rerouted };
}
