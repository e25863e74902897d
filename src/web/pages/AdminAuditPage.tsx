/**
 * The audit log for auditors and network administrators: newest first, 50 a page, and a form
 * that re-computes the whole hash chain and says whether it is intact or where it breaks.
 */
import type { ChainVerdict } from '../../core/auditChain.ts';
import type { AuditLine } from '../../usecases/audit/readAuditLog.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { DateTime } from './AdminFormParts.tsx';

function Verdict(props: { context: PageContext; verdict: ChainVerdict }) {
  const { t } = props.context;
  const verdict = props.verdict;
  if (verdict.ok) {
    return (
      <Notice kind="success">
        <span data-audit-verdict="intact">{t('adminAudit.intact', { count: verdict.count })}</span>
      </Notice>
    );
  }
  return (
    <Notice kind="error">
      <span data-audit-verdict="broken">{t('adminAudit.broken', { seq: verdict.seq, problem: t(`adminAudit.problems.${verdict.problem}`) })}</span>
    </Notice>
  );
}

function ActorCell(props: { context: PageContext; line: AuditLine }) {
  const { t } = props.context;
  const { line } = props;
  if (line.actorName) return <>{line.actorName}</>;
  if (line.actorId) return <code>{line.actorId}</code>;
  return <>{line.details.via === 'cli' ? t('adminAudit.commandLine') : t('adminAudit.system')}</>;
}

function SubjectCell(props: { line: AuditLine }) {
  const { line } = props;
  if (!line.subjectType) return null;
  return (
    <>
      <span>{line.subjectType}</span>
      {line.subjectName ? <>: {line.subjectName}</> : null}
      {!line.subjectName && line.subjectId ? (
        <>
          : <code>{line.subjectId}</code>
        </>
      ) : null}
    </>
  );
}

export function AdminAuditPage(props: { context: PageContext; lines: AuditLine[]; nextBefore: number | undefined; first: boolean; verdict?: ChainVerdict }) {
  const { t, language } = props.context;
  return (
    <Layout context={props.context} title={t('adminAudit.title')}>
      <p>{t('adminAudit.intro')}</p>
      {props.verdict ? <Verdict context={props.context} verdict={props.verdict} /> : null}
      <form method="post" action="/admin/audit/verify">
        <CsrfField token={props.context.csrfToken} />
        <button type="submit">{t('adminAudit.verify')}</button>
      </form>
      <h2>{props.first ? t('adminAudit.latestTitle') : t('adminAudit.olderTitle')}</h2>
      {props.lines.length === 0 ? (
        <p>{t('adminAudit.empty')}</p>
      ) : (
        <table>
          <caption>{t('adminAudit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('adminAudit.seq')}</th>
              <th scope="col">{t('adminAudit.time')}</th>
              <th scope="col">{t('adminAudit.actor')}</th>
              <th scope="col">{t('adminAudit.action')}</th>
              <th scope="col">{t('adminAudit.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {props.lines.map((line) => (
              <tr key={line.seq}>
                <td>{line.seq}</td>
                <td>
                  <DateTime language={language} value={new Date(line.at)} />
                </td>
                <td>
                  <ActorCell context={props.context} line={line} />
                </td>
                <td>
                  <code>{line.action}</code>
                </td>
                <td>
                  <SubjectCell line={line} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.first && !props.nextBefore ? null : (
        <nav aria-label={t('adminAudit.pages')}>
          <ul>
            {props.first ? null : (
              <li>
                <a href="/admin/audit">{t('adminAudit.newest')}</a>
              </li>
            )}
            {props.nextBefore ? (
              <li>
                <a href={`/admin/audit?before=${props.nextBefore}`}>{t('adminAudit.older')}</a>
              </li>
            ) : null}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
