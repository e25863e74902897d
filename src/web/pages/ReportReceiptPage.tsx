/**
 * The receipt, shown once: sixteen digits in four groups with the date — the reporter's dated
 * proof of reporting and the only way back to the report. Nothing on the server can show it
 * again, and the page says so plainly.
 */
import { receiptGroups, type Receipt } from '../../core/intake/receipt.ts';
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';

export function ReportReceiptPage(props: { context: PageContext; chrome: ReporterChrome; receipt: Receipt; at: Date; status: 'submitted' | 'draft'; receiverName: string }) {
  const { t, language } = props.context;
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(props.at);
  const sent = props.status === 'submitted';
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={sent ? t('intake.receipt.sentTitle') : t('intake.receipt.savedTitle')}>
      <p class="lead">{sent ? t('intake.receipt.sentLead', { name: props.receiverName }) : t('intake.receipt.savedLead')}</p>
      <section class="receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title">{t('intake.receipt.yourReceipt')}</h2>
        <p class="receipt-code">
          {receiptGroups(props.receipt).flatMap((group, index) => [index > 0 ? ' ' : '', <span key={index}>{group}</span>])}
        </p>
        <p class="receipt-date">{t('intake.receipt.dated', { date })}</p>
      </section>
      <div class="notice notice-info">
        <p>
          <strong>{t('intake.receipt.shownOnce')}</strong>
        </p>
        <p>{t('intake.receipt.howToKeep')}</p>
        <p>{sent ? t('intake.receipt.proof') : t('intake.receipt.draftProof')}</p>
      </div>
      <h2>{t('intake.receipt.nextTitle')}</h2>
      <p>{sent ? t('intake.receipt.nextSent') : t('intake.receipt.nextDraft')}</p>
      <p>
        <a href={withLanguage(`${props.chrome.prefix}/follow-up`, language)}>{t('intake.receipt.followUpLink')}</a>
      </p>
    </ReporterLayout>
  );
}
