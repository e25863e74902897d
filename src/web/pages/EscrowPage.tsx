/**
 * Placing an allegation in escrow. The page explains escrow and, without JavaScript, says why
 * escrow needs it and offers the other paths; the form itself is shown by the escrow client
 * (src/client/escrow/browserPage.ts, bundled as /assets/escrow.js), which blinds the
 * identifiers and seals the account in this browser before anything is sent. Every text the
 * script shows is rendered here, translated, and handed to it in one data attribute.
 */
import { getCountries } from 'libphonenumber-js/max';
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import type { EscrowConfigurationWire } from '../../client/escrow/escrowApi.ts';
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';
import { clientMessages } from './EscrowClientMessages.tsx';

export type Region = { code: string; name: string };

/** Countries whose national phone numbers can be read, named in the reporter's language. */
export function phoneRegions(language: string): Region[] {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
}

export type EscrowPageProps = {
  context: PageContext;
  chrome: ReporterChrome;
  /** Undefined when escrow cannot be used now; `unavailable` then says why. */
  configuration: EscrowConfigurationWire | undefined;
  unavailable?: string | undefined;
  regions: Region[];
};

function TextField(props: { id: string; label: string; hint?: string; type?: 'text' | 'email' | 'tel' | 'url'; autocomplete?: string; inputMode?: 'email' | 'tel' | 'url' | 'text' | 'numeric' }) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  // Preact types each input `type` separately; these attributes are valid for all of them.
  const attributes = {
    id: props.id,
    name: props.id.replace(/^field-/, ''),
    type: props.type ?? 'text',
    autocomplete: props.autocomplete ?? 'off',
    inputMode: props.inputMode,
    spellcheck: false,
    'aria-describedby': hintId,
  } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <p class="error" id={`${props.id}-error`} hidden />
      <input {...attributes} />
    </div>
  );
}

function Step(props: { id: string; title: string; children: ComponentChildren; hidden?: boolean }) {
  return (
    <section class="escrow-step" aria-labelledby={`${props.id}-title`} data-escrow-step={props.id} hidden={props.hidden}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function OtherPaths(props: { context: PageContext; prefix: string }) {
  const { t, language } = props.context;
  return (
    <ul>
      <li>
        <a href={withLanguage(`${props.prefix}/report`, language)}>{t('escrow.page.pathReport')}</a>
      </li>
      <li>
        <a href={withLanguage('/escrow/follow-up', language)}>{t('escrow.page.pathStatus')}</a>
      </li>
      <li>{t('escrow.page.pathCommandLine')}</li>
    </ul>
  );
}

export function EscrowPage(props: EscrowPageProps) {
  const { t, language } = props.context;
  const configuration = props.configuration;
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={t('escrow.page.title')}>
      <p class="lead">{t('escrow.page.lead')}</p>
      <h2>{t('escrow.page.howTitle')}</h2>
      <ol>
        <li>{t('escrow.page.how1')}</li>
        <li>{t('escrow.page.how2', { count: configuration?.threshold ?? 2 })}</li>
        <li>{t('escrow.page.how3')}</li>
        <li>{t('escrow.page.how4')}</li>
      </ol>
      {configuration ? (
        <>
          <div class="notice notice-info" data-escrow-no-script="">
            <h2>{t('escrow.page.scriptTitle')}</h2>
            <p>{t('escrow.page.scriptWhy')}</p>
            <p>{t('escrow.page.scriptOff')}</p>
            <OtherPaths context={props.context} prefix={props.chrome.prefix} />
          </div>
          <EscrowForm {...props} configuration={configuration} />
          <script type="module" src="/assets/escrow.js" />
        </>
      ) : (
        <div class="notice notice-info">
          <h2>{t('escrow.page.unavailableTitle')}</h2>
          <p>{props.unavailable ?? t('errors.ESCROW_UNAVAILABLE')}</p>
          <OtherPaths context={props.context} prefix={props.chrome.prefix} />
        </div>
      )}
      <p>
        <a href={withLanguage('/escrow/follow-up', language)}>{t('escrow.page.followUpLink')}</a>
      </p>
    </ReporterLayout>
  );
}

function EscrowForm(props: EscrowPageProps & { configuration: EscrowConfigurationWire }) {
  const { t, language } = props.context;
  const { configuration } = props;
  return (
    <form
      method="post"
      action="/escrow"
      novalidate
      hidden
      data-escrow-form=""
      data-public-key={configuration.publicKey}
      data-language={language}
      data-messages={JSON.stringify(clientMessages(t, configuration))}
    >
      <div class="notice notice-error" role="alert" data-escrow-error="" tabIndex={-1} hidden />
      <Step id="membership" title={t('escrow.form.membershipTitle')}>
        <p>{t('escrow.form.membershipWhy')}</p>
        <TextField id="field-invitationCode" label={t('escrow.form.invitationCode')} hint={t('escrow.form.invitationCodeHint')} />
        <p>
          <button type="button" data-escrow-action="redeem">
            {t('escrow.form.useInvitation')}
          </button>
        </p>
        {configuration.membership.email ? (
          <>
            <h3>{t('escrow.form.emailTitle')}</h3>
            <TextField id="field-membershipEmail" label={t('escrow.form.membershipEmail')} hint={t('escrow.form.membershipEmailHint')} type="email" inputMode="email" />
            <p>
              <button type="button" class="secondary" data-escrow-action="send-code">
                {t('escrow.form.sendCode')}
              </button>
            </p>
            <TextField id="field-membershipCode" label={t('escrow.form.membershipCode')} inputMode="numeric" />
            <p>
              <button type="button" data-escrow-action="verify-code">
                {t('escrow.form.verifyCode')}
              </button>
            </p>
          </>
        ) : null}
        <p class="notice notice-success" data-escrow-verified="" hidden>
          {t('escrow.form.verified')}
        </p>
      </Step>
      <Step id="respondent" title={t('escrow.form.respondentTitle')}>
        <p>{t('escrow.form.respondentWhy')}</p>
        <p class="error" id="field-respondent-error" hidden />
        <TextField id="field-respondentEmail" label={t('escrow.form.respondentEmail')} type="email" inputMode="email" />
        <TextField id="field-respondentPhone" label={t('escrow.form.respondentPhone')} hint={t('escrow.form.respondentPhoneHint')} type="tel" inputMode="tel" />
        <div class="field">
          <label for="field-respondentPhoneRegion">{t('escrow.form.respondentPhoneRegion')}</label>
          <select id="field-respondentPhoneRegion" name="respondentPhoneRegion">
            <option value="">{t('escrow.form.noRegion')}</option>
            {props.regions.map((region) => (
              <option key={region.code} value={region.code}>
                {region.name}
              </option>
            ))}
          </select>
        </div>
        <TextField id="field-respondentProfile" label={t('escrow.form.respondentProfile')} hint={t('escrow.form.respondentProfileHint')} type="url" inputMode="url" />
        <TextField id="field-respondentName" label={t('escrow.form.respondentName')} hint={t('escrow.form.respondentNameHint')} />
        <TextField id="field-respondentOrganisation" label={t('escrow.form.respondentOrganisation')} />
      </Step>
      <Step id="account" title={t('escrow.form.accountTitle')}>
        <div class="field">
          <label for="field-account">{t('escrow.form.account')}</label>
          <p class="hint" id="field-account-hint">
            {t('escrow.form.accountHint')}
          </p>
          <p class="error" id="field-account-error" hidden />
          <textarea id="field-account" name="account" rows={10} maxLength={configuration.limits.accountCharacters} aria-describedby="field-account-hint" />
        </div>
        <div class="field">
          <label for="field-evidence">{t('escrow.form.evidence')}</label>
          <p class="hint" id="field-evidence-hint">
            {t('escrow.form.evidenceHint', { files: configuration.limits.evidenceFiles, megabytes: Math.floor(configuration.limits.evidenceBytes / (1024 * 1024)) })}
          </p>
          <p class="error" id="field-evidence-error" hidden />
          <input id="field-evidence" name="evidence" type="file" multiple aria-describedby="field-evidence-hint" />
        </div>
      </Step>
      <section class="before-sending" aria-labelledby="before-sending-title">
        <h2 id="before-sending-title">{t('escrow.form.beforeTitle')}</h2>
        <p>{t('escrow.form.beforeWho', { count: configuration.threshold })}</p>
        <p>{t('escrow.form.beforeLimits')}</p>
        <p role="status" aria-live="polite" class="hint" data-escrow-status="" />
        <button type="submit">{t('escrow.form.submit')}</button>
      </section>
      <section class="receipt-result" aria-labelledby="escrow-receipt-title" data-escrow-result="" tabIndex={-1} hidden>
        <h2 id="escrow-receipt-title">{t('escrow.receipt.title')}</h2>
        <p class="receipt-code" data-escrow-receipt="" />
        <p class="receipt-date" data-escrow-placed-at="" />
        <div class="notice notice-info">
          <p>
            <strong>{t('intake.receipt.shownOnce')}</strong>
          </p>
          <p>{t('intake.receipt.howToKeep')}</p>
          <p>{t('escrow.receipt.next')}</p>
        </div>
        <p>
          <a href={withLanguage('/escrow/follow-up', language)}>{t('escrow.receipt.followUpLink')}</a>
        </p>
      </section>
    </form>
  );
}
