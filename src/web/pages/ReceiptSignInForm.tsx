/**
 * The form a reporter returns with, receipt in hand (an intake report or an escrow entry). It
 * carries a single-use challenge: without JavaScript it can be sent a few seconds after the page
 * opened; with JavaScript reporter.js solves a small proof of work meanwhile. The receipt goes in
 * the body of a POST, never in an address.
 */
import type { PageContext } from '../components/Layout.tsx';
import type { ReporterChrome } from '../components/ReporterLayout.tsx';

export type ReceiptChallenge = { token: string; wait: number; difficulty: number };

/** What a page around the form is given: the form's values and a notice above it. */
export type ReceiptSignInPageProps = {
  context: PageContext;
  chrome: ReporterChrome;
  challenge: ReceiptChallenge;
  receipt?: string | undefined;
  problem?: string | undefined;
  notice?: string | undefined;
};

export function ReceiptSignInForm(props: {
  context: PageContext;
  action: string;
  challenge: ReceiptChallenge;
  /** The field's label and the button's words, which name what the receipt opens. */
  label: string;
  submit: string;
  receipt?: string | undefined;
  problem?: string | undefined;
}) {
  const { t, csrfToken } = props.context;
  const { challenge, problem } = props;
  return (
    <form
      method="post"
      action={props.action}
      novalidate
      data-pow-challenge={challenge.token}
      data-pow-difficulty={String(challenge.difficulty)}
      data-pow-working={t('intake.followUp.powWorking')}
      data-pow-ready={t('intake.followUp.powReady')}
    >
      {csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
      <input type="hidden" name="challenge" value={challenge.token} />
      <input type="hidden" name="pow" value="" />
      <div class={problem ? 'field field-error' : 'field'}>
        <label for="field-receipt">{props.label}</label>
        <p class="hint" id="field-receipt-hint">
          {t('intake.followUp.receiptHint')}
        </p>
        {problem ? (
          <p class="error" id="field-receipt-error" role="alert">
            {problem}
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
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? 'field-receipt-hint field-receipt-error' : 'field-receipt-hint'}
        />
      </div>
      <p class="hint" data-pow-status="">
        {t('intake.followUp.wait', { seconds: challenge.wait })}
      </p>
      <button type="submit">{props.submit}</button>
    </form>
  );
}
