/**
 * The case history as the engine keeps it: every accepted action, when, by whom (a colleague's
 * name with the case roles they held at that moment, the reporter, the respondent, or Redress
 * itself), and what it said — documents and reasons shown as their opened text.
 */
import type { CaseProcedure } from '../../usecases/cases/caseProcedureView.ts';
import type { PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';
import { actionFields, actionValue, actorText } from './CaseProcedureText.tsx';

export function CaseProcedureHistory(props: { context: PageContext; view: CaseProcedure }) {
  const { context, view } = props;
  const { t, language } = context;
  return (
    <section aria-labelledby="history-title" class="case-history">
      <h2 id="history-title">{t('caseHandling.historyTitle')}</h2>
      {view.state.history.length === 0 ? <p>{t('caseHandling.historyEmpty')}</p> : null}
      <ol class="timeline">
        {view.state.history.map((entry, index) => (
          <li key={index}>
            <p>
              <time dateTime={entry.at}>{formatDate(language, new Date(entry.at))}</time> — <strong>{actorText(t, view, entry.by)}</strong>: {t(`caseHandling.actions.${entry.action.type}.done`)}
            </p>
            {actionFields(entry.action).length > 0 ? (
              <dl class="history-details">
                {actionFields(entry.action).map(([field, value]) => (
                  <div key={field}>
                    <dt>{t(`caseHandling.fields.${field}`)}</dt>
                    <dd>{actionValue(context, view, field, value)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
