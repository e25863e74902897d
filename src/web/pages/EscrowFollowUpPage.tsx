/**
 * Returning with an escrow receipt to see whether the allegation matched. Works without
 * JavaScript: the form carries a single-use challenge that may be sent a few seconds after the
 * page opened, or at once with the small proof of work reporter.js solves. The receipt goes in
 * the body of a POST, never in an address.
 */
import { Notice } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';

export type EscrowFollowUpProps = {
  context: PageContext;
  chrome: ReporterChrome;
  challenge: { token: string; wait: number; difficulty: number };
  receipt?: string | undefined;
  problem?: string | undefined;
  notice?: string | undefined;
};

export function EscrowFollowUpPage(props: EscrowFollowUpProps) {
  const { t, language } = props.context;
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={t('escrow.followUp.title')}>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      <p class="lead">{t('escrow.followUp.lead')}</p>
      <form
        method="post"
        action={withLanguage('/escrow/follow-up', language)}
        novalidate
        data-pow-challenge={props.challenge.token}
        data-pow-difficulty={String(props.challenge.difficulty)}
        data-pow-working={t('intake.followUp.powWorking')}
        data-pow-ready={t('intake.followUp.powReady')}
      >
        {props.context.csrfToken ? <input type="hidden" name="_csrf" value={props.context.csrfToken} /> : null}
        <input type="hidden" name="challenge" value={props.challenge.token} />
        <input type="hidden" name="pow" value="" />
        <div class={props.problem ? 'field field-error' : 'field'}>
          <label for="field-receipt">{t('escrow.followUp.receipt')}</label>
          <p class="hint" id="field-receipt-hint">
            {t('intake.followUp.receiptHint')}
          </p>
          {props.problem ? (
            <p class="error" id="field-receipt-error" role="alert">
              {props.problem}
            </p>
          ) : null}
          <input
            type="text"
            id="field-receipt"
            name="receipt"
            inputMode="numeric"
            autocomplete="off"
            spellcheck={false}
            maxLength={60}
            value={props.receipt ?? ''}
            aria-invalid={props.problem ? 'true' : undefined}
            aria-describedby={['field-receipt-hint', props.problem ? 'field-receipt-error' : ''].filter(Boolean).join(' ')}
          />
        </div>
        <p class="hint" data-pow-status="">
          {t('intake.followUp.wait', { seconds: props.challenge.wait })}
        </p>
        <button type="submit">{t('escrow.followUp.open')}</button>
      </form>
      <p>{t('escrow.followUp.lostReceipt')}</p>
      <p>
        <a href={withLanguage('/escrow', language)}>{t('escrow.followUp.placeLink')}</a>
      </p>
    </ReporterLayout>
  );
}
