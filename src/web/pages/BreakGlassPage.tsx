/**
 * Break-glass access to one case: the warning and the request (a reason and a duration), or,
 * while access is live, when it ends and a button to end it now. A member for whom break-glass
 * is not available sees why, in words that are the same whatever case they asked about.
 */
import { BREAK_GLASS_HOURS } from '../../core/cases/caseWorkInput.ts';
import type { BreakGlassStatus } from '../../usecases/cases/breakGlass.ts';
import { CsrfField, Field, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import type { FieldErrors } from '../forms.ts';
import { problemText } from './CaseWorkSections.tsx';
import { TextArea } from './ToolkitParts.tsx';
import { formatDate } from '../components/formatDate.ts';

export type BreakGlassPageProps = {
  context: PageContext;
  caseId: string;
  status: BreakGlassStatus;
  errors?: FieldErrors | undefined;
  typed?: Record<string, string> | undefined;
  ended?: boolean;
};

export function BreakGlassPage(props: BreakGlassPageProps) {
  const { context, caseId, status } = props;
  const { t, language } = context;
  return (
    <Layout context={context} title={t('caseWork.breakGlass.pageTitle', { ref: status.ref })} narrow>
      {props.ended ? <Notice kind="success">{t('caseWork.breakGlass.endedNotice')}</Notice> : null}
      {status.state === 'holder' ? (
        <p>
          {t('caseWork.breakGlass.holder')} <a href={`/cases/${caseId}`}>{t('caseWork.breakGlass.openCase')}</a>
        </p>
      ) : null}
      {status.state === 'live' ? (
        <>
          <Notice kind="error">
            <h2>{t('caseWork.breakGlass.liveTitle')}</h2>
            <p>{t('caseWork.breakGlass.liveText', { date: formatDate(language, status.expiresAt) })}</p>
          </Notice>
          <p>
            <a href={`/cases/${caseId}`}>{t('caseWork.breakGlass.openCase')}</a>
          </p>
          <form method="post" action={`/cases/${caseId}/break-glass/end`}>
            <CsrfField token={context.csrfToken} />
            <button type="submit">{t('caseWork.breakGlass.endButton')}</button>
          </form>
        </>
      ) : null}
      {status.state === 'available' ? <BreakGlassRequest {...props} /> : null}
    </Layout>
  );
}

function BreakGlassRequest(props: BreakGlassPageProps) {
  const { context, caseId } = props;
  const { t } = context;
  const errors = props.errors ?? {};
  const typed = props.typed ?? {};
  return (
    <>
      <Notice kind="error">
        <p>{t('caseWork.breakGlass.warning')}</p>
      </Notice>
      <form method="post" action={`/cases/${caseId}/break-glass`} novalidate>
        <CsrfField token={context.csrfToken} />
        <TextArea name="reason" label={t('caseWork.breakGlass.reasonLabel')} hint={t('caseWork.breakGlass.reasonHint')} error={problemText(context, errors.reason)} value={typed.reason} maxLength={2_000} />
        <Field
          t={t}
          name="hours"
          type="number"
          inputMode="numeric"
          label={t('caseWork.breakGlass.hoursLabel')}
          hint={t('caseWork.breakGlass.hoursHint')}
          error={errors.hours}
          value={typed.hours ?? String(BREAK_GLASS_HOURS.default)}
        />
        <button type="submit">{t('caseWork.breakGlass.button')}</button>
      </form>
    </>
  );
}

/** What a member for whom break-glass is not available reads (status 404, as for an unknown case). */
export function BreakGlassUnavailablePage(props: { context: PageContext }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('caseWork.breakGlass.unavailableTitle')} narrow>
      <p>{t('caseWork.breakGlass.unavailable')}</p>
    </Layout>
  );
}
