/**
 * A case's audit trail as an auditor sees it: the case's metadata (never content), whether the
 * entries shown check out against the chain, every entry about the case (who, when, what), and
 * a button that verifies the whole chain.
 */
import type { ChainVerdict } from '../../core/auditChain.ts';
import type { CaseAuditTrail } from '../../usecases/audit/readCaseAudit.ts';
import { procedureLabel } from '../../usecases/cases/readRetention.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { AuditPager, AuditTable, Verdict } from './AdminAuditPage.tsx';
import { DateTime } from './AdminFormParts.tsx';
import { DayText, ProcedureName } from './RetentionPage.tsx';

function PageCheck(props: { context: PageContext; check: CaseAuditTrail['check'] }) {
  const { t } = props.context;
  const { check } = props;
  if (check.checked === 0) return null;
  if (check.breaks.length === 0) {
    return (
      <Notice kind="success">
        <span data-page-check="intact">{t('caseAudit.pageIntact', { count: check.checked })}</span>
      </Notice>
    );
  }
  return (
    <Notice kind="error">
      <ul data-page-check="broken">
        {check.breaks.map((entry) => (
          <li key={entry.seq}>{t('adminAudit.broken', { seq: entry.seq, problem: t(`adminAudit.problems.${entry.problem}`) })}</li>
        ))}
      </ul>
    </Notice>
  );
}

export function CaseAuditPage(props: { context: PageContext; trail: CaseAuditTrail; first: boolean; verdict?: ChainVerdict }) {
  const { t, language } = props.context;
  const { found, lines, nextBefore, check } = props.trail;
  const procedure = procedureLabel(found.procedureId, found.procedureVersion);
  const none = t('caseAudit.none');
  return (
    <Layout context={props.context} title={t('caseAudit.title', { ref: found.ref })}>
      <p>{t('caseAudit.intro')}</p>
      <dl>
        <dt>{t('caseAudit.status')}</dt>
        <dd>{t(`intake.status.${found.status}`)}</dd>
        <dt>{t('caseAudit.procedure')}</dt>
        <dd>{procedure ? <ProcedureName context={props.context} procedure={procedure} /> : none}</dd>
        <dt>{t('caseAudit.received')}</dt>
        <dd>{found.submittedAt ? <DateTime language={language} value={found.submittedAt} /> : none}</dd>
        <dt>{t('caseAudit.nextDeadline')}</dt>
        <dd>
          {found.nextDueOn ? (
            <>
              <DayText language={language} day={found.nextDueOn} />
              {found.deadlineStatus ? ` (${t(`caseAudit.deadlineStatus.${found.deadlineStatus}`)})` : null}
            </>
          ) : (
            none
          )}
        </dd>
        <dt>{t('caseAudit.closed')}</dt>
        <dd>{found.closedAt ? <DateTime language={language} value={found.closedAt} /> : none}</dd>
        <dt>{t('caseAudit.purgeOn')}</dt>
        <dd>{found.purgeOn ? <DayText language={language} day={found.purgeOn} /> : none}</dd>
        <dt>{t('caseAudit.legalHold')}</dt>
        <dd>{found.legalHold ? t('caseAudit.yes') : t('caseAudit.no')}</dd>
      </dl>
      {props.verdict ? <Verdict context={props.context} verdict={props.verdict} /> : null}
      <PageCheck context={props.context} check={check} />
      <form method="post" action={`/audit/cases/${found.ref}/verify`}>
        <CsrfField token={props.context.csrfToken} />
        <button type="submit">{t('adminAudit.verify')}</button>
      </form>
      <h2>{props.first ? t('adminAudit.latestTitle') : t('adminAudit.olderTitle')}</h2>
      <AuditTable context={props.context} lines={lines} caption={t('caseAudit.caption', { ref: found.ref })} />
      <AuditPager context={props.context} path={`/audit/cases/${found.ref}`} query={{}} first={props.first} nextBefore={nextBefore} />
      <p>
        <a href={`/admin/audit?case=${found.ref}`}>{t('caseAudit.inWholeLog')}</a>
      </p>
    </Layout>
  );
}
