/**
 * What a reporter sees after entering their escrow receipt: whether their allegation matched
 * another reporter's, and — once it has — the choice of going on to a report or not. Going on
 * makes the report at once; its own receipt is shown here once, and from then on the page says
 * where to follow the report. The page never says anything about the other reporters or their
 * accounts.
 */
import type { EscrowStatusView } from '../../usecases/escrow/checkEscrowStatus.ts';
import { Notice } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';
import { formatDate } from '../components/formatDate.ts';

export type EscrowStatusProps = {
  context: PageContext;
  chrome: ReporterChrome;
  view: EscrowStatusView;
  notice?: string | undefined;
  /** The new report's receipt, when this request created the report: shown this once. */
  reportReceipt?: string | undefined;
};

export function EscrowStatusPage(props: EscrowStatusProps) {
  const { t, language } = props.context;
  const { view } = props;
  const matched = view.status === 'matched';
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={t('escrow.status.title')}>
      {props.reportReceipt ? <Notice kind="success">{t('escrow.status.reportCreated')}</Notice> : props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
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
  const followUp = withLanguage(`${props.chrome.prefix}/follow-up`, language);
  if (view.reportSince) {
    return (
      <>
        <p>{t('escrow.status.matchedExplained')}</p>
        {props.reportReceipt ? (
          <section class="receipt" aria-labelledby="report-receipt-title" data-escrow-report-receipt="">
            <h2 id="report-receipt-title">{t('escrow.status.reportReceipt')}</h2>
            <p class="receipt-code">{props.reportReceipt}</p>
            <p>
              <strong>{t('escrow.status.reportReceiptOnce')}</strong>
            </p>
          </section>
        ) : null}
        <div class="notice notice-info" data-escrow-report="">
          <p>{t('escrow.status.reportMade', { date: formatDate(language, view.reportSince) })}</p>
          <p>
            <a href={followUp}>{t('escrow.status.reportFollowUp')}</a>
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <p>{t('escrow.status.matchedExplained')}</p>
      {view.decision === 'declined' ? <p>{t('escrow.status.declinedRecorded')}</p> : null}
      <form method="post" action={withLanguage('/escrow/follow-up/decision', language)}>
        {props.context.csrfToken ? <input type="hidden" name="_csrf" value={props.context.csrfToken} /> : null}
        <input type="hidden" name="allegation" value={view.allegationId} />
        <input type="hidden" name="formToken" value={view.decisionToken} />
        <fieldset>
          <legend>{view.decision === 'declined' ? t('escrow.status.changeTitle') : t('escrow.status.decideTitle')}</legend>
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
