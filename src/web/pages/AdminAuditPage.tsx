/**
 * The audit log for auditors and network administrators: newest first, 50 a page, a form that
 * narrows it to one case and/or one kind of action, and a form that re-computes the whole hash
 * chain and says whether it is intact or where it breaks. Entries about a case link to that
 * case's audit trail (/audit/cases/:ref).
 */
import type { ChainVerdict } from '../../core/auditChain.ts';
import type { AuditFilter, AuditLine } from '../../usecases/audit/readAuditLog.ts';
import { CsrfField, Field, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { DateTime } from './AdminFormParts.tsx';

export function Verdict(props: { context: PageContext; verdict: ChainVerdict }) {
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

function SubjectCell(props: { context: PageContext; line: AuditLine }) {
  const { line } = props;
  if (!line.subjectType) return null;
  if (line.caseRef !== null) {
    return (
      <a href={`/audit/cases/${line.caseRef}`}>{props.context.t('caseAudit.caseNumber', { ref: line.caseRef })}</a>
    );
  }
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

/** The entries as a table: number, time, who, what, concerning. */
export function AuditTable(props: { context: PageContext; lines: AuditLine[]; caption: string }) {
  const { t, language } = props.context;
  if (props.lines.length === 0) return <p>{t('adminAudit.empty')}</p>;
  return (
    <ScrollTable t={t} name={props.caption}>
      <caption>{props.caption}</caption>
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
              <SubjectCell context={props.context} line={line} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** Newest / older links that keep the page's query (filters). */
export function AuditPager(props: { context: PageContext; path: string; query: Record<string, string>; first: boolean; nextBefore: number | undefined }) {
  const { t } = props.context;
  if (props.first && !props.nextBefore) return null;
  const href = (extra: Record<string, string>) => {
    const query = new URLSearchParams({ ...props.query, ...extra }).toString();
    return query ? `${props.path}?${query}` : props.path;
  };
  return (
    <nav aria-label={t('adminAudit.pages')}>
      <ul>
        {props.first ? null : (
          <li>
            <a href={href({})}>{t('adminAudit.newest')}</a>
          </li>
        )}
        {props.nextBefore ? (
          <li>
            <a href={href({ before: String(props.nextBefore) })}>{t('adminAudit.older')}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function FilterForm(props: { context: PageContext; filter: AuditFilter }) {
  const { t } = props.context;
  return (
    <form method="get" action="/admin/audit">
      <fieldset>
        <legend>{t('caseAudit.filter.legend')}</legend>
        <Field t={t} name="case" label={t('caseAudit.filter.case')} hint={t('caseAudit.filter.caseHint')} value={props.filter.case} maxLength={36} />
        <Field t={t} name="action" label={t('caseAudit.filter.action')} hint={t('caseAudit.filter.actionHint')} value={props.filter.action} maxLength={80} />
        <button type="submit">{t('caseAudit.filter.apply')}</button>
        {props.filter.case || props.filter.action ? (
          <p>
            <a href="/admin/audit">{t('caseAudit.filter.clear')}</a>
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}

export function AdminAuditPage(props: {
  context: PageContext;
  lines: AuditLine[];
  nextBefore: number | undefined;
  first: boolean;
  verdict?: ChainVerdict;
  filter?: AuditFilter;
  unknownCase?: boolean;
}) {
  const { t } = props.context;
  const filter = props.filter ?? {};
  const query: Record<string, string> = {};
  if (filter.case) query.case = filter.case;
  if (filter.action) query.action = filter.action;
  return (
    <Layout context={props.context} title={t('adminAudit.title')}>
      <p>{t('adminAudit.intro')}</p>
      {props.verdict ? <Verdict context={props.context} verdict={props.verdict} /> : null}
      <form method="post" action="/admin/audit/verify">
        <CsrfField token={props.context.csrfToken} />
        <button type="submit">{t('adminAudit.verify')}</button>
      </form>
      <FilterForm context={props.context} filter={filter} />
      {props.unknownCase ? <Notice kind="info">{t('caseAudit.filter.unknownCase')}</Notice> : null}
      <h2>{props.first ? t('adminAudit.latestTitle') : t('adminAudit.olderTitle')}</h2>
      <AuditTable context={props.context} lines={props.lines} caption={t('adminAudit.caption')} />
      <AuditPager context={props.context} path="/admin/audit" query={query} first={props.first} nextBefore={props.nextBefore} />
    </Layout>
  );
}
