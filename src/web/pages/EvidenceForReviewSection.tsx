/**
 * "Evidence to review" on both parties' pages — the respondent's portal and the reporter's
 * follow-up page — with the same items and the same words: the review window's dates and each
 * shared item (a statement in full, a file as a download link to the party's own route).
 */
import type { PageContext } from '../components/Layout.tsx';
import type { EvidenceForReview } from '../../usecases/cases/sharedEvidence.ts';
import { formatDay } from './CaseProcedureText.tsx';
import { formatDate } from '../components/formatDate.ts';
import { MultilineText } from './ReportFormFields.tsx';

/** The review window in words (shared by the staff panel). */
export function reviewWindowText(context: PageContext, review: EvidenceForReview['review']): string {
  const { t, language } = context;
  if (!review) return t('evidenceReview.review.notOpen');
  const opened = formatDay(language, review.openedOn);
  if (review.closedOn) return t('evidenceReview.review.closed', { opened, closed: formatDay(language, review.closedOn) });
  if (review.closesNotBefore) return t('evidenceReview.review.open', { opened, until: formatDay(language, review.closesNotBefore) });
  return t('evidenceReview.review.openNoMinimum', { opened });
}

export function EvidenceForReviewSection(props: { context: PageContext; evidence: EvidenceForReview | null | undefined; fileHref: (id: string) => string }) {
  const { context, evidence } = props;
  const { t, language } = context;
  if (!evidence) return null;
  return (
    <section aria-labelledby="evidence-for-review-title" id="evidence-for-review">
      <h2 id="evidence-for-review-title">{t('evidenceReview.party.title')}</h2>
      <p>{reviewWindowText(context, evidence.review)}</p>
      <p class="hint">{t('evidenceReview.party.intro')}</p>
      {evidence.items.length === 0 ? <p>{t('evidenceReview.party.none')}</p> : null}
      <ul class="evidence-for-review">
        {evidence.items.map((item) => {
          const origin = item.fromRespondent ? t('evidenceReview.party.fromRespondent') : t('evidenceReview.party.fromCase');
          const shared = t('evidenceReview.party.sharedOn', { date: formatDate(language, item.at) });
          return item.kind === 'file' ? (
            <li key={item.id}>
              <a href={props.fileHref(item.id)} download={item.name}>
                {t('evidenceReview.party.download', { name: item.name })}
              </a>{' '}
              ({t('evidenceReview.party.size', { size: Math.max(1, Math.round(item.size / 1024)) })}, {origin}, {shared})
            </li>
          ) : (
            <li key={item.id}>
              <MultilineText text={item.text} />
              <p class="hint">
                {origin}, {shared}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
