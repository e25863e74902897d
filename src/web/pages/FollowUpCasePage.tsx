/**
 * A reporter's report, after returning with the receipt: status, timeline, what was sent to
 * them in writing, the conversation with the handlers, and forms to reply, add information,
 * make their own choices on the case (FollowUpHandling.tsx), change the path or withdraw. A
 * saved draft is shown as the report form, ready to finish.
 */
import type { ComponentChildren } from 'preact';
import { reporterMay, reportPaths } from '../../core/intake/caseModel.ts';
import type { FormProblem } from '../../core/intake/reportForm.ts';
import { acceptAttribute } from '../../core/intake/evidence.ts';
import type { FollowUpView, ReporterFile } from '../../usecases/intake/viewFollowUp.ts';
import { Notice } from '../components/Form.tsx';
import { formatDate } from '../components/formatDate.ts';
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';
import { HandlingChoices, HandlingRecord, TextArea, type ChoiceProblems, type ChoiceTyped } from './FollowUpHandling.tsx';
import { EvidenceAdvice, ProblemSummary, ReportFormBody, reportProblemList, type FormValues } from './ReportFormFields.tsx';
import { SendButtons } from './ReportPage.tsx';
import { EvidenceForReviewSection } from './EvidenceForReviewSection.tsx';
import { MessageThread, StatusTimeline } from './MessageThread.tsx';

export type FollowUpCaseProps = {
  context: PageContext;
  chrome: ReporterChrome;
  view: FollowUpView;
  notice?: { kind: 'success' | 'error'; text: string } | undefined;
  /** A draft sent back with problems: what was typed, and what is wrong. */
  draftValues?: FormValues | undefined;
  draftProblems?: Record<string, FormProblem> | undefined;
  /** Problems of the small forms, already in words, by field. */
  problems?: Partial<Record<'message' | 'information' | 'path', string>>;
  typed?: Partial<Record<'message' | 'information', string>>;
  /** Problems and typed values of the appeal and adviser forms. */
  choiceProblems?: ChoiceProblems | undefined;
  choiceTyped?: ChoiceTyped | undefined;
};

export function FollowUpCasePage(props: FollowUpCaseProps) {
  const { context, view, chrome } = props;
  const { t, language } = context;
  const action = (name: string) => withLanguage(`${chrome.prefix}/follow-up/${name}`, language);
  const hidden = (
    <>
      {context.csrfToken ? <input type="hidden" name="_csrf" value={context.csrfToken} /> : null}
      <input type="hidden" name="formToken" value={view.formToken} />
    </>
  );
  return (
    <ReporterLayout context={context} chrome={chrome} title={view.draft ? t('intake.followUp.draftTitle') : t('intake.followUp.title')}>
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      <dl class="case-summary">
        <div>
          <dt>{t('intake.followUp.status')}</dt>
          <dd>{t(`intake.status.${view.status}`)}</dd>
        </div>
        <div>
          <dt>{view.submittedAt ? t('intake.followUp.sentOn') : t('intake.followUp.savedOn')}</dt>
          <dd>{formatDate(language, view.submittedAt ?? view.createdAt)}</dd>
        </div>
        {view.draft ? null : (
          <div>
            <dt>{t('intake.followUp.receivedBy')}</dt>
            <dd>{view.receiver.name}</dd>
          </div>
        )}
        <div>
          <dt>{t('intake.followUp.path')}</dt>
          <dd>{t(`intake.paths.${view.path}.label`)}</dd>
        </div>
        <div>
          <dt>{t('intake.followUp.identity')}</dt>
          <dd>{t(`intake.identity.${view.identityMode}.label`)}</dd>
        </div>
      </dl>

      {view.draft ? <DraftForm {...props} draft={view.draft} action={action('draft')} hidden={hidden} /> : null}

      <StatusTimeline context={context} title={t('intake.followUp.timelineTitle')} events={view.timeline} />

      {view.handling ? <HandlingRecord context={context} handling={view.handling} /> : null}
      <EvidenceForReviewSection context={context} evidence={view.evidenceForReview} fileHref={(id) => action(`evidence/${id}`)} />

      {view.draft ? null : <Conversation {...props} action={action} hidden={hidden} />}

      <form method="post" action={action('sign-out')} class="sign-out-reporter">
        {context.csrfToken ? <input type="hidden" name="_csrf" value={context.csrfToken} /> : null}
        <button type="submit" class="secondary">
          {t('intake.followUp.signOut')}
        </button>
      </form>
    </ReporterLayout>
  );
}

function DraftForm(props: FollowUpCaseProps & { draft: NonNullable<FollowUpView['draft']>; action: string; hidden: ComponentChildren }) {
  const { context, draft } = props;
  const { t } = context;
  const channel = props.view.channel;
  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">{t('intake.followUp.draftHeading')}</h2>
      <p>{t('intake.followUp.draftLead')}</p>
      <ProblemSummary t={t} problems={reportProblemList(context, draft.questionnaire.definition, props.draftProblems)} />
      {props.view.reportFiles.length > 0 ? <FileNames context={context} files={props.view.reportFiles} /> : null}
      <form
        method="post"
        action={props.action}
        novalidate
        class="report-form"
        enctype={draft.questionnaire.definition.questions.some((question) => question.type === 'file') ? 'multipart/form-data' : undefined}
      >
        {props.hidden}
        <ReportFormBody
          context={context}
          definition={draft.questionnaire.definition}
          channel={{ kind: channel.kind, name: channel.name, networkName: props.view.networkName }}
          values={props.draftValues ?? draft.fields}
          problems={props.draftProblems}
        />
        <SendButtons context={context} />
      </form>
    </section>
  );
}

/** The names of the reporter's own files (never their content: a shared phone must not show evidence). */
function FileNames(props: { context: PageContext; files: ReporterFile[] }) {
  return (
    <div class="message-files">
      <p>{props.context.t('intake.evidence.yourFiles')}</p>
      <ul>
        {props.files.map((file) => (
          <li key={file.id}>{file.name}</li>
        ))}
      </ul>
    </div>
  );
}

function TextForm(props: { context: PageContext; action: string; hidden: ComponentChildren; name: 'message' | 'information'; problem: string | undefined; typed: string | undefined }) {
  const { t } = props.context;
  const withFiles = props.name === 'information';
  return (
    <form method="post" action={props.action} novalidate enctype={withFiles ? 'multipart/form-data' : undefined}>
      {props.hidden}
      <TextArea id={`field-${props.name}`} name="text" label={t(`intake.followUp.${props.name}Label`)} hint={t(`intake.followUp.${props.name}Hint`)} problem={props.problem} typed={props.typed} />
      {withFiles ? (
        <div class="field">
          <label for="field-files">{t('intake.evidence.filesLabel')}</label>
          <EvidenceAdvice context={props.context} id="field-files-advice" />
          <input type="file" id="field-files" name="files" multiple accept={acceptAttribute} aria-describedby="field-files-advice" />
        </div>
      ) : null}
      <button type="submit">{t(`intake.followUp.${props.name}Send`)}</button>
    </form>
  );
}

function Conversation(props: FollowUpCaseProps & { action: (name: string) => string; hidden: ComponentChildren }) {
  const { context, view } = props;
  const { t, language } = context;
  return (
    <>
      {view.reportFiles.length > 0 ? (
        <section aria-labelledby="report-files-title">
          <h2 id="report-files-title">{t('intake.evidence.reportFilesTitle')}</h2>
          <FileNames context={context} files={view.reportFiles} />
        </section>
      ) : null}
      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t('intake.followUp.messagesTitle')}</h2>
        <MessageThread
          language={language}
          empty={t('intake.followUp.noMessages')}
          messages={view.messages}
          label={(message) => (message.author === 'staff' ? t('intake.followUp.fromHandler') : t(message.kind === 'information' ? 'intake.followUp.fromYouInformation' : 'intake.followUp.fromYou'))}
          files={(message) => (message.files.length > 0 ? <FileNames context={context} files={message.files} /> : null)}
        />
        {reporterMay('message', view.status) ? (
          <TextForm context={context} action={props.action('message')} hidden={props.hidden} name="message" problem={props.problems?.message} typed={props.typed?.message} />
        ) : null}
      </section>
      {reporterMay('add-information', view.status) ? (
        <section aria-labelledby="information-title">
          <h2 id="information-title">{t('intake.followUp.informationTitle')}</h2>
          <TextForm context={context} action={props.action('information')} hidden={props.hidden} name="information" problem={props.problems?.information} typed={props.typed?.information} />
        </section>
      ) : null}
      {view.handling ? (
        <HandlingChoices
          context={context}
          handling={view.handling}
          recordOnly={view.path === 'record_only'}
          action={props.action}
          hidden={props.hidden}
          problems={props.choiceProblems}
          typed={props.choiceTyped}
        />
      ) : null}
      {reporterMay('change-path', view.status) ? (
        <section aria-labelledby="path-title">
          <h2 id="path-title">{t('intake.followUp.pathTitle')}</h2>
          <form method="post" action={props.action('path')} novalidate>
            {props.hidden}
            <fieldset id="field-path" class={props.problems?.path ? 'field field-error' : 'field'}>
              <legend>{t('intake.form.pathLegend')}</legend>
              {props.problems?.path ? <p class="error">{props.problems.path}</p> : null}
              <div class="choices">
                {reportPaths.map((path) => (
                  <label key={path} class="choice choice-described">
                    <input type="radio" name="path" value={path} checked={view.path === path} />
                    <span>
                      {t(`intake.paths.${path}.label`)}
                      <span class="choice-hint">{t(`intake.paths.${path}.hint`)}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit">{t('intake.followUp.pathSave')}</button>
          </form>
        </section>
      ) : null}
      {reporterMay('withdraw', view.status) ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t('intake.followUp.withdrawTitle')}</h2>
          <p>{t('intake.followUp.withdrawLead')}</p>
          <form method="post" action={props.action('withdraw')}>
            {props.hidden}
            <button type="submit" class="secondary">
              {t('intake.followUp.withdrawButton')}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
