/**
 * The first page of a report channel: what happens next, the reporter's options, staying safe,
 * and the whole form on the same page, so a report takes two round trips (this page, then the
 * receipt). The limits of confidentiality are stated right before the buttons.
 */
import type { FormProblem } from '../../core/intake/reportForm.ts';
import type { Channel } from '../../storage/channelQueries.ts';
import type { QuestionnaireVersion } from '../../storage/questionnaireStore.ts';
import { Notice } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';
import { ProblemSummary, ReportFormBody, reportProblemList, type FormValues } from './ReportFormFields.tsx';

export type ReportPageProps = {
  context: PageContext;
  chrome: ReporterChrome;
  channel: Channel;
  networkName: string;
  questionnaire: QuestionnaireVersion;
  formToken: string;
  values: FormValues;
  problems?: Record<string, FormProblem> | undefined;
  notice?: string | undefined;
};

export function ReportPage(props: ReportPageProps) {
  const { context, channel } = props;
  const { t, language } = context;
  const problems = reportProblemList(context, props.questionnaire.definition, props.problems);
  return (
    <ReporterLayout context={context} chrome={props.chrome} title={t('intake.report.title')}>
      {props.notice ? <Notice kind="error">{props.notice}</Notice> : null}
      <ProblemSummary t={t} problems={problems} />
      {props.problems || props.notice ? null : <ReportIntro context={context} channel={channel} networkName={props.networkName} />}
      <form
        method="post"
        action={withLanguage(`${props.chrome.prefix}/report`, language)}
        novalidate
        class="report-form"
        enctype={props.questionnaire.definition.questions.some((question) => question.type === 'file') ? 'multipart/form-data' : undefined}
      >
        {context.csrfToken ? <input type="hidden" name="_csrf" value={context.csrfToken} /> : null}
        <input type="hidden" name="formToken" value={props.formToken} />
        <input type="hidden" name="questionnaire" value={props.questionnaire.id} />
        <ReportFormBody
          context={context}
          definition={props.questionnaire.definition}
          channel={{ kind: channel.kind, name: channel.name, networkName: props.networkName }}
          values={props.values}
          problems={props.problems}
        />
        <SendButtons context={context} />
      </form>
    </ReporterLayout>
  );
}

function ReportIntro(props: { context: PageContext; channel: Channel; networkName: string }) {
  const { t, language } = props.context;
  return (
    <>
      <p class="lead">{t('intake.report.lead', { name: props.channel.name })}</p>
      {props.channel.kind === 'organisation' ? (
        <div class="notice notice-info">
          <p>{t('intake.report.networkInstead', { organisation: props.channel.name, network: props.networkName })}</p>
          <p>
            <a href={withLanguage('/report', language)}>{t('intake.report.networkInsteadLink', { network: props.networkName })}</a>
          </p>
        </div>
      ) : null}
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t('intake.report.nextTitle')}</h2>
        <ol>
          <li>{t('intake.report.next1')}</li>
          <li>{t('intake.report.next2')}</li>
          <li>{t('intake.report.next3')}</li>
          <li>{t('intake.report.next4')}</li>
        </ol>
      </section>
      <section aria-labelledby="options-title">
        <h2 id="options-title">{t('intake.report.optionsTitle')}</h2>
        <dl class="options">
          {(['record_only', 'informal', 'formal', 'not_sure'] as const).map((path) => (
            <div key={path}>
              <dt>{t(`intake.paths.${path}.label`)}</dt>
              <dd>{t(`intake.paths.${path}.hint`)}</dd>
            </div>
          ))}
        </dl>
        <p>{t('intake.report.changeLater')}</p>
      </section>
      <section aria-labelledby="safety-title">
        <h2 id="safety-title">{t('intake.report.safetyTitle')}</h2>
        <ul>
          <li>{t('intake.report.safetyDevice')}</li>
          <li>{t('intake.report.safetyNothingStored')}</li>
          <li>{t('intake.report.safetySaveLater')}</li>
        </ul>
      </section>
    </>
  );
}

export function SendButtons(props: { context: PageContext }) {
  const { t } = props.context;
  return (
    <section class="before-sending" aria-labelledby="limits-title">
      <h2 id="limits-title">{t('intake.limits.title')}</h2>
      <p>{t('intake.limits.intro')}</p>
      <ul>
        <li>{t('intake.limits.risk')}</li>
        <li>{t('intake.limits.law')}</li>
        <li>{t('intake.limits.fairness')}</li>
      </ul>
      <p>{t('intake.limits.receipt')}</p>
      <div class="buttons">
        <button type="submit" name="intent" value="submit">
          {t('intake.form.send')}
        </button>
        <button type="submit" name="intent" value="save" class="secondary">
          {t('intake.form.saveForLater')}
        </button>
      </div>
    </section>
  );
}
