/**
 * What a reporter sees after entering their escrow receipt: whether their allegation matched
 * another reporter's, and — once it has — the choice of going on to a report or not. The page
 * never says anything about the other reporters or their accounts.
 */
import type { EscrowStatusView } from '../../usecases/escrow/checkEscrowStatus.ts';
import { Notice } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';
import { formatDate } from './FollowUpCasePage.tsx';

export type EscrowStatusProps = {
  context: PageContext;
  chrome: ReporterChrome;
  view: EscrowStatusView;
  notice?: string | undefined;
};

export function EscrowStatusPage(props: EscrowStatusProps) {
  const { t, language } = props.context;
  const { view } = props;
  const matched = view.status === 'matched';
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={t('escrow.status.title')}>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <dl class="case-summary">
        <div>
          <dt>{t('escrow.status.placed')}</dt>
          <dd>{formatDate(language, view.placedAt)}</dd>
        </div>
        <div>
          <dt>{t('escrow.status.state')}</dt>
          <dd data-escrow-state={view.status}>{matched ? t('escrow.status.matched') : t('escrow.status.notMatched')}</dd>
        </div>
        {view.matchedAt ? (
          <div>
            <dt>{t('escrow.status.matchedOn')}</dt>
            <dd>{formatDate(language, view.matchedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {matched ? <Matched {...props} /> : <p>{t('escrow.status.notMatchedExplained')}</p>}
      <p>
        <a href={withLanguage('/escrow/follow-up', language)}>{t('escrow.status.done')}</a>
      </p>
    </ReporterLayout>
  );
}

function Matched(props: EscrowStatusProps) {
  const { t, language } = props.context;
  const { view } = props;
  return (
    <>
      <p>{t('escrow.status.matchedExplained')}</p>
      {view.decision === 'proceed' ? (
        <div class="notice notice-info">
          <p>{t('escrow.status.proceedRecorded')}</p>
          <p>
            <a href={withLanguage(`${props.chrome.prefix}/report`, language)}>{t('escrow.status.reportLink')}</a>
          </p>
        </div>
      ) : null}
      {view.decision === 'declined' ? <p>{t('escrow.status.declinedRecorded')}</p> : null}
      <form method="post" action={withLanguage('/escrow/follow-up/decision', language)}>
        {props.context.csrfToken ? <input type="hidden" name="_csrf" value={props.context.csrfToken} /> : null}
        <input type="hidden" name="allegation" value={view.allegationId} />
        <input type="hidden" name="formToken" value={view.decisionToken} />
        <fieldset>
          <legend>{view.decision === 'undecided' ? t('escrow.status.decideTitle') : t('escrow.status.changeTitle')}</legend>
          <p>{t('escrow.status.decideHelp')}</p>
          <div class="buttons">
            <button type="submit" name="decision" value="proceed">
              {t('escrow.status.proceed')}
            </button>
            <button type="submit" name="decision" value="declined" class="secondary">
              {t('escrow.status.decline')}
            </button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
