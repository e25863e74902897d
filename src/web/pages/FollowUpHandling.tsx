/**
 * Case handling on the reporter's follow-up page: what was sent to them in writing and the dates
 * that concern them, and the choices that are theirs — whether the respondent may be contacted,
 * consent to informal resolution, an appeal after the outcome, an adviser. Each form is offered
 * only when the engine would accept it now; if it refuses anyway, the page says why.
 */
import type { ComponentChildren } from 'preact';
import { appealGrounds } from '../../core/procedures/vocabulary.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import type { Translate } from '../../i18n/index.ts';
import type { ReporterDocument, ReporterHandling } from '../../usecases/intake/reporterHandling.ts';
import type { PageContext } from '../components/Layout.tsx';
import { MultilineText } from './ReportFormFields.tsx';

/** Refusals a reporter may meet, in words addressed to them; any other in the engine's words. */
const reporterRefusals: ReadonlySet<string> = new Set([
  'ALREADY_RECORDED',
  'NOTHING_TO_WITHDRAW',
  'CONSENT_ALREADY_ACTED_ON',
  'CASE_CLOSED',
  'NOT_INFORMAL',
  'NO_APPEALS',
  'APPEAL_WINDOW_NOT_OPEN',
  'APPEAL_WINDOW_CLOSED',
  'APPEAL_ALREADY_FILED',
  'PATH_NOT_ALLOWED',
  'PATH_CHANGE_TOO_LATE',
]);

export function reporterRefusalText(t: Translate, refused: Refusal): string {
  const key = reporterRefusals.has(refused.code) ? `reporterCase.refusals.${refused.code}` : refused.messageKey;
  return t('reporterCase.refused', { reason: t(key, refused.params) });
}

export const reporterChoiceNotices = ['contact-allowed', 'contact-revoked', 'informal-consent', 'informal-withdrawn', 'appeal', 'adviser'] as const;

export function formatDay(language: string, day: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

type Shared = { context: PageContext; handling: ReporterHandling };

/** Documents sent to the reporter, and the dates that concern them. */
export function HandlingRecord(props: Shared) {
  const { context, handling } = props;
  const { t, language } = context;
  const sent = handling.documents.filter((document) => document.what !== 'yourAdviser' && document.what !== 'yourAppeal');
  const dates = [
    ...(handling.appealUntil && !handling.ownAppeal ? [t('reporterCase.dates.appeal', { date: formatDay(language, handling.appealUntil) })] : []),
    ...handling.checkIns.map((checkIn) =>
      t(checkIn.held ? 'reporterCase.dates.checkInHeld' : 'reporterCase.dates.checkIn', { topic: t(`procedures.checkInTopics.${checkIn.topic}`), date: formatDay(language, checkIn.dueOn) }),
    ),
  ];
  return (
    <>
      <section aria-labelledby="sent-title">
        <h2 id="sent-title">{t('reporterCase.documents.title')}</h2>
        {sent.length === 0 ? <p>{t('reporterCase.documents.none')}</p> : <DocumentList context={context} documents={sent} />}
      </section>
      {dates.length > 0 ? (
        <section aria-labelledby="dates-title">
          <h2 id="dates-title">{t('reporterCase.dates.title')}</h2>
          {handling.checkIns.length > 0 ? <p class="hint">{t('reporterCase.dates.checkInLead')}</p> : null}
          <ul>
            {dates.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function DocumentList(props: { context: PageContext; documents: ReporterDocument[] }) {
  const { t, language } = props.context;
  return (
    <ol class="thread">
      {props.documents.map((document) => (
        <li key={document.id} class="message">
          <p class="message-meta">
            <strong>{t(`reporterCase.documents.kinds.${document.what}`)}</strong>{' '}
            <time dateTime={document.at.toISOString()}>{formatDay(language, document.at.toISOString().slice(0, 10))}</time>
          </p>
          <MultilineText class="message-text" text={document.text} />
        </li>
      ))}
    </ol>
  );
}

export type ChoiceProblems = Partial<Record<'grounds' | 'statement' | 'adviser', string>>;
export type ChoiceTyped = { grounds?: string[]; statement?: string; adviser?: string };

type ChoicesProps = Shared & {
  /** The reporter's path as intake names it: on "record only" nothing is meant to reach the respondent. */
  recordOnly: boolean;
  action: (name: string) => string;
  hidden: ComponentChildren;
  problems?: ChoiceProblems | undefined;
  typed?: ChoiceTyped | undefined;
};

/** The reporter's own choices on the case, each a small form. */
export function HandlingChoices(props: ChoicesProps) {
  return (
    <>
      <ContactChoice {...props} />
      <InformalChoice {...props} />
      <AppealChoice {...props} />
      <AdviserChoice {...props} />
    </>
  );
}

function Button(props: { action: string; hidden: ComponentChildren; name: string; value: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={props.action}>
      {props.hidden}
      <input type="hidden" name={props.name} value={props.value} />
      <button type="submit" class={props.secondary ? 'secondary' : undefined}>
        {props.label}
      </button>
    </form>
  );
}

function ContactChoice(props: ChoicesProps) {
  const { context, handling } = props;
  const { t, language } = context;
  const allow = handling.available.includes('allowRespondentContact');
  const revoke = handling.available.includes('revokeRespondentContact');
  if (!handling.respondentKnows && !allow && !revoke) return null;
  if (props.recordOnly && !handling.contactConsentAt) return null;
  const state = handling.respondentKnows
    ? t('reporterCase.contact.told')
    : handling.contactConsentAt
      ? t('reporterCase.contact.given', { date: formatDay(language, handling.contactConsentAt.slice(0, 10)) })
      : t('reporterCase.contact.notGiven');
  return (
    <section aria-labelledby="contact-title">
      <h2 id="contact-title">{t('reporterCase.contact.title')}</h2>
      <p>{t('reporterCase.contact.lead')}</p>
      <p>{t('reporterCase.contact.irreversible')}</p>
      <p>
        <strong>{state}</strong>
      </p>
      {allow ? <Button action={props.action('contact')} hidden={props.hidden} name="intent" value="allow" label={t('reporterCase.contact.allow')} /> : null}
      {revoke ? <Button action={props.action('contact')} hidden={props.hidden} name="intent" value="revoke" label={t('reporterCase.contact.revoke')} secondary /> : null}
    </section>
  );
}

function InformalChoice(props: ChoicesProps) {
  const { context, handling } = props;
  const { t, language } = context;
  if (!handling.informal) return null;
  const consent = handling.available.includes('recordConsent');
  const withdraw = handling.available.includes('withdrawConsent');
  return (
    <section aria-labelledby="informal-title">
      <h2 id="informal-title">{t('reporterCase.informal.title')}</h2>
      <p>{t('reporterCase.informal.lead')}</p>
      <p>
        <strong>
          {handling.informal.consentAt
            ? t('reporterCase.informal.given', { date: formatDay(language, handling.informal.consentAt.slice(0, 10)) })
            : t('reporterCase.informal.notGiven')}
        </strong>
      </p>
      {consent ? <Button action={props.action('informal')} hidden={props.hidden} name="intent" value="consent" label={t('reporterCase.informal.consent')} /> : null}
      {withdraw ? <Button action={props.action('informal')} hidden={props.hidden} name="intent" value="withdraw" label={t('reporterCase.informal.withdraw')} secondary /> : null}
    </section>
  );
}

function AppealChoice(props: ChoicesProps) {
  const { context, handling } = props;
  const { t, language } = context;
  if (!handling.appealUntil) return null;
  const own = handling.ownAppeal;
  const statement = handling.documents.find((document) => document.what === 'yourAppeal');
  return (
    <section aria-labelledby="appeal-title">
      <h2 id="appeal-title">{t('reporterCase.appeal.title')}</h2>
      <p>{t('reporterCase.appeal.lead')}</p>
      {own ? (
        <>
          <p>
            {t('reporterCase.appeal.filed', {
              date: formatDay(language, own.filedAt.slice(0, 10)),
              grounds: own.grounds.map((ground) => t(`reporterCase.appeal.grounds.${ground}`)).join('; '),
            })}
          </p>
          {statement ? <MultilineText class="message-text" text={statement.text} /> : null}
          <p>{own.decided ? t('reporterCase.appeal.decided') : t('reporterCase.appeal.pending')}</p>
        </>
      ) : handling.available.includes('fileAppeal') ? (
        <AppealForm {...props} />
      ) : (
        <p>{t('reporterCase.appeal.closed', { date: formatDay(language, handling.appealUntil) })}</p>
      )}
    </section>
  );
}

function AppealForm(props: ChoicesProps) {
  const { context, handling } = props;
  const { t, language } = context;
  const problems = props.problems ?? {};
  const chosen = props.typed?.grounds ?? [];
  return (
    <form method="post" action={props.action('appeal')} novalidate>
      {props.hidden}
      <p>{t('reporterCase.appeal.until', { date: formatDay(language, handling.appealUntil ?? '') })}</p>
      <fieldset id="field-grounds" class={problems.grounds ? 'field field-error' : 'field'} aria-describedby="field-grounds-hint">
        <legend>{t('reporterCase.appeal.groundsLegend')}</legend>
        <p class="hint" id="field-grounds-hint">
          {t('reporterCase.appeal.groundsHint')}
        </p>
        {problems.grounds ? <p class="error">{problems.grounds}</p> : null}
        <div class="choices">
          {appealGrounds.map((ground) => (
            <label key={ground} class="choice">
              <input type="checkbox" name="grounds" value={ground} checked={chosen.includes(ground)} />
              <span>{t(`reporterCase.appeal.grounds.${ground}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea id="field-statement" name="statement" label={t('reporterCase.appeal.statementLabel')} hint={t('reporterCase.appeal.statementHint')} problem={problems.statement} typed={props.typed?.statement} />
      <button type="submit">{t('reporterCase.appeal.send')}</button>
    </form>
  );
}

function AdviserChoice(props: ChoicesProps) {
  const { context, handling } = props;
  const { t } = context;
  if (!handling.available.includes('nameAdviser')) return null;
  const named = handling.documents.filter((document) => document.what === 'yourAdviser');
  return (
    <section aria-labelledby="adviser-title">
      <h2 id="adviser-title">{t('reporterCase.adviser.title')}</h2>
      <p>{t('reporterCase.adviser.lead')}</p>
      {named.length > 0 ? (
        <>
          <p>{t('reporterCase.adviser.named')}</p>
          <ul>
            {named.map((document) => (
              <li key={document.id}>{document.text}</li>
            ))}
          </ul>
        </>
      ) : null}
      <form method="post" action={props.action('adviser')} novalidate>
        {props.hidden}
        <TextArea id="field-adviser" name="adviser" label={t('reporterCase.adviser.label')} hint={t('reporterCase.adviser.hint')} problem={props.problems?.adviser} typed={props.typed?.adviser} rows={2} />
        <button type="submit">{t('reporterCase.adviser.send')}</button>
      </form>
    </section>
  );
}

/** A labelled text area with its hint and problem, as every follow-up form writes one. */
export function TextArea(props: { id: string; name: string; label: string; hint: string; problem: string | undefined; typed: string | undefined; rows?: number }) {
  const { id } = props;
  return (
    <div class={props.problem ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      {props.problem ? (
        <p class="error" id={`${id}-error`}>
          {props.problem}
        </p>
      ) : null}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={20_000}
        value={props.typed ?? ''}
        aria-describedby={[`${id}-hint`, props.problem ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={props.problem ? 'true' : undefined}
      />
    </div>
  );
}
