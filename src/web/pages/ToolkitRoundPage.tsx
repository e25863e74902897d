/**
 * One round for its coordinators: state and answers so far (rounded, from five), and for each
 * organisation taking part: invitations (e-mail or printed codes), reminders, what it shares
 * with the network, evidence, and the way to its results. Closing is one button, confirmed.
 */
import type { ParticipantView, RoundView } from '../../usecases/toolkit/roundOverview.ts';
import type { EvidenceItem } from '../../storage/toolkit/evidenceStore.ts';
import { languages, languageName } from '../../i18n/index.ts';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { answersSoFarText, formatDay, localText, TextArea } from './ToolkitParts.tsx';

export function ToolkitRoundPage(props: { context: PageContext; view: RoundView; emailEnabled: boolean; notice?: string | undefined; errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t, language } = props.context;
  const { round } = props.view;
  const open = round.status === 'open';
  return (
    <Layout context={props.context} title={round.title}>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <ErrorSummary t={t} errors={props.errors} labels={{ emails: t('toolkit.invite.emailsLabel'), count: t('toolkit.invite.countLabel'), file: t('toolkit.evidence.fileLabel'), title: t('toolkit.evidence.titleLabel'), notes: t('toolkit.evidence.notesLabel') }} />
      <dl class="facts">
        <dt>{t('toolkit.round.status')}</dt>
        <dd>{t(`toolkit.status.${round.status}`)}{round.closedOn ? ` — ${formatDay(language, round.closedOn)}` : ''}</dd>
        <dt>{t('toolkit.round.template')}</dt>
        <dd>
          {localText(t, language, props.view.templateName)} — {t(`toolkit.form.${round.form}`)}
        </dd>
        <dt>{t('toolkit.round.opened')}</dt>
        <dd>{formatDay(language, round.openedOn)}</dd>
        {round.closesOn ? (
          <>
            <dt>{t('toolkit.round.closesOn')}</dt>
            <dd>{formatDay(language, round.closesOn)}</dd>
          </>
        ) : null}
        <dt>{t('toolkit.round.answers')}</dt>
        <dd>{answersSoFarText(t, props.view.answers)}</dd>
      </dl>
      <p class="hint">{open ? t('toolkit.round.resultsAfterClose') : t('toolkit.round.closedNote')}</p>
      {props.view.maySeeNetworkResults ? (
        <p>
          <a href={`/toolkit/rounds/${round.id}/network`}>{t('toolkit.round.networkResults')}</a>
        </p>
      ) : null}
      {props.view.participants.map((participant) => (
        <ParticipantSection key={participant.orgId} context={props.context} view={props.view} participant={participant} emailEnabled={props.emailEnabled} values={props.values} errors={props.errors} />
      ))}
      {open && props.view.mayRun ? (
        <section aria-labelledby="close-title">
          <h2 id="close-title">{t('toolkit.round.closeTitle')}</h2>
          <p>{t('toolkit.round.closeExplain')}</p>
          <form method="post" action={`/toolkit/rounds/${round.id}/close`}>
            <CsrfField token={props.context.csrfToken} />
            <label class="choice">
              <input type="checkbox" name="confirm" value="yes" required />
              {t('toolkit.round.closeConfirm')}
            </label>
            <button type="submit" class="danger">
              {t('toolkit.round.closeButton')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

function ParticipantSection(props: { context: PageContext; view: RoundView; participant: ParticipantView; emailEnabled: boolean; values?: Record<string, string> | undefined; errors?: Record<string, string> | undefined }) {
  const { t, language } = props.context;
  const { round, definition } = props.view;
  const { participant } = props;
  const base = `/toolkit/rounds/${round.id}/organisations/${participant.orgId}`;
  const headingId = `org-${participant.orgId}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{participant.name}</h2>
      <p>
        {t('toolkit.round.invitedCount', { count: participant.invited })} · {t('toolkit.round.answers')}: {answersSoFarText(t, participant.answers)}
      </p>
      {participant.maySeeResults ? (
        <p>
          <a href={`/toolkit/rounds/${round.id}/results/${participant.orgId}`}>{t('toolkit.round.organisationResults')}</a>
        </p>
      ) : null}
      {participant.mayInvite ? (
        <>
          <h3>{t('toolkit.invite.title')}</h3>
          {props.emailEnabled ? (
            <form method="post" action={`${base}/invite`} novalidate>
              <CsrfField token={props.context.csrfToken} />
              <TextArea name="emails" label={t('toolkit.invite.emailsLabel')} hint={t('toolkit.invite.emailsHint')} value={props.values?.emails} error={props.errors?.emails ? t(props.errors.emails) : undefined} maxLength={50_000} rows={4} />
              <SelectField t={t} name="language" label={t('toolkit.invite.languageLabel')} value={language} options={languages.map((code) => ({ value: code, label: languageName(code) }))} />
              <button type="submit">{t('toolkit.invite.send')}</button>
            </form>
          ) : (
            <p class="hint">{t('toolkit.invite.noEmail')}</p>
          )}
          <form method="post" action={`${base}/codes`} novalidate>
            <CsrfField token={props.context.csrfToken} />
            <Field t={t} name="count" type="number" inputMode="numeric" label={t('toolkit.invite.countLabel')} hint={t('toolkit.invite.countHint')} value={props.values?.count} error={props.errors?.count} />
            <button type="submit">{t('toolkit.invite.print')}</button>
          </form>
          {props.emailEnabled ? (
            <form method="post" action={`${base}/remind`}>
              <CsrfField token={props.context.csrfToken} />
              <p class="hint">{t('toolkit.invite.remindHint')}</p>
              <button type="submit" class="secondary">
                {t('toolkit.invite.remind')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
      {round.scope === 'network' && participant.maySeeResults ? (
        <>
          <h3>{t('toolkit.share.title')}</h3>
          <form method="post" action={`${base}/share`}>
            <CsrfField token={props.context.csrfToken} />
            <fieldset>
              <legend>{t('toolkit.share.legend')}</legend>
              <p class="hint">{t('toolkit.share.hint')}</p>
              {definition.domains.map((domain) => (
                <label key={domain.key} class="choice">
                  <input type="checkbox" name="domains" value={domain.key} checked={participant.sharedDomains.includes(domain.key)} />
                  {localText(t, language, domain.title)}
                </label>
              ))}
            </fieldset>
            <button type="submit">{t('toolkit.share.save')}</button>
          </form>
        </>
      ) : null}
      {participant.maySeeResults ? <EvidenceSection context={props.context} base={base} definition={definition} items={participant.evidence} /> : null}
    </section>
  );
}

function EvidenceSection(props: { context: PageContext; base: string; definition: RoundView['definition']; items: EvidenceItem[] }) {
  const { t, language } = props.context;
  const titles = new Map(props.definition.domains.map((domain) => [domain.key, localText(t, language, domain.title)]));
  return (
    <>
      <h3>{t('toolkit.evidence.title')}</h3>
      {props.items.length === 0 ? (
        <p>{t('toolkit.evidence.none')}</p>
      ) : (
        <ul>
          {props.items.map((item) => (
            <li key={item.id}>
              <strong>{titles.get(item.domainKey) ?? item.domainKey}</strong>: {item.title} ({t(`toolkit.evidence.kind.${item.kind}`)})
              {item.fileName ? (
                <>
                  {' '}
                  — <a href={`/toolkit/evidence/${item.id}`}>{item.fileName}</a> <span class="hint">SHA-256 {item.sha256?.slice(0, 16)}…</span>
                </>
              ) : null}
              {item.notes ? <p class="notes">{item.notes}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${props.base}/evidence`} enctype="multipart/form-data">
        <CsrfField token={props.context.csrfToken} />
        <SelectField t={t} name="domainKey" label={t('toolkit.evidence.domainLabel')} options={props.definition.domains.map((domain) => ({ value: domain.key, label: titles.get(domain.key) ?? domain.key }))} />
        <SelectField t={t} name="kind" label={t('toolkit.evidence.kindLabel')} options={[{ value: 'document', label: t('toolkit.evidence.kind.document') }, { value: 'focus_group_notes', label: t('toolkit.evidence.kind.focus_group_notes') }]} />
        <Field t={t} name="title" label={t('toolkit.evidence.titleLabel')} maxLength={200} required />
        <TextArea name="notes" label={t('toolkit.evidence.notesLabel')} hint={t('toolkit.evidence.notesHint')} maxLength={20_000} rows={4} />
        <div class="field">
          <label for="field-file">{t('toolkit.evidence.fileLabel')}</label>
          <p class="hint" id="field-file-hint">
            {t('toolkit.evidence.fileHint')}
          </p>
          <input id="field-file" type="file" name="file" aria-describedby="field-file-hint" />
        </div>
        <button type="submit">{t('toolkit.evidence.add')}</button>
      </form>
    </>
  );
}

export function ToolkitCodesPage(props: { context: PageContext; roundTitle: string; organisationName: string; codes: string[]; answerUrl: string }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('toolkit.codes.title')}>
      <Notice kind="info">{t('toolkit.codes.onceOnly')}</Notice>
      <p>{t('toolkit.codes.instructions', { url: props.answerUrl })}</p>
      <ul class="code-slips">
        {props.codes.map((code) => (
          <li key={code}>
            <p>
              {props.roundTitle} — {props.organisationName}
            </p>
            <p>{props.answerUrl}</p>
            <p>
              <code data-invitation-code>{code}</code>
            </p>
          </li>
        ))}
      </ul>
      <p class="hint">{t('toolkit.codes.shuffle')}</p>
    </Layout>
  );
}
