/**
 * Returning with an escrow receipt to see whether the allegation matched (the form is
 * ReceiptSignInForm, the same challenge and proof of work as the intake follow-up).
 */
import { Notice } from '../components/Form.tsx';
import { ReporterLayout, withLanguage } from '../components/ReporterLayout.tsx';
import { ReceiptSignInForm, type ReceiptSignInPageProps } from './ReceiptSignInForm.tsx';

export function EscrowFollowUpPage(props: ReceiptSignInPageProps) {
  const { t, language } = props.context;
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={t('escrow.followUp.title')}>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      <p class="lead">{t('escrow.followUp.lead')}</p>
      <ReceiptSignInForm
        context={props.context}
        action={withLanguage('/escrow/follow-up', language)}
        challenge={props.challenge}
        label={t('escrow.followUp.receipt')}
        submit={t('escrow.followUp.open')}
        receipt={props.receipt}
        problem={props.problem}
      />
      <p>{t('escrow.followUp.lostReceipt')}</p>
      <p>
        <a href={withLanguage('/escrow', language)}>{t('escrow.followUp.placeLink')}</a>
      </p>
    </ReporterLayout>
  );
}
