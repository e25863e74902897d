/**
 * A case as its handler reads it: the summary, the reporter's identity when they gave one, the
 * answers with the questions of the version they answered, the timeline and the conversation,
 * and a reply form. Full case handling (assignment, triage, procedures) comes with its own work.
 */
import { timelineText } from '../components/timelineText.ts';
import type { AnswerProblem } from '../../core/intake/answers.ts';
import type { CaseFile } from '../../usecases/cases/openCase.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import type { Colleague } from '../../usecases/cases/shareCaseAccess.ts';
import { CaseEvidence, ShareAccess } from './CaseEvidence.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from './FollowUpCasePage.tsx';
import { answerText, localText, MultilineText, problemMessage } from './ReportFormFields.tsx';

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
};

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
      <dl class="case-summary">
        <div>
          <dt>{t('caseFile.status')}</dt>
          <dd>{t(`intake.status.${file.status}`)}</dd>
        </div>
        <div>
          <dt>{t('caseFile.receiver')}</dt>
          <dd>{file.receiver.name}</dd>
        </div>
        <div>
          <dt>{t('caseFile.channel')}</dt>
          <dd>{file.channel.name}</dd>
        </div>
        <div>
          <dt>{t('caseFile.path')}</dt>
          <dd>{t(`intake.paths.${file.path}.label`)}</dd>
        </div>
        <div>
          <dt>{t('caseFile.identity')}</dt>
          <dd>{t(`intake.identity.${file.identityMode}.label`)}</dd>
        </div>
      </dl>

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

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('caseFile.timelineTitle')}</h2>
        <ol class="timeline">
          {file.timeline.map((event, index) => (
            <li key={index}>
              <time dateTime={event.at.toISOString()}>{formatDate(language, event.at)}</time>{' '}
              {timelineText(t, event)}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="thread-title">
        <h2 id="thread-title">{t('caseFile.threadTitle')}</h2>
        {file.messages.length === 0 ? <p>{t('caseFile.noMessages')}</p> : null}
        <ol class="thread">
          {file.messages.map((message) => (
            <li key={message.id} class={`message message-${message.author}`}>
              <p class="message-meta">
                <strong>
                  {message.author === 'staff'
                    ? (message.authorName ?? t('caseFile.formerStaff'))
                    : message.kind === 'information'
                      ? t('caseFile.reporterInformation')
                      : t('caseFile.reporter')}
                </strong>{' '}
                <time dateTime={message.at.toISOString()}>{formatDate(language, message.at)}</time>
              </p>
              <MultilineText class="message-text" text={message.text} />
            </li>
          ))}
        </ol>
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
    </Layout>
  );
}
