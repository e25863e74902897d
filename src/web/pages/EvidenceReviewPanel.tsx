/**
 * The case page's evidence-review panel: the review window, every evidence item of the case
 * (files and statements, from the case file or from the respondent) with those already shared
 * marked, and — for a handler or investigator on the case while sharing is open — checkboxes to
 * share more. Shared items are never offered again.
 */
import { CsrfField } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import type { EvidenceReviewPanel as Panel, ReviewItem } from '../../usecases/cases/shareEvidenceForReview.ts';
import { reviewWindowText } from './EvidenceForReviewSection.tsx';
import { formatDate } from '../components/formatDate.ts';

const LABEL_CHARS = 160;

function itemText(context: PageContext, item: ReviewItem): string {
  const { t, language } = context;
  const label = item.label.length > LABEL_CHARS ? `${item.label.slice(0, LABEL_CHARS)}…` : item.label;
  const what = item.kind === 'file' ? t('evidenceReview.staff.file', { label }) : t('evidenceReview.staff.document', { label });
  const from = item.from === 'respondent' ? t('evidenceReview.staff.fromRespondent') : t('evidenceReview.staff.fromCase');
  return `${what} (${from}, ${formatDate(language, item.at)}${item.shared ? `, ${t('evidenceReview.staff.shared')}` : ''})`;
}

export function EvidenceReviewPanel(props: { context: PageContext; caseId: string; panel: Panel | null }) {
  const { context, panel } = props;
  const { t } = context;
  if (!panel) return null;
  const shareable = panel.mayShare ? panel.items.filter((item) => !item.shared) : [];
  return (
    <section aria-labelledby="evidence-review-title" class="evidence-review">
      <h2 id="evidence-review-title">{t('evidenceReview.staff.title')}</h2>
      <p>{reviewWindowText(context, panel.review)}</p>
      <p class="hint">{t(`evidenceReview.staff.${panel.window}`)}</p>
      {panel.window === 'open' && !panel.mayShare ? <p class="hint">{t('evidenceReview.staff.notOnTeam')}</p> : null}
      {panel.items.length === 0 ? <p>{t('evidenceReview.staff.none')}</p> : null}
      {shareable.length > 0 ? (
        <form method="post" action={`/cases/${props.caseId}/evidence-review`}>
          <CsrfField token={context.csrfToken} />
          <p class="hint">{t('evidenceReview.staff.intro')}</p>
          <fieldset>
            <legend>{t('evidenceReview.staff.legend')}</legend>
            {panel.items.map((item) =>
              item.shared ? (
                <p key={item.id}>{itemText(context, item)}</p>
              ) : (
                <label key={item.id} class="choice">
                  <input type="checkbox" name="items" value={item.id} /> {itemText(context, item)}
                </label>
              ),
            )}
          </fieldset>
          <button type="submit">{t('evidenceReview.staff.submit')}</button>
        </form>
      ) : (
        <ul>
          {panel.items.map((item) => (
            <li key={item.id}>{itemText(context, item)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
