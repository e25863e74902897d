/** Returning with the receipt to follow a report up (the form is ReceiptSignInForm). */
import { Notice } from '../components/Form.tsx';
import { ReporterLayout, withLanguage } from '../components/ReporterLayout.tsx';
import { ReceiptSignInForm, type ReceiptSignInPageProps } from './ReceiptSignInForm.tsx';

export function FollowUpSignInPage(props: ReceiptSignInPageProps) {
  const { t, language } = props.context;
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={t('intake.followUp.signInTitle')}>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      <p class="lead">{t('intake.followUp.signInLead')}</p>
      <ReceiptSignInForm
        context={props.context}
        action={withLanguage(`${props.chrome.prefix}/follow-up`, language)}
        challenge={props.challenge}
        label={t('intake.followUp.receipt')}
        submit={t('intake.followUp.open')}
        receipt={props.receipt}
        problem={props.problem}
      />
      <p>{t('intake.followUp.lostReceipt')}</p>
    </ReporterLayout>
  );
}
