/** Shown once after making an invitation: the link and the access code, to pass on through two different channels. */
import { languageName } from '../../i18n/index.ts';
import type { CreatedInvitation } from '../../usecases/respondent/inviteRespondent.ts';
import { Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';

export function RespondentInvitationCreatedPage(props: { context: PageContext; caseId: string; invitation: CreatedInvitation; link: string }) {
  const { t, language } = props.context;
  const { invitation } = props;
  return (
    <Layout context={props.context} title={t('respondent.created.title')} narrow>
      <Notice kind="info">{t('respondent.created.shownOnce')}</Notice>
      <p>{t('respondent.created.channels')}</p>
      <dl>
        <div>
          <dt>{t('respondent.staff.kindHeading')}</dt>
          <dd>{t(`respondent.staff.kinds.${invitation.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('respondent.created.link')}</dt>
          <dd>
            <code class="secret" data-respondent-link>
              {props.link}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t('respondent.created.code')}</dt>
          <dd>
            <code class="secret" data-respondent-code>
              {invitation.code}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t('respondent.created.expires')}</dt>
          <dd>{formatDate(language, invitation.expiresAt)}</dd>
        </div>
      </dl>
      <p>{t('respondent.created.language', { language: languageName(invitation.language) })}</p>
      <p>
        <a href={`/cases/${props.caseId}/respondent`}>{t('respondent.created.back')}</a>
      </p>
    </Layout>
  );
}
