/**
 * The case work sections on a page of their own: where a case-work form comes back when a
 * submission was refused (status 400), with the problem next to the field and the text as
 * typed, and a way back to the case.
 */
import { Layout } from '../components/Layout.tsx';
import { CaseWorkSections, type CaseWorkSectionsProps } from './CaseWorkSections.tsx';

export function CaseWorkPage(props: CaseWorkSectionsProps) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('caseWork.pageTitle', { ref: props.work.ref })}>
      <p>
        <a href={`/cases/${props.caseId}`}>{t('caseWork.back')}</a>
      </p>
      <CaseWorkSections {...props} />
    </Layout>
  );
}
