/** The respondent's side of a case on a page of its own (the case page can also embed RespondentThread). */
import { Layout } from '../components/Layout.tsx';
import { RespondentThread, type RespondentThreadProps } from './RespondentThread.tsx';

export function RespondentStaffPage(props: Omit<RespondentThreadProps, 'returnTo'> & { caseNumber: number }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('respondent.staff.pageTitle', { number: props.caseNumber })}>
      <p>
        <a href={`/cases/${props.panel.caseId}`}>{t('respondent.staff.backToCase')}</a>
      </p>
      <RespondentThread {...props} returnTo="panel" />
    </Layout>
  );
}

