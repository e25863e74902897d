/**
 * The network administrator's escrow settings: how many distinct reporters make a match, how
 * names are compared (both fixed once entries exist), and the membership e-mail domains.
 */
import type { EscrowSettings } from '../../storage/escrow/escrowSettingsStore.ts';
import type { FieldErrors } from '../forms.ts';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { EscrowLinks, InvitationCodeForm } from './EscrowStaffParts.tsx';

export type EscrowSettingsProps = {
  context: PageContext;
  settings: EscrowSettings & { locked: boolean };
  counsel: boolean;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
  notice?: { kind: 'success' | 'error'; text: string } | undefined;
};

export function EscrowSettingsPage(props: EscrowSettingsProps) {
  const { t } = props.context;
  const { settings } = props;
  const values = props.values ?? { threshold: String(settings.threshold), diacritics: settings.diacritics, membershipDomains: settings.membershipDomains.join('\n') };
  const labels = { threshold: t('escrow.settings.threshold'), diacritics: t('escrow.settings.diacritics'), membershipDomains: t('escrow.settings.domains') };
  const domainsError = props.errors?.membershipDomains;
  return (
    <Layout context={props.context} title={t('escrow.settings.title')}>
      <EscrowLinks context={props.context} counsel={props.counsel} configure />
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      {settings.locked ? <Notice kind="info">{t('escrow.settings.locked')}</Notice> : null}
      <form method="post" action="/escrow/settings" novalidate>
        <CsrfField token={props.context.csrfToken} />
        <Field t={t} name="threshold" label={labels.threshold} hint={t('escrow.settings.thresholdHint')} type="number" inputMode="numeric" value={values.threshold} error={props.errors?.threshold} />
        <SelectField
          t={t}
          name="diacritics"
          label={labels.diacritics}
          value={values.diacritics}
          error={props.errors?.diacritics}
          options={[
            { value: 'strip', label: t('escrow.settings.diacriticsStrip') },
            { value: 'keep', label: t('escrow.settings.diacriticsKeep') },
          ]}
        />
        <div class={domainsError ? 'field field-error' : 'field'}>
          <label for="field-membershipDomains">{labels.membershipDomains}</label>
          <p class="hint" id="field-membershipDomains-hint">
            {t('escrow.settings.domainsHint')}
          </p>
          {domainsError ? (
            <p class="error" id="field-membershipDomains-error">
              {t(domainsError)}
            </p>
          ) : null}
          <textarea
            id="field-membershipDomains"
            name="membershipDomains"
            rows={5}
            aria-invalid={domainsError ? 'true' : undefined}
            aria-describedby={['field-membershipDomains-hint', domainsError ? 'field-membershipDomains-error' : ''].filter(Boolean).join(' ')}
            value={values.membershipDomains ?? ''}
          />
        </div>
        <button type="submit">{t('escrow.settings.save')}</button>
      </form>
      <InvitationCodeForm context={props.context} />
    </Layout>
  );
}
