/**
 * Two parts of the case page: the evidence files (name, type, size, SHA-256 of what was
 * received for chain of custody, whether metadata was removed; downloads are audited) with a
 * form to attach more, and "share access with a colleague", which seals the case key to a
 * colleague who holds the handler role now but was not a recipient when the report arrived.
 */
import { acceptAttribute } from '../../core/intake/evidence.ts';
import type { CaseFile } from '../../usecases/cases/openCase.ts';
import type { Colleague } from '../../usecases/cases/shareCaseAccess.ts';
import { CsrfField } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { EvidenceAdvice } from './ReportFormFields.tsx';

function sizeText(language: string, bytes: number): string {
  return new Intl.NumberFormat(language, { style: 'unit', unit: bytes >= 1024 * 1024 ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(bytes >= 1024 * 1024 ? bytes / 1024 / 1024 : Math.max(bytes / 1024, 0.1));
}

export function CaseEvidence(props: { context: PageContext; file: CaseFile; problem: string | undefined }) {
  const { context, file } = props;
  const { t, language } = context;
  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('caseEvidence.title')}</h2>
      {file.attachments.length === 0 ? <p>{t('caseEvidence.none')}</p> : null}
      {file.attachments.length > 0 ? (
        <ScrollTable t={t} name={t('caseEvidence.title')} class="evidence">
          <thead>
            <tr>
              <th scope="col">{t('caseEvidence.name')}</th>
              <th scope="col">{t('caseEvidence.type')}</th>
              <th scope="col">{t('caseEvidence.received')}</th>
              <th scope="col">{t('caseEvidence.sha256')}</th>
            </tr>
          </thead>
          <tbody>
            {file.attachments.map((attachment) => (
              <tr key={attachment.id}>
                <td>
                  <a href={`/cases/${file.id}/attachments/${attachment.id}`} download>
                    {attachment.name}
                  </a>
                </td>
                <td>
                  {attachment.type}
                  {attachment.cleaned ? <span class="hint"> {t('caseEvidence.cleaned')}</span> : null}
                </td>
                <td>
                  <time dateTime={attachment.at.toISOString()}>{formatDate(language, attachment.at)}</time> · {sizeText(language, attachment.receivedSize)}
                </td>
                <td>
                  <code class="sha256">{attachment.receivedSha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
      <p class="hint">{t('caseEvidence.custodyNote')}</p>
      <form method="post" action={`/cases/${file.id}/attachments`} enctype="multipart/form-data" novalidate>
        <CsrfField token={context.csrfToken} />
        <div class={props.problem ? 'field field-error' : 'field'}>
          <label for="field-evidence">{t('caseEvidence.addLabel')}</label>
          <EvidenceAdvice context={context} id="field-evidence-advice" />
          {props.problem ? (
            <p class="error" id="field-evidence-error">
              {props.problem}
            </p>
          ) : null}
          <input
            type="file"
            id="field-evidence"
            name="files"
            multiple
            accept={acceptAttribute}
            aria-describedby={props.problem ? 'field-evidence-advice field-evidence-error' : 'field-evidence-advice'}
            aria-invalid={props.problem ? 'true' : undefined}
          />
        </div>
        <button type="submit">{t('caseEvidence.addButton')}</button>
      </form>
    </section>
  );
}

export function ShareAccess(props: { context: PageContext; file: CaseFile; colleagues: Colleague[]; problem: string | undefined }) {
  const { t } = props.context;
  return (
    <section aria-labelledby="share-title">
      <h2 id="share-title">{t('caseShare.title')}</h2>
      <p>{t('caseShare.lead')}</p>
      {props.colleagues.length === 0 && !props.problem ? (
        <p>{t('caseShare.nobody')}</p>
      ) : (
        <form method="post" action={`/cases/${props.file.id}/share`} novalidate>
          <CsrfField token={props.context.csrfToken} />
          <div class={props.problem ? 'field field-error' : 'field'}>
            <label for="field-colleague">{t('caseShare.colleague')}</label>
            {props.problem ? (
              <p class="error" id="field-colleague-error">
                {props.problem}
              </p>
            ) : null}
            <select id="field-colleague" name="colleague" aria-describedby={props.problem ? 'field-colleague-error' : undefined} aria-invalid={props.problem ? 'true' : undefined}>
              {props.colleagues.map((colleague) => (
                <option key={colleague.staffId} value={colleague.staffId}>
                  {colleague.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t('caseShare.button')}</button>
        </form>
      )}
    </section>
  );
}
