/**
 * The case work around the procedure, as sections of the staff case page: internal notes,
 * labels and category, related cases, referrals, the evidence log with its chain of custody,
 * and break-glass access (a clear warning when the reader is using it). Each section has its
 * form; a rejected submission shows the page again with the problem next to the field and the
 * text as typed. Staff only: nothing here is ever part of a party's page.
 */
import { LABEL_MAX_CHARS, NOTE_MAX_CHARS } from '../../core/cases/caseWorkInput.ts';
import type { BreakGlassEntry, CaseWork, EvidenceLogEntry } from '../../usecases/cases/caseWork.ts';
import { CsrfField, Field, Notice, SelectField } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import type { FieldErrors } from '../forms.ts';
import { formatDate } from '../components/formatDate.ts';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { MultilineText } from './ReportFormFields.tsx';
import { TextArea } from './ToolkitParts.tsx';

/** The forms of these sections, by the name the routes give them. */
export type CaseWorkForm = 'note' | 'labels' | 'link' | 'referral';

/** A rejected submission: which form, and a message key per field. */
export type CaseWorkProblem = { form: CaseWorkForm; fields: FieldErrors };

export type CaseWorkSectionsProps = {
  context: PageContext;
  caseId: string;
  work: CaseWork;
  problem?: CaseWorkProblem | undefined;
  /** The values of the rejected form, as typed. */
  typed?: Record<string, string> | undefined;
};

type SectionProps = CaseWorkSectionsProps & { errors: FieldErrors; values: Record<string, string> };

/** A field's problem, from its message key to the words shown. */
export function problemText(context: PageContext, messageKey: string | undefined): string | undefined {
  return messageKey ? context.t(messageKey) : undefined;
}

export function CaseWorkSections(props: CaseWorkSectionsProps) {
  const part = (form: CaseWorkForm): SectionProps => ({
    ...props,
    errors: props.problem?.form === form ? props.problem.fields : {},
    values: props.problem?.form === form ? (props.typed ?? {}) : {},
  });
  return (
    <>
      {props.work.viewerBreakGlass ? <BreakGlassWarning context={props.context} caseId={props.caseId} expiresAt={props.work.viewerBreakGlass.expiresAt} /> : null}
      <NotesSection {...part('note')} />
      <LabelsSection {...part('labels')} />
      <LinksSection {...part('link')} />
      <ReferralsSection {...part('referral')} />
      <EvidenceLogSection context={props.context} caseId={props.caseId} evidence={props.work.evidence} />
      <BreakGlassSection context={props.context} entries={props.work.breakGlass} />
    </>
  );
}

export function BreakGlassWarning(props: { context: PageContext; caseId: string; expiresAt: Date }) {
  const { t, language } = props.context;
  return (
    <Notice kind="error">
      <p>{t('caseWork.breakGlass.activeWarning', { date: formatDate(language, props.expiresAt) })}</p>
      <p>
        <a href={`/cases/${props.caseId}/break-glass`}>{t('caseWork.breakGlass.manage')}</a>
      </p>
    </Notice>
  );
}

function NotesSection(props: SectionProps) {
  const { context, work, caseId } = props;
  const { t, language } = context;
  return (
    <section aria-labelledby="case-notes-title" id="case-notes">
      <h2 id="case-notes-title">{t('caseWork.notes.title')}</h2>
      <p class="hint">{t('caseWork.notes.intro')}</p>
      {work.notes.length === 0 ? <p>{t('caseWork.notes.none')}</p> : null}
      <ol class="thread case-notes">
        {work.notes.map((note) => (
          <li key={note.id} class="message">
            <p class="message-meta">{t('caseWork.notes.by', { name: note.authorName ?? t('caseWork.notes.formerStaff'), date: formatDate(language, note.at) })}</p>
            <MultilineText class="message-text" text={note.text} />
          </li>
        ))}
      </ol>
      <form method="post" action={`/cases/${caseId}/notes`} novalidate>
        <CsrfField token={context.csrfToken} />
        <TextArea name="note" label={t('caseWork.notes.label')} hint={t('caseWork.notes.hint')} error={problemText(context, props.errors.note)} value={props.values.note} maxLength={NOTE_MAX_CHARS} />
        <button type="submit">{t('caseWork.notes.button')}</button>
      </form>
    </section>
  );
}

function LabelsSection(props: SectionProps) {
  const { context, work, caseId } = props;
  const { t } = context;
  const categoryName = (value: string) => t(`intake.questions.kinds.options.${value}`);
  return (
    <section aria-labelledby="case-labels-title" id="case-labels">
      <h2 id="case-labels-title">{t('caseWork.labels.title')}</h2>
      <dl>
        <div>
          <dt>{t('caseWork.labels.labelsNow')}</dt>
          <dd>
            {work.labels.length === 0 ? (
              t('caseWork.labels.noLabels')
            ) : (
              <ul class="labels">
                {work.labels.map((label) => (
                  <li key={label}>{label}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('caseWork.labels.categoryNow')}</dt>
          <dd>{work.category ? categoryName(work.category) : t('caseWork.labels.noCategory')}</dd>
        </div>
      </dl>
      <form method="post" action={`/cases/${caseId}/labels`} novalidate>
        <CsrfField token={context.csrfToken} />
        <Field
          t={t}
          name="labels"
          label={t('caseWork.labels.label')}
          hint={t('caseWork.labels.hint')}
          error={props.errors.labels}
          value={props.values.labels ?? work.labels.join(', ')}
          maxLength={LABEL_MAX_CHARS * 12}
        />
        <SelectField
          t={t}
          name="category"
          label={t('caseWork.labels.categoryLabel')}
          options={[{ value: '', label: t('caseWork.labels.categoryNone') }, ...work.categories.map((value) => ({ value, label: categoryName(value) }))]}
          value={props.values.category ?? work.category ?? ''}
          error={props.errors.category}
        />
        <p class="hint">{t('caseWork.labels.categoryHint')}</p>
        <button type="submit">{t('caseWork.labels.button')}</button>
      </form>
    </section>
  );
}

function LinksSection(props: SectionProps) {
  const { context, work, caseId } = props;
  const { t } = context;
  return (
    <section aria-labelledby="case-links-title" id="case-links">
      <h2 id="case-links-title">{t('caseWork.links.title')}</h2>
      {work.links.length === 0 ? <p>{t('caseWork.links.none')}</p> : null}
      {work.links.length > 0 ? (
        <ScrollTable t={t} name={t('caseWork.links.title')} class="case-links">
          <thead>
            <tr>
              <th scope="col">{t('caseWork.links.number')}</th>
              <th scope="col">{t('caseWork.links.status')}</th>
              <th scope="col">{t('caseWork.links.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {work.links.map((link) => (
              <tr key={link.id}>
                <td>
                  <a href={`/cases/${link.id}`}>{t('caseWork.links.case', { ref: link.ref })}</a>
                </td>
                <td>{t(`intake.status.${link.status}`)}</td>
                <td>
                  <form method="post" action={`/cases/${caseId}/links/remove`}>
                    <CsrfField token={context.csrfToken} />
                    <input type="hidden" name="linked" value={link.id} />
                    <button type="submit" class="link-button" aria-label={t('caseWork.links.unlink', { ref: link.ref })}>
                      {t('caseWork.links.unlinkButton')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
      <form method="post" action={`/cases/${caseId}/links`} novalidate>
        <CsrfField token={context.csrfToken} />
        <Field
          t={t}
          name="caseNumber"
          label={t('caseWork.links.label')}
          hint={t('caseWork.links.hint')}
          error={props.errors.caseNumber}
          value={props.values.caseNumber}
          inputMode="numeric"
          maxLength={15}
        />
        <button type="submit">{t('caseWork.links.button')}</button>
      </form>
    </section>
  );
}

function ReferralsSection(props: SectionProps) {
  const { context, work, caseId, errors, values } = props;
  const { t, language } = context;
  const consent = values.referralConsent;
  return (
    <section aria-labelledby="case-referrals-title" id="case-referrals">
      <h2 id="case-referrals-title">{t('caseWork.referrals.title')}</h2>
      <p class="hint">{t('caseWork.referrals.intro')}</p>
      {work.referrals.length === 0 ? <p>{t('caseWork.referrals.none')}</p> : null}
      <ol class="case-referrals">
        {work.referrals.map((referral) => (
          <li key={referral.id}>
            <p>
              <strong>{referral.service}</strong> · <time dateTime={referral.referredOn}>{referral.referredOn}</time> · {t(`caseWork.parties.${referral.party}`)} ·{' '}
              {referral.consent === 'yes' ? t('caseWork.referrals.consented') : t('caseWork.referrals.notConsented')}
            </p>
            <MultilineText text={referral.what} />
            <p class="hint">{t('caseWork.referrals.recorded', { name: referral.authorName ?? t('caseWork.notes.formerStaff'), date: formatDate(language, referral.at) })}</p>
          </li>
        ))}
      </ol>
      <form method="post" action={`/cases/${caseId}/referrals`} novalidate>
        <CsrfField token={context.csrfToken} />
        <Field t={t} name="referralService" label={t('caseWork.referrals.service')} error={errors.referralService} value={values.referralService} maxLength={200} />
        <Field t={t} name="referralDate" type="date" label={t('caseWork.referrals.date')} hint={t('caseWork.referrals.dateHint')} error={errors.referralDate} value={values.referralDate} />
        <SelectField
          t={t}
          name="referralParty"
          label={t('caseWork.referrals.party')}
          options={(['reporter', 'respondent'] as const).map((party) => ({ value: party, label: t(`caseWork.parties.${party}`) }))}
          value={values.referralParty}
          error={errors.referralParty}
        />
        <TextArea
          name="referralWhat"
          label={t('caseWork.referrals.what')}
          hint={t('caseWork.referrals.whatHint')}
          error={problemText(context, errors.referralWhat)}
          value={values.referralWhat}
          maxLength={4_000}
        />
        <fieldset class={errors.referralConsent ? 'field field-error' : 'field'} id="field-referralConsent" aria-describedby={errors.referralConsent ? 'field-referralConsent-error' : undefined}>
          <legend>{t('caseWork.referrals.consent')}</legend>
          {errors.referralConsent ? (
            <p class="error" id="field-referralConsent-error">
              {t(errors.referralConsent)}
            </p>
          ) : null}
          <div class="choices">
            {(['yes', 'no'] as const).map((value) => (
              <label key={value} class="choice">
                <input type="radio" name="referralConsent" value={value} checked={consent === value} />
                <span>{value === 'yes' ? t('caseWork.referrals.consentYes') : t('caseWork.referrals.consentNo')}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">{t('caseWork.referrals.button')}</button>
      </form>
    </section>
  );
}

function kilobytes(language: string, bytes: number): string {
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(Math.max(bytes / 1024, 0.1));
}

function EvidenceLogSection(props: { context: PageContext; caseId: string; evidence: EvidenceLogEntry[] }) {
  const { context } = props;
  const { t, language } = context;
  return (
    <section aria-labelledby="case-evidence-log-title" id="case-evidence-log">
      <h2 id="case-evidence-log-title">{t('caseWork.evidence.title')}</h2>
      <p class="hint">{t('caseWork.evidence.intro')}</p>
      {props.evidence.length === 0 ? <p>{t('caseWork.evidence.none')}</p> : null}
      {props.evidence.length > 0 ? (
        <ScrollTable t={t} name={t('caseWork.evidence.title')} class="evidence evidence-log">
          <thead>
            <tr>
              <th scope="col">{t('caseWork.evidence.when')}</th>
              <th scope="col">{t('caseWork.evidence.what')}</th>
              <th scope="col">{t('caseWork.evidence.from')}</th>
              <th scope="col">{t('caseWork.evidence.custody')}</th>
            </tr>
          </thead>
          <tbody>
            {props.evidence.map((entry) => (
              <tr key={`${entry.entry}-${entry.id}`}>
                <td>
                  <time dateTime={entry.at.toISOString()}>{formatDate(language, entry.at)}</time>
                </td>
                <EvidenceCells context={context} caseId={props.caseId} entry={entry} />
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </section>
  );
}

function EvidenceCells(props: { context: PageContext; caseId: string; entry: EvidenceLogEntry }) {
  const { context, caseId, entry } = props;
  const { t, language } = context;
  const download = (id: string, name: string) => (
    <a href={`/cases/${caseId}/attachments/${id}`} download aria-label={t('caseWork.evidence.download', { name })}>
      {name}
    </a>
  );
  if (entry.entry === 'file') {
    return (
      <>
        <td>
          {download(entry.id, entry.name)} <span class="hint">{entry.type}</span>
        </td>
        <td>{t(`caseWork.evidence.sources.${entry.from}`)}</td>
        <td>
          <code class="sha256">{entry.receivedSha256}</code>
          <br />
          {t('caseWork.evidence.size', { size: kilobytes(language, entry.receivedSize) })}
          {entry.byName ? (
            <>
              <br />
              {t('caseWork.evidence.addedBy', { name: entry.byName })}
            </>
          ) : null}
          {entry.cleaned ? <p class="hint">{t('caseWork.evidence.cleaned')}</p> : null}
        </td>
      </>
    );
  }
  return (
    <>
      <td>
        <strong>{entry.kind === 'witness' ? t('caseWork.evidence.witness') : t('caseWork.evidence.document')}</strong>
        {entry.text ? <MultilineText text={entry.text} /> : null}
        {entry.attachment ? (
          <p>
            {t('caseWork.evidence.refersTo')} {download(entry.attachment.id, entry.attachment.name)}
          </p>
        ) : null}
      </td>
      <td>{t(`caseWork.evidence.sources.${entry.from}`)}</td>
      <td>
        {entry.recordedBy.kind === 'staff'
          ? t('caseWork.evidence.recordedBy', { name: entry.recordedBy.name ?? t('caseWork.notes.formerStaff') })
          : entry.recordedBy.kind === 'system'
            ? t('caseWork.evidence.recordedBySystem')
            : t('caseWork.evidence.recordedByParty')}
      </td>
    </>
  );
}

function BreakGlassSection(props: { context: PageContext; entries: BreakGlassEntry[] }) {
  const { t, language } = props.context;
  return (
    <section aria-labelledby="case-break-glass-title" id="case-break-glass">
      <h2 id="case-break-glass-title">{t('caseWork.breakGlass.title')}</h2>
      {props.entries.length === 0 ? <p>{t('caseWork.breakGlass.none')}</p> : null}
      <ul class="break-glass-log">
        {props.entries.map((entry) => (
          <li key={entry.id}>
            <p>
              <strong>
                {t('caseWork.breakGlass.entry', {
                  name: entry.staffName ?? t('caseWork.notes.formerStaff'),
                  start: formatDate(language, entry.startedAt),
                  end: formatDate(language, entry.expiresAt),
                })}
              </strong>{' '}
              {entry.live ? t('caseWork.breakGlass.live') : entry.endedAt ? t('caseWork.breakGlass.ended', { date: formatDate(language, entry.endedAt) }) : null}
            </p>
            <p class="hint">{t('caseWork.breakGlass.reason')}</p>
            {entry.reason ? <MultilineText text={entry.reason} /> : <p>{t('caseWork.breakGlass.noReason')}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
