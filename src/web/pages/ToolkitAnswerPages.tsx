/**
 * The pages a colleague sees when answering: enter a code, the questionnaire one domain per
 * page (plain forms, so it works on a phone with JavaScript off), the resume code when pausing,
 * and the thank-you page. The answers so far travel in a hidden field, never stored until sent.
 */
import { roleGroups } from '../../core/toolkit/roleGroups.ts';
import { answerField, encodeProgress, noteField, NOTE_MAX, type Progress } from '../../core/toolkit/answering.ts';
import { choicesFor, DONT_KNOW } from '../../core/toolkit/scoring.ts';
import { domainsInForm, type AssessmentForm, type PlacedQuestion, type TemplateDefinition, type LocalisedText } from '../../core/toolkit/template.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDay, localText, TextArea } from './ToolkitParts.tsx';

export function ToolkitAnswerStartPage(props: { context: PageContext; error?: string | undefined; values?: Record<string, string> }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('toolkit.answer.startTitle')} narrow>
      <p>{t('toolkit.answer.startIntro')}</p>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <form method="post" action="/toolkit/answer">
        <CsrfField token={props.context.csrfToken} />
        <Field t={t} name="code" label={t('toolkit.answer.codeLabel')} hint={t('toolkit.answer.codeHint')} value={props.values?.code} autocomplete="off" maxLength={40} required />
        <button type="submit">{t('toolkit.answer.start')}</button>
      </form>
      <h2>{t('toolkit.answer.resumeTitle')}</h2>
      <form method="post" action="/toolkit/resume">
        <CsrfField token={props.context.csrfToken} />
        <Field t={t} name="resume" label={t('toolkit.answer.resumeLabel')} hint={t('toolkit.answer.resumeHint')} autocomplete="off" maxLength={40} required />
        <button type="submit">{t('toolkit.answer.resume')}</button>
      </form>
    </Layout>
  );
}

export type AnswerStepProps = {
  context: PageContext;
  code: string;
  roundTitle: string;
  organisationName: string;
  templateName: LocalisedText;
  closesOn: string | null;
  definition: TemplateDefinition;
  form: AssessmentForm;
  /** 0: introduction, 1..domains: a domain, domains + 1: review and send. */
  step: number;
  progress: Progress;
  resumeCode?: string | undefined;
  unanswered?: string[];
  notice?: string | undefined;
};

function choiceLabel(t: Translate, question: PlacedQuestion, choice: number): string {
  if (choice === DONT_KNOW) return t('toolkit.answer.dontKnow');
  if (question.kind === 'agreement') return t(`toolkit.answer.agreement.${choice}`);
  return t(`toolkit.answer.ynp.${choice}`);
}

type Translate = PageContext['t'];

function QuestionFields(props: { t: Translate; language: string; question: PlacedQuestion; number: number; progress: Progress; missing: boolean }) {
  const { t, question } = props;
  const text = localText(t, props.language, question.text);
  const noteValue = props.progress.notes[question.key];
  if (question.kind === 'free_text') {
    return <TextArea name={noteField(question)} label={`${props.number}. ${text}`} hint={t('toolkit.answer.freeTextHint')} value={noteValue} maxLength={NOTE_MAX} />;
  }
  const id = `q-${question.position}`;
  const chosen = props.progress.answers[question.key];
  return (
    <fieldset id={`field-${answerField(question)}`} class="question" aria-describedby={props.missing ? `${id}-error` : undefined}>
      <legend>
        {props.number}. {text}
      </legend>
      {props.missing ? (
        <p class="error" id={`${id}-error`}>
          {t('toolkit.answer.chooseOne')}
        </p>
      ) : null}
      <div class="choices">
        {[...choicesFor(question.kind), DONT_KNOW].map((choice) => (
          <label key={choice} class="choice">
            <input type="radio" name={answerField(question)} value={String(choice)} checked={chosen === choice} />
            {choiceLabel(t, question, choice)}
          </label>
        ))}
      </div>
      {question.kind === 'yes_partly_no' ? (
        <TextArea name={noteField(question)} label={t('toolkit.answer.evidenceLabel')} hint={t('toolkit.answer.evidenceHint')} value={noteValue} rows={2} maxLength={NOTE_MAX} />
      ) : null}
    </fieldset>
  );
}

export function ToolkitAnswerStepPage(props: AnswerStepProps) {
  const { t, language } = props.context;
  const domains = domainsInForm(props.definition, props.form);
  const domainCount = domains.length;
  const current = props.step >= 1 && props.step <= domainCount ? domains[props.step - 1] : undefined;
  const missing = new Set(props.unanswered ?? []);
  const title = current ? localText(t, language, current.domain.title) : props.step === 0 ? props.roundTitle : t('toolkit.answer.reviewTitle');
  const errors = Object.fromEntries([...missing].map((key) => [`a:${key}`, 'toolkit.answer.chooseOne']));
  const labels = Object.fromEntries(
    domains.flatMap((domain) => domain.questions.map((question, index) => [answerField(question), t('toolkit.answer.questionNumber', { number: index + 1 })])),
  );
  let numberBefore = 0;
  return (
    <Layout context={props.context} title={title} narrow>
      <p class="hint">
        {t('toolkit.answer.stepOf', { step: props.step + 1, total: domainCount + 2 })} · {props.organisationName}
      </p>
      {props.notice ? <Notice kind="error">{props.notice}</Notice> : null}
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action={`/toolkit/answer/${props.code}`}>
        <CsrfField token={props.context.csrfToken} />
        <input type="hidden" name="progress" value={encodeProgress(props.progress)} />
        <input type="hidden" name="step" value={String(props.step)} />
        {props.resumeCode ? <input type="hidden" name="resume" value={props.resumeCode} /> : null}
        {props.step === 0 ? (
          <>
            <p>{t('toolkit.answer.introAnonymous')}</p>
            <p>{t('toolkit.answer.introThreshold')}</p>
            <p>{t('toolkit.answer.introPause')}</p>
            {props.closesOn ? <p>{t('toolkit.answer.closesOn', { date: formatDay(language, props.closesOn) })}</p> : null}
            <fieldset>
              <legend>{t('toolkit.answer.roleQuestion')}</legend>
              <p class="hint">{t('toolkit.answer.roleHint')}</p>
              {roleGroups.map((role) => (
                <label key={role} class="choice">
                  <input type="radio" name="role" value={role} checked={(props.progress.role ?? 'unsaid') === role} />
                  {t(`toolkit.roles.${role}`)}
                </label>
              ))}
            </fieldset>
          </>
        ) : null}
        {current ? (
          <>
            <p>{localText(t, language, current.domain.summary)}</p>
            {current.questions.map((question) => {
              numberBefore += 1;
              return <QuestionFields key={question.key} t={t} language={language} question={question} number={numberBefore} progress={props.progress} missing={missing.has(question.key)} />;
            })}
          </>
        ) : null}
        {props.step === domainCount + 1 ? (
          <>
            <p>{t('toolkit.answer.reviewIntro')}</p>
            <ul>
              {domains.map((domain, index) => {
                const unanswered = domain.questions.filter((question) => question.kind !== 'free_text' && props.progress.answers[question.key] === undefined).length;
                return (
                  <li key={domain.domain.key}>
                    {localText(t, language, domain.domain.title)}: {unanswered === 0 ? t('toolkit.answer.domainDone') : t('toolkit.answer.domainMissing', { count: unanswered, step: index + 2 })}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
        <div class="actions">
          {props.step > 0 ? (
            <button type="submit" name="action" value="back" class="secondary">
              {t('toolkit.answer.back')}
            </button>
          ) : null}
          {props.step <= domainCount ? (
            <button type="submit" name="action" value="next">
              {props.step === 0 ? t('toolkit.answer.begin') : t('toolkit.answer.next')}
            </button>
          ) : (
            <button type="submit" name="action" value="submit">
              {t('toolkit.answer.send')}
            </button>
          )}
          <button type="submit" name="action" value="pause" class="secondary">
            {t('toolkit.answer.pause')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function ToolkitAnswerPausedPage(props: { context: PageContext; resumeCode: string }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('toolkit.answer.pausedTitle')} narrow>
      <p>{t('toolkit.answer.pausedIntro')}</p>
      <p>
        <code class="secret" data-resume-code>
          {props.resumeCode}
        </code>
      </p>
      <p>{t('toolkit.answer.pausedHow')}</p>
      <p>{t('toolkit.answer.pausedPrivacy')}</p>
      <p>
        <a href="/toolkit/answer">{t('toolkit.answer.resumeTitle')}</a>
      </p>
    </Layout>
  );
}

export function ToolkitAnswerDonePage(props: { context: PageContext }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('toolkit.answer.doneTitle')} narrow>
      <Notice kind="success">{t('toolkit.answer.doneNotice')}</Notice>
      <p>{t('toolkit.answer.doneWhatNext')}</p>
    </Layout>
  );
}
