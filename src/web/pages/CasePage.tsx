/**
 * A case as the staff member working it reads it, once they have declared no conflict (before
 * that, CaseProcedureGate is shown instead): the summary; the procedure (steps, deadlines, team,
 * the respondent-contact gate, appeals, check-ins, measures); the forms for what they can do
 * now; the reporter's identity when they gave one, the answers with the questions of the version
 * they answered, the evidence files, sharing access, the timeline and the conversation with a
 * reply form; and the case history with its documents opened. Sections marked as insertion
 * points are where the case's other work (notes, labels, links, referrals, the evidence log,
 * break-glass), the respondent thread and redaction/export links go.
 */
import type { AnswerProblem } from '../../core/intake/answers.ts';
import type { CaseFile } from '../../usecases/cases/openCase.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import type { Colleague } from '../../usecases/cases/shareCaseAccess.ts';
import { CaseEvidence, ShareAccess } from './CaseEvidence.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';
import { answerText, localText, MultilineText, problemMessage } from './ReportFormFields.tsx';
import { MessageThread, StatusTimeline } from './MessageThread.tsx';
import { ActionProblem, CaseProcedureActions, type ActionFeedback } from './CaseProcedureActions.tsx';
import { CaseProcedureHistory } from './CaseProcedureHistory.tsx';
import { CaseCoverSummary } from './CaseProcedureGate.tsx';
import { CaseProcedurePanel } from './CaseProcedurePanel.tsx';
import { CaseWorkSections } from './CaseWorkSections.tsx';
import { EvidenceReviewPanel } from './EvidenceReviewPanel.tsx';
import { RespondentThread } from './RespondentThread.tsx';

export type CasePageProps = {
  context: PageContext;
  file: CaseFile;
  sent?: boolean;
  problem?: AnswerProblem | undefined;
  typed?: string | undefined;
  /** A notice after an action (files attached, access shared). */
  done?: string | undefined;
  evidenceProblem?: string | undefined;
  shareProblem?: string | undefined;
  colleagues?: Colleague[];
  /** An action form sent back: refused by the procedure (409) or with field problems (400). */
  action?: ActionFeedback | undefined;
  /** A notice from the respondent's side (message sent, invitation revoked). */
  respondentDone?: string | undefined;
};

/** Redacted versions of the report and the case file as a PDF (their pages check who may see them). */
function CaseExports(props: { context: PageContext; caseId: string }) {
  const { t } = props.context;
  const base = `/cases/${props.caseId}`;
  return (
    <>
      <h2 id="case-exports-title">{t('caseHandling.exports.title')}</h2>
      <ul>
        <li>
          <a href={`${base}/redactions/investigator`}>{t('caseHandling.exports.redactInvestigator')}</a>
        </li>
        <li>
          <a href={`${base}/redactions/respondent`}>{t('caseHandling.exports.redactRespondent')}</a>
        </li>
      </ul>
      <h3>{t('caseExport.redaction.exportTitle')}</h3>
      <p class="hint">{t('caseExport.redaction.exportHint')}</p>
      <ul>
        <li>
          <a href={`${base}/export.pdf?version=full`}>{t('caseExport.redaction.exportFull')}</a>
        </li>
        <li>
          <a href={`${base}/export.pdf?version=investigator`}>{t('caseExport.redaction.exportInvestigator')}</a>
        </li>
        <li>
          <a href={`${base}/export.pdf?version=respondent`}>{t('caseExport.redaction.exportRespondent')}</a>
        </li>
      </ul>
    </>
  );
}

function fileAnswer(file: CaseFile, answer: unknown): string {
  const ids = Array.isArray(answer) ? answer : [];
  return ids.map((id) => file.attachments.find((attachment) => attachment.id === id)?.name ?? String(id)).join(', ');
}

export function CasePage(props: CasePageProps) {
  const { context, file } = props;
  const { t, language } = context;
  const answered = file.questionnaire.definition.questions.filter((question) => file.answers[question.id] !== undefined);
  const problem = props.problem ? problemMessage(context, props.problem, file.questionnaire.definition) : undefined;
  return (
    <Layout context={context} title={t('caseFile.title', { date: file.receivedAt ? formatDate(language, file.receivedAt) : '' })}>
      {props.sent ? <Notice kind="success">{t('caseFile.replySent')}</Notice> : null}
      {props.done ? <Notice kind="success">{props.done}</Notice> : null}
      <ActionProblem context={context} view={file.procedure} feedback={props.action} />
      <CaseCoverSummary context={context} cover={file} />

      <CaseProcedurePanel context={context} view={file.procedure} />
      <CaseProcedureActions context={context} caseId={file.id} view={file.procedure} feedback={props.action} />
      <EvidenceReviewPanel context={context} caseId={file.id} panel={file.evidenceReview} />

      {file.identity ? (
        <section aria-labelledby="reporter-title">
          <h2 id="reporter-title">{t('caseFile.reporterTitle')}</h2>
          <p class="hint">{t(`caseFile.identityNote.${file.identityMode}`)}</p>
          <dl>
            {file.identity.name ? (
              <div>
                <dt>{t('intake.form.name')}</dt>
                <dd>{file.identity.name}</dd>
              </div>
            ) : null}
            {file.identity.contact ? (
              <div>
                <dt>{t('intake.form.contact')}</dt>
                <dd>{file.identity.contact}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="answers-title">
        <h2 id="answers-title">{t('caseFile.answersTitle', { version: file.questionnaire.version })}</h2>
        <dl class="answers">
          {answered.map((question) => (
            <div key={question.id}>
              <dt>{localText(context, question.label)}</dt>
              <dd>
                <MultilineText class="answer-text" text={question.type === 'file' ? fileAnswer(file, file.answers[question.id]) : answerText(context, question, file.answers[question.id])} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <CaseEvidence context={context} file={file} problem={props.evidenceProblem} />

      <ShareAccess context={context} file={file} colleagues={props.colleagues ?? []} problem={props.shareProblem} />

      {/* Insertion point: notes, labels, links, referrals, evidence log, break-glass. */}
      <section id="case-work" class="case-work">
        {file.work ? <CaseWorkSections context={context} caseId={file.id} work={file.work} /> : null}
      </section>

      <StatusTimeline context={context} title={t('caseFile.timelineTitle')} events={file.timeline} />

      <section aria-labelledby="thread-title">
        <h2 id="thread-title">{t('caseFile.threadTitle')}</h2>
        <MessageThread
          language={language}
          empty={t('caseFile.noMessages')}
          messages={file.messages}
          label={(message) =>
            message.author === 'staff' ? (message.authorName ?? t('caseFile.formerStaff')) : t(message.kind === 'information' ? 'caseFile.reporterInformation' : 'caseFile.reporter')
          }
        />
        <form method="post" action={`/cases/${file.id}/messages`} novalidate>
          <CsrfField token={context.csrfToken} />
          <div class={problem ? 'field field-error' : 'field'}>
            <label for="field-text">{t('caseFile.replyLabel')}</label>
            <p class="hint" id="field-text-hint">
              {t('caseFile.replyHint')}
            </p>
            {problem ? (
              <p class="error" id="field-text-error">
                {problem}
              </p>
            ) : null}
            <textarea id="field-text" name="text" rows={6} maxLength={20_000} value={props.typed ?? ''} aria-describedby={problem ? 'field-text-hint field-text-error' : 'field-text-hint'} aria-invalid={problem ? 'true' : undefined} />
          </div>
          <button type="submit">{t('caseFile.replySend')}</button>
        </form>
      </section>

      {/* Insertion point: the thread with the respondent, never mixed with the reporter's. */}
      <section id="respondent-thread" class="respondent-thread">
        {file.respondent ? <RespondentThread context={context} panel={file.respondent} returnTo="case" done={props.respondentDone} /> : null}
      </section>

      {/* Insertion point: redacted versions and the case file export. */}
      <section id="case-exports" class="case-exports" aria-labelledby="case-exports-title">
        <CaseExports context={context} caseId={file.id} />
      </section>

      <CaseProcedureHistory context={context} view={file.procedure} />
    </Layout>
  );
}
