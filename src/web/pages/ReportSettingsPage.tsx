/** Administrators' settings of the report channels: the list, and the support resources of one. */
import type { AnswerProblem } from '../../core/intake/answers.ts';
import { languageName, languages } from '../../i18n/index.ts';
import type { Channel, SupportResources } from '../../storage/channelQueries.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { problemMessage } from './ReportFormFields.tsx';

export function settingsPath(channel: Channel): string {
  return channel.kind === 'network' ? '/admin/report-channels/network' : `/admin/report-channels/o/${channel.slug}`;
}

export function ReportChannelsPage(props: { context: PageContext; channels: Channel[] }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('intake.settings.listTitle')}>
      <p>{t('intake.settings.listLead')}</p>
      <ul>
        {props.channels.map((channel) => (
          <li key={channel.orgId ?? 'network'}>
            <a href={settingsPath(channel)}>{channel.name}</a> — <code>{channel.kind === 'network' ? '/report' : `/o/${channel.slug}/report`}</code>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ReportChannelSettingsPage(props: {
  context: PageContext;
  channel: Channel;
  support: Record<string, unknown> | SupportResources;
  saved?: boolean;
  problems?: Record<string, AnswerProblem>;
}) {
  const { context, channel } = props;
  const { t } = context;
  return (
    <Layout context={context} title={t('intake.settings.title', { name: channel.name })}>
      {props.saved ? <Notice kind="success">{t('intake.settings.saved')}</Notice> : null}
      <p>
        <a href={`${settingsPath(channel)}/questionnaire`}>{t('questionnaireEditor.link')}</a>
      </p>
      <p>{t('intake.settings.lead')}</p>
      <form method="post" action={settingsPath(channel)} novalidate>
        <CsrfField token={context.csrfToken} />
        {languages.map((language) => {
          const id = `field-${language}`;
          const problem = props.problems?.[language];
          const value = props.support[language];
          return (
            <div key={language} class={problem ? 'field field-error' : 'field'}>
              <label for={id}>{t('intake.settings.supportIn', { language: languageName(language) })}</label>
              <p class="hint" id={`${id}-hint`}>
                {t('intake.settings.supportHint')}
              </p>
              {problem ? (
                <p class="error" id={`${id}-error`}>
                  {problemMessage(context, problem, { questions: [] })}
                </p>
              ) : null}
              <textarea id={id} name={language} rows={6} maxLength={4_000} value={typeof value === 'string' ? value : ''} aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`} />
            </div>
          );
        })}
        <button type="submit">{t('intake.settings.save')}</button>
      </form>
    </Layout>
  );
}
