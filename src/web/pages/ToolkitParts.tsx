/**
 * Pieces the toolkit pages share: how a published or hidden figure reads, texts of a template
 * in the reader's language, a labelled text area, and server-drawn SVG charts. A figure is only
 * ever drawn from a cell the query layer published; a hidden one says why, never what.
 */
import type { Translate } from '../../i18n/index.ts';
import type { Hidden, PublishedCount, PublishedScore } from '../../core/toolkit/results.ts';
import { resolveText, type LocalisedText } from '../../core/toolkit/template.ts';
import type { AnswersSoFar } from '../../storage/toolkit/resultsQueries.ts';

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
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <textarea id={id} name={props.name} rows={props.rows ?? 4} maxLength={props.maxLength} required={props.required} aria-describedby={describedBy || undefined} aria-invalid={props.error ? 'true' : undefined}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/** An SVG chart drawn by core/toolkit/charts.ts (its text is escaped there). */
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
