/**
 * Pieces the toolkit pages share: how a published or hidden figure reads, texts of a template
 * in the reader's language, a labelled text area, and server-drawn SVG charts. A figure is only
 * ever drawn from a cell the query layer published; a hidden one says why, never what.
 */
import type { Translate } from '../../i18n/index.ts';
import type { Hidden, PublishedCount, PublishedScore } from '../../core/toolkit/results.ts';
import { resolveText, type LocalisedText } from '../../core/toolkit/template.ts';
import type { AnswersSoFar } from '../../storage/toolkit/resultsQueries.ts';
import { describedBy, FieldFrame } from '../components/Form.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';

export function localText(t: Translate, language: string, text: LocalisedText): string {
  return resolveText(text, language, (key) => t(key));
}

export function hiddenText(t: Translate, hidden: Hidden): string {
  if (hidden.reason === 'not-shared') return t('toolkit.results.notShared');
  if (hidden.reason === 'complement') return t('toolkit.results.hiddenComplement');
  return t('toolkit.results.hiddenTooFew');
}

export function scoreText(t: Translate, score: PublishedScore): string {
  return score.shown ? t('toolkit.results.scoreValue', { mean: score.summary.mean, spread: score.summary.spread }) : hiddenText(t, score);
}

export function countText(t: Translate, count: PublishedCount): string {
  return count.shown ? String(count.n) : hiddenText(t, count);
}

export function answersSoFarText(t: Translate, answers: AnswersSoFar): string {
  return answers.shown ? t('toolkit.round.atLeast', { count: answers.atLeast }) : t('toolkit.round.fewerThanFive');
}

export function TextArea(props: { name: string; label: string; value?: string | undefined; hint?: string; error?: string | undefined; rows?: number; maxLength: number; required?: boolean }) {
  const id = `field-${props.name}`;
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea id={id} name={props.name} rows={props.rows ?? 4} maxLength={props.maxLength} required={props.required} aria-describedby={describedBy(id, props.hint, props.error)} aria-invalid={props.error ? 'true' : undefined}>
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** An SVG chart drawn by core/toolkit/charts.ts (its text is escaped there). */
/**
 * Each domain's score and how many people stand behind it, as a table beside the chart; on the
 * network roll-up also how many members shared the domain.
 */
export function DomainScoreTable(props: { t: Translate; rows: { key: string; title: string | undefined; score: PublishedScore; organisations?: number }[]; withOrganisations?: boolean }) {
  const { t } = props;
  return (
    <ScrollTable t={t} name={t('toolkit.results.byDomain')}>
      <thead>
        <tr>
          <th scope="col">{t('toolkit.results.domain')}</th>
          <th scope="col">{t('toolkit.results.score')}</th>
          <th scope="col">{t('toolkit.results.people')}</th>
          {props.withOrganisations ? <th scope="col">{t('toolkit.network.organisations')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.title}</th>
            <td>{scoreText(t, row.score)}</td>
            <td>{row.score.shown ? row.score.summary.n : ''}</td>
            {props.withOrganisations ? <td>{row.organisations}</td> : null}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function Chart(props: { svg: string }) {
  return <figure class="chart" dangerouslySetInnerHTML={{ __html: props.svg }} />;
}

export function bandLabels(): string[] {
  return ['0–19', '20–39', '40–59', '60–79', '80–100'];
}

export function formatDay(language: string, day: string | null): string {
  if (!day) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
