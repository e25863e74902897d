/**
 * The respondent's portal: the written notice and their rights, the dates that concern them,
 * the documents delivered to them and what they sent, files, the steps the engine would accept
 * from them now (each a plain form), and the thread with the case team. An adviser sees the
 * same page without the step forms. Everything shown was sealed with the respondent key.
 */
import type { ComponentChildren } from 'preact';
import { acceptAttribute } from '../../core/intake/evidence.ts';
import type { RespondentActionType } from '../../core/respondent/portalView.ts';
import type { PortalDocument, RespondentView } from '../../usecases/respondent/viewRespondentCase.ts';
import { describedBy, FieldFrame, Notice } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';
import { MultilineText } from './ReportFormFields.tsx';
import { formatDay, RespondentLayout } from './RespondentLayout.tsx';
import { MessageThread } from './MessageThread.tsx';
import { EvidenceForReviewSection } from './EvidenceForReviewSection.tsx';

export const PORTAL_PATH = '/respond/case';

/** The portal's forms, each posting to `${PORTAL_PATH}/<form>`. */
export const portalForms = ['respond', 'evidence', 'adviser', 'appeal', 'consent', 'withdrawConsent', 'message'] as const;
export type PortalForm = (typeof portalForms)[number];

const formOfAction: Record<RespondentActionType, PortalForm> = {
  recordResponse: 'respond',
  addEvidence: 'evidence',
  nameAdviser: 'adviser',
  fileAppeal: 'appeal',
  recordConsent: 'consent',
  withdrawConsent: 'withdrawConsent',
};

const textSteps = {
  respond: { field: 'statement', rows: 10 },
  adviser: { field: 'adviser', rows: 3 },
  consent: { field: 'statement', rows: 4 },
  withdrawConsent: { field: 'statement', rows: 4 },
} as const;

export type RespondentPortalProps = {
  context: PageContext;
  view: RespondentView;
  notice?: { kind: 'success' | 'error'; text: string } | undefined;
  /** Problems in words, by `<form>.<field>`. */
  problems?: Partial<Record<string, string>>;
  /** What was typed, by `<form>.<field>`, to show a refused form again. */
  typed?: Partial<Record<string, string>>;
};

export function RespondentPortalPage(props: RespondentPortalProps) {
  const { context, view } = props;
  const { t, language } = context;
  const timeline = view.timeline;
  // A form sent when it is no longer offered (or by an adviser) still gets its problem said, at the top.
  const shown = new Set<string>(['message', ...(view.kind === 'respondent' ? view.actions.map((action) => formOfAction[action]) : [])]);
  const unplaced = Object.entries(props.problems ?? {}).filter(([key]) => !shown.has(key.split('.')[0] ?? ''));
  return (
    <RespondentLayout context={context} title={t('respondent.portal.title')} organisationName={view.organisationName}>
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      {unplaced.map(([key, message]) => (
        <Notice key={key} kind="error">
          {message}
        </Notice>
      ))}
      {view.organisationName ? <p>{t('respondent.portal.caseAt', { number: view.caseNumber, organisation: view.organisationName })}</p> : null}
      {view.kind === 'adviser' ? <Notice kind="info">{t('respondent.portal.adviserNote')}</Notice> : null}

      <section aria-labelledby="notice-title">
        <h2 id="notice-title">{t('respondent.portal.noticeTitle')}</h2>
        {view.notice ? (
          <>
            <p class="hint">{t('respondent.portal.receivedOn', { date: formatDate(language, view.notice.at) })}</p>
            <MultilineText class="message-text" text={view.notice.text} />
          </>
        ) : (
          <p>{t('respondent.portal.noNotice')}</p>
        )}
      </section>

      <section aria-labelledby="rights-title">
        <h2 id="rights-title">{t('respondent.portal.rightsTitle')}</h2>
        <ul>
          <li>{t('respondent.portal.rights.presumption')}</li>
          <li>{t('respondent.portal.rights.adviser')}</li>
          <li>{t('respondent.portal.rights.respond')}</li>
          <li>{t('respondent.portal.rights.evidenceReview')}</li>
          <li>{t('respondent.portal.rights.noRetaliation')}</li>
          <li>{t('respondent.portal.rights.appeal')}</li>
        </ul>
      </section>

      <section aria-labelledby="dates-title">
        <h2 id="dates-title">{t('respondent.portal.datesTitle')}</h2>
        <dl class="case-summary">
          {timeline.noticeOn ? (
            <div>
              <dt>{t('respondent.portal.dates.notice')}</dt>
              <dd>{formatDay(language, timeline.noticeOn)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('respondent.portal.dates.response')}</dt>
            <dd>
              {!timeline.response.open
                ? t('respondent.portal.dates.responseClosed')
                : timeline.response.atLeastUntil
                  ? t('respondent.portal.dates.responseUntil', { date: formatDay(language, timeline.response.atLeastUntil) })
                  : t('respondent.portal.dates.responseOpen')}{' '}
              {t('respondent.portal.dates.responsesGiven', { count: timeline.response.given })}
            </dd>
          </div>
          <div>
            <dt>{t('respondent.portal.dates.evidenceReview')}</dt>
            <dd>{reviewText(context, timeline.evidenceReview)}</dd>
          </div>
          <div>
            <dt>{t('respondent.portal.dates.appeal')}</dt>
            <dd>{appealText(context, timeline.appeal)}</dd>
          </div>
          {timeline.informal ? (
            <div>
              <dt>{t('respondent.portal.dates.informal')}</dt>
              <dd>{timeline.informal.consented ? t('respondent.portal.dates.informalConsented') : t('respondent.portal.dates.informalNotConsented')}</dd>
            </div>
          ) : null}
          {timeline.closedOn ? (
            <div>
              <dt>{t('respondent.portal.dates.closedTitle')}</dt>
              <dd>{t('respondent.portal.dates.closed', { date: formatDay(language, timeline.closedOn) })}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <DocumentList context={context} id="delivered" title={t('respondent.portal.deliveredTitle')} empty={t('respondent.portal.noDelivered')} documents={view.delivered} />
      <EvidenceForReviewSection context={context} evidence={view.evidenceForReview} fileHref={(id) => `${PORTAL_PATH}/files/${id}`} />
      <DocumentList context={context} id="own" title={t('respondent.portal.ownTitle')} empty={t('respondent.portal.noOwn')} documents={view.own} />

      <section aria-labelledby="files-title">
        <h2 id="files-title">{t('respondent.portal.filesTitle')}</h2>
        {view.files.length === 0 ? <p>{t('respondent.portal.noFiles')}</p> : null}
        <ul>
          {view.files.map((file) => (
            <li key={file.id}>
              <a href={`${PORTAL_PATH}/files/${file.id}`} download={file.name}>
                {t('respondent.portal.download', { name: file.name })}
              </a>{' '}
              ({t('respondent.portal.size', { size: Math.max(1, Math.round(file.size / 1024)) })},{' '}
              {file.fromRespondent ? t('respondent.portal.fileFromYou') : t('respondent.portal.fileShared')}, <time dateTime={file.at.toISOString()}>{formatDate(language, file.at)}</time>)
            </li>
          ))}
        </ul>
      </section>

      {view.kind === 'respondent' ? <Steps {...props} /> : null}

      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t('respondent.messages.title')}</h2>
        <p class="hint">{t('respondent.messages.intro')}</p>
        <MessageThread
          language={language}
          empty={t('respondent.messages.none')}
          messages={view.messages}
          label={(message) => messageAuthor(context, view.kind, message.author)}
        />
        <PortalForm {...props} form="message" submit={t('respondent.messages.submit')}>
          <TextArea {...props} form="message" field="text" label={t('respondent.messages.label')} rows={5} maxLength={20_000} />
        </PortalForm>
      </section>

      <form method="post" action={`${PORTAL_PATH}/sign-out`}>
        {context.csrfToken ? <input type="hidden" name="_csrf" value={context.csrfToken} /> : null}
        <button type="submit" class="secondary">
          {t('respondent.signOut')}
        </button>
      </form>
    </RespondentLayout>
  );
}

function messageAuthor(context: PageContext, viewer: RespondentView['kind'], author: 'staff' | 'respondent' | 'adviser'): string {
  const { t } = context;
  if (author === 'staff') return t('respondent.messages.team');
  if (author === viewer) return t('respondent.messages.you');
  return author === 'adviser' ? t('respondent.messages.adviser') : t('respondent.messages.respondent');
}

function reviewText(context: PageContext, review: RespondentView['timeline']['evidenceReview']): string {
  const { t, language } = context;
  if (!review) return t('respondent.portal.dates.reviewNotOpen');
  const opened = formatDay(language, review.openedOn);
  if (review.closedOn) return t('respondent.portal.dates.reviewClosed', { opened, closed: formatDay(language, review.closedOn) });
  if (review.closesNotBefore) return t('respondent.portal.dates.reviewOpen', { opened, until: formatDay(language, review.closesNotBefore) });
  return t('respondent.portal.dates.reviewOpenNoMinimum', { opened });
}

function appealText(context: PageContext, appeal: RespondentView['timeline']['appeal']): string {
  const { t, language } = context;
  if (!appeal) return t('respondent.portal.dates.appealNotOpen');
  if (appeal.decided) return t('respondent.portal.dates.appealDecided');
  if (appeal.filed) return t('respondent.portal.dates.appealFiled');
  return appeal.open ? t('respondent.portal.dates.appealOpen', { date: formatDay(language, appeal.until) }) : t('respondent.portal.dates.appealClosed', { date: formatDay(language, appeal.until) });
}

function DocumentList(props: { context: PageContext; id: string; title: string; empty: string; documents: PortalDocument[] }) {
  const { t, language } = props.context;
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.documents.length === 0 ? <p>{props.empty}</p> : null}
      {props.documents.map((document) => (
        <details key={document.id}>
          <summary>
            {t(`respondent.labels.${document.label}`)} · <time dateTime={document.at.toISOString()}>{formatDate(language, document.at)}</time>
          </summary>
          <MultilineText class="message-text" text={document.text} />
        </details>
      ))}
    </section>
  );
}

function Steps(props: RespondentPortalProps) {
  const { context, view } = props;
  const { t } = context;
  const offered = new Set(view.actions.map((action) => formOfAction[action]));
  // The steps that are one text each: title, label, hint and button under respondent.steps.<form>.
  const textStep = (form: keyof typeof textSteps) =>
    offered.has(form) ? (
      <PortalForm {...props} form={form} title={t(`respondent.steps.${form}.title`)} submit={t(`respondent.steps.${form}.submit`)}>
        <TextArea {...props} form={form} field={textSteps[form].field} label={t(`respondent.steps.${form}.label`)} hint={t(`respondent.steps.${form}.hint`)} rows={textSteps[form].rows} />
      </PortalForm>
    ) : null;
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">{t('respondent.steps.title')}</h2>
      {offered.size === 0 ? <p>{t('respondent.steps.none')}</p> : null}
      {textStep('respond')}
      {offered.has('evidence') ? (
        <PortalForm {...props} form="evidence" title={t('respondent.steps.evidence.title')} submit={t('respondent.steps.evidence.submit')} multipart>
          <Choices
            {...props}
            form="evidence"
            field="kind"
            type="radio"
            legend={t('respondent.steps.evidence.kind')}
            options={[
              { value: 'document', label: t('respondent.steps.evidence.document') },
              { value: 'witness', label: t('respondent.steps.evidence.witness') },
            ]}
            checked={[props.typed?.['evidence.kind'] ?? 'document']}
          />
          <TextArea {...props} form="evidence" field="statement" label={t('respondent.steps.evidence.label')} hint={t('respondent.steps.evidence.hint')} rows={6} />
          <div class={props.problems?.['evidence.files'] ? 'field field-error' : 'field'}>
            <label for="field-evidence-files">{t('respondent.steps.evidence.files')}</label>
            <p class="hint" id="field-evidence-files-hint">
              {t('respondent.steps.evidence.filesHint')}
            </p>
            {props.problems?.['evidence.files'] ? (
              <p class="error" id="field-evidence-files-error">
                {props.problems['evidence.files']}
              </p>
            ) : null}
            <input id="field-evidence-files" type="file" name="files" multiple accept={acceptAttribute} aria-describedby="field-evidence-files-hint" />
          </div>
        </PortalForm>
      ) : null}
      {textStep('adviser')}
      {offered.has('appeal') ? (
        <PortalForm {...props} form="appeal" title={t('respondent.steps.appeal.title')} submit={t('respondent.steps.appeal.submit')}>
          <Choices
            {...props}
            form="appeal"
            field="grounds"
            type="checkbox"
            legend={t('respondent.steps.appeal.grounds')}
            hint={t('respondent.steps.appeal.groundsHint')}
            options={view.appealGrounds.map((ground) => ({ value: ground, label: t(`respondent.steps.appeal.ground.${ground}`) }))}
            checked={(props.typed?.['appeal.grounds'] ?? '').split(',')}
          />
          <TextArea {...props} form="appeal" field="statement" label={t('respondent.steps.appeal.label')} hint={t('respondent.steps.appeal.hint')} rows={8} />
        </PortalForm>
      ) : null}
      {textStep('consent')}
      {textStep('withdrawConsent')}
    </section>
  );
}

function PortalForm(props: RespondentPortalProps & { form: PortalForm; title?: string; submit: string; multipart?: boolean; children: ComponentChildren }) {
  const { context, view } = props;
  const headingId = `${props.form}-title`;
  return (
    <form method="post" action={`${PORTAL_PATH}/${props.form}`} enctype={props.multipart ? 'multipart/form-data' : undefined} aria-labelledby={props.title ? headingId : undefined} novalidate>
      {props.title ? <h3 id={headingId}>{props.title}</h3> : null}
      {context.csrfToken ? <input type="hidden" name="_csrf" value={context.csrfToken} /> : null}
      <input type="hidden" name="formToken" value={view.formToken} />
      {props.children}
      <button type="submit">{props.submit}</button>
    </form>
  );
}

function TextArea(props: RespondentPortalProps & { form: PortalForm; field: string; label: string; hint?: string; rows: number; maxLength?: number }) {
  const id = `field-${props.form}-${props.field}`;
  const problem = props.problems?.[`${props.form}.${props.field}`];
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={problem}>
      <textarea
        id={id}
        name={props.field}
        rows={props.rows}
        maxLength={props.maxLength}
        value={props.typed?.[`${props.form}.${props.field}`] ?? ''}
        aria-describedby={describedBy(id, props.hint, problem)}
        aria-invalid={problem ? 'true' : undefined}
      />
    </FieldFrame>
  );
}

function Choices(
  props: RespondentPortalProps & { form: PortalForm; field: string; type: 'radio' | 'checkbox'; legend: string; hint?: string; options: { value: string; label: string }[]; checked: string[] },
) {
  const id = `field-${props.form}-${props.field}`;
  const problem = props.problems?.[`${props.form}.${props.field}`];
  return (
    <fieldset id={id} class={problem ? 'field field-error' : 'field'} aria-describedby={problem ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {problem ? (
        <p class="error" id={`${id}-error`}>
          {problem}
        </p>
      ) : null}
      <div class="choices">
        {props.options.map((option) => (
          <div class="choice" key={option.value}>
            <input type={props.type} id={`${id}-${option.value}`} name={props.field} value={option.value} checked={props.checked.includes(option.value)} />
            <label for={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
