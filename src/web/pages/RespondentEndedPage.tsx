/**
 * A portal page with one message: an invitation that cannot be used (unknown, expired, revoked,
 * locked), a session that ended, having left the portal, or any other error in the portal's
 * frame — saying plainly that nothing in the case changed when that is so.
 */
import { Notice } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { RespondentLayout } from './RespondentLayout.tsx';

export function RespondentEndedPage(props: { context: PageContext; title: string; message: string; kind?: 'error' | 'success'; nothingChanged?: boolean }) {
  const { t } = props.context;
  return (
    <RespondentLayout context={props.context} title={props.title}>
      <Notice kind={props.kind ?? 'error'}>{props.message}</Notice>
      {props.nothingChanged ? <p>{t('respondent.ended.nothingChanged')}</p> : null}
      <p>{t('respondent.ended.contact')}</p>
    </RespondentLayout>
  );
}
