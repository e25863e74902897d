/**
 * The procedure at a glance: which procedure the case follows, its steps (done, skipped, at
 * hand, waiting), every deadline with its status and legal reference, the team, conflicts and
 * declarations, the respondent-contact gate, the parties' submissions, appeals, check-ins,
 * measures and legal hold. Read-only; the forms are in CaseProcedureActions.
 */
import { readyAt, respondentKnows, stepRecord } from '../../core/procedures/caseState.ts';
import { purgeOn } from '../../core/procedures/retention.ts';
import type { DeadlineView } from '../../core/procedures/deadlines.ts';
import type { CaseProcedure } from '../../usecases/cases/caseProcedureView.ts';
import type { PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { actorText, DocumentText, formatDay, formatInstant, personName, relativeDays, roleNames } from './CaseProcedureText.tsx';

type Props = { context: PageContext; view: CaseProcedure };

function DeadlineDetail(props: Props & { deadline: DeadlineView }) {
  const { context, view, deadline } = props;
  const { t, language } = context;
  const parts: string[] = [];
  if (deadline.metOn) parts.push(t(deadline.late ? 'caseHandling.procedure.metLate' : 'caseHandling.procedure.metOn', { date: formatDay(language, deadline.metOn) }));
  else if (deadline.status !== 'waived') parts.push(relativeDays(language, view.today, deadline.dueOn));
  if (deadline.pausedSince) parts.push(t('caseHandling.procedure.pausedSince', { date: formatDay(language, deadline.pausedSince) }));
  if (deadline.pausedDays > 0) parts.push(t('caseHandling.procedure.pausedDays', { days: deadline.pausedDays }));
  if (deadline.extendedDays > 0) parts.push(t('caseHandling.procedure.extendedDays', { days: deadline.extendedDays }));
  if (!deadline.adjustable && deadline.kind === 'step') parts.push(t('caseHandling.procedure.statutory'));
  return <>{parts.join(' · ')}</>;
}

function Deadlines(props: Props) {
  const { context, view } = props;
  const { t, language } = context;
  return (
    <>
      <h3>{t('caseHandling.procedure.deadlinesTitle')}</h3>
      {view.deadlines.length === 0 ? (
        <p>{t('caseHandling.procedure.noDeadlines')}</p>
      ) : (
        <ScrollTable t={t} name={t('caseHandling.procedure.deadlinesTitle')} class="deadlines">
          <thead>
            <tr>
              <th scope="col">{t('caseHandling.procedure.deadlineName')}</th>
              <th scope="col">{t('caseHandling.procedure.deadlineDue')}</th>
              <th scope="col">{t('caseHandling.procedure.deadlineStatus')}</th>
              <th scope="col">{t('caseHandling.procedure.deadlineDetail')}</th>
              <th scope="col">{t('caseHandling.procedure.deadlineReference')}</th>
            </tr>
          </thead>
          <tbody>
            {view.deadlines.map((deadline) => (
              <tr key={`${deadline.kind}-${deadline.id}`} class={`deadline deadline-${deadline.status}`}>
                <th scope="row">{t(deadline.nameKey)}</th>
                <td>
                  <time dateTime={deadline.dueOn}>{formatDay(language, deadline.dueOn)}</time>
                </td>
                <td>{t(`caseHandling.values.deadlineStatus.${deadline.status}`)}</td>
                <td>
                  <DeadlineDetail {...props} deadline={deadline} />
                </td>
                <td>{deadline.legalReference ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}

function Steps(props: Props) {
  const { context, view } = props;
  const { t, language } = context;
  const open = view.state.closure === null;
  return (
    <>
      <h3>{t('caseHandling.procedure.stepsTitle')}</h3>
      <ol class="steps">
        {view.definition.steps.map((step) => {
          const record = stepRecord(view.definition, view.state, step);
          const ready = !record && open && readyAt(view.definition, view.state, step) !== null;
          const state = record
            ? t(record.status === 'skipped' ? 'caseHandling.procedure.stepSkipped' : 'caseHandling.procedure.stepDone', { date: formatInstant(language, record.at), who: actorText(t, view, record.by) })
            : ready
              ? t('caseHandling.procedure.stepCurrent')
              : t('caseHandling.procedure.stepWaiting');
          return (
            <li key={step.id} class={record ? 'step-done' : ready ? 'step-current' : 'step-waiting'} aria-current={ready ? 'step' : undefined}>
              <strong>{t(step.nameKey)}</strong> — {state}
              {record ? null : <span class="hint"> {t('caseHandling.procedure.stepRoles', { roles: roleNames(t, step.roles) })}</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function Team(props: Props) {
  const { context, view } = props;
  const { t, language } = context;
  const team = view.state.team.filter((assignment) => assignment.until === null);
  return (
    <>
      <h3>{t('caseHandling.procedure.teamTitle')}</h3>
      {team.length === 0 ? (
        <p>{t('caseHandling.procedure.noTeam')}</p>
      ) : (
        <ul>
          {team.map((assignment) => (
            <li key={`${assignment.staffId}-${assignment.role}`}>
              {personName(t, view, assignment.staffId)} — {roleNames(t, [assignment.role])} ({t('caseHandling.procedure.since', { date: formatInstant(language, assignment.since) })})
            </li>
          ))}
        </ul>
      )}
      {view.state.conflicts.length > 0 ? (
        <>
          <h4>{t('caseHandling.procedure.conflictsTitle')}</h4>
          <ul>
            {view.state.conflicts.map((conflict) => (
              <li key={conflict.staffId}>
                {personName(t, view, conflict.staffId)} — {t(`caseHandling.values.basis.${conflict.basis}`)}, {formatInstant(language, conflict.at)}
                <DocumentText t={t} view={view} value={conflict.reason} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {view.state.noConflictDeclared.length > 0 ? (
        <>
          <h4>{t('caseHandling.procedure.declaredTitle')}</h4>
          <p>{view.state.noConflictDeclared.map((staffId) => personName(t, view, staffId)).join(', ')}</p>
        </>
      ) : null}
    </>
  );
}

function Contact(props: Props) {
  const { context, view } = props;
  const { t, language } = context;
  const { state } = view;
  const exception = state.safetyException;
  return (
    <>
      <h3>{t('caseHandling.procedure.contactTitle')}</h3>
      <p>
        <strong>{view.contactAllowed ? t('caseHandling.procedure.contactAllowed') : t('caseHandling.procedure.contactNotAllowed')}</strong>
      </p>
      <ul>
        <li>{state.respondentContactConsent ? t('caseHandling.procedure.consentGiven', { date: formatInstant(language, state.respondentContactConsent.at) }) : t('caseHandling.procedure.consentNone')}</li>
        <li>{respondentKnows(state) ? t('caseHandling.procedure.respondentTold') : t('caseHandling.procedure.respondentNotTold')}</li>
        {exception ? (
          <li>
            {t('caseHandling.procedure.safetyRequested', { who: personName(t, view, exception.requestedBy), date: formatInstant(language, exception.requestedAt) })}{' '}
            {exception.approvedBy && exception.approvedAt
              ? t('caseHandling.procedure.safetyApproved', { who: personName(t, view, exception.approvedBy), date: formatInstant(language, exception.approvedAt) })
              : t('caseHandling.procedure.safetyPending')}
            <DocumentText t={t} view={view} value={exception.reason} />
          </li>
        ) : null}
      </ul>
      {state.informalConsents.length > 0 ? (
        <>
          <h4>{t('caseHandling.procedure.informalTitle')}</h4>
          <ul>
            {state.informalConsents.map((consent, index) => {
              const party = t(`caseHandling.values.party.${consent.party}`);
              const date = formatInstant(language, consent.at);
              return (
                <li key={index}>
                  {consent.withdrawnAt
                    ? t('caseHandling.procedure.informalWithdrawn', { party, date, withdrawn: formatInstant(language, consent.withdrawnAt) })
                    : t('caseHandling.procedure.informalGiven', { party, date })}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}

function Submissions(props: Props) {
  const { context, view } = props;
  const { t, language } = context;
  const { state } = view;
  if (state.responses.length + state.evidence.length + state.advisers.length === 0) return null;
  return (
    <>
      <h3>{t('caseHandling.procedure.submissionsTitle')}</h3>
      <ul class="submissions">
        {state.responses.map((response, index) => (
          <li key={`response-${index}`}>
            {t('caseHandling.procedure.response', { date: formatInstant(language, response.at) })}
            <DocumentText t={t} view={view} value={response.statementRef} />
          </li>
        ))}
        {state.evidence.map((evidence) => (
          <li key={evidence.id}>
            {t('caseHandling.procedure.evidence', { kind: t(`caseHandling.values.kind.${evidence.kind}`), from: t(`caseHandling.values.from.${evidence.from}`), date: formatInstant(language, evidence.at) })}
            <DocumentText t={t} view={view} value={evidence.evidenceRef} />
          </li>
        ))}
        {state.advisers.map((adviser, index) => (
          <li key={`adviser-${index}`}>
            {t('caseHandling.procedure.adviser', { party: t(`caseHandling.values.party.${adviser.party}`), date: formatInstant(language, adviser.at) })}
            <DocumentText t={t} view={view} value={adviser.adviserRef} />
          </li>
        ))}
      </ul>
    </>
  );
}

function Appeals(props: Props) {
  const { context, view } = props;
  const { t, language } = context;
  if (view.state.appeals.length === 0) return null;
  return (
    <>
      <h3>{t('caseHandling.procedure.appealsTitle')}</h3>
      <ul>
        {view.state.appeals.map((appeal) => (
          <li key={appeal.id}>
            {t('caseHandling.procedure.appeal', { id: appeal.id, party: t(`caseHandling.values.party.${appeal.by}`), date: formatInstant(language, appeal.filedAt) })}.{' '}
            {t('caseHandling.procedure.appealGrounds', { grounds: appeal.grounds.map((ground) => t(`caseHandling.values.grounds.${ground}`)).join('; ') })}.{' '}
            {appeal.decision ? (
              <>
                {t('caseHandling.procedure.appealDecided', { result: t(`caseHandling.values.result.${appeal.decision.result}`), who: personName(t, view, appeal.decision.by), date: formatInstant(language, appeal.decision.at) })}
                <DocumentText t={t} view={view} value={appeal.decision.reasonsRef} />
              </>
            ) : (
              t('caseHandling.procedure.appealPending')
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function Care(props: Props) {
  const { context, view } = props;
  const { t, language } = context;
  const { state } = view;
  return (
    <>
      {state.checkIns.length > 0 ? (
        <>
          <h3>{t('caseHandling.procedure.checkInsTitle')}</h3>
          <ul>
            {state.checkIns.map((checkIn) => (
              <li key={checkIn.id}>
                {t('caseHandling.procedure.checkIn', { id: checkIn.id, topic: t(`caseHandling.values.topic.${checkIn.topic}`), party: t(`caseHandling.values.party.${checkIn.with}`), date: formatDay(language, checkIn.dueOn) })}
                {checkIn.held ? (
                  <>
                    {'. '}
                    {t('caseHandling.procedure.checkInHeld', { date: formatInstant(language, checkIn.held.at) })}
                    {checkIn.held.concernRaised ? ` ${t('caseHandling.procedure.checkInConcern')}` : ''}
                    <DocumentText t={t} view={view} value={checkIn.held.noteRef} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {state.measures.length > 0 ? (
        <>
          <h3>{t('caseHandling.procedure.measuresTitle')}</h3>
          <ul>
            {state.measures.map((measure) => (
              <li key={measure.id}>
                {t('caseHandling.procedure.measure', { id: measure.id, kind: t(`caseHandling.values.kind.${measure.kind}`), party: t(`caseHandling.values.party.${measure.for}`), date: formatInstant(language, measure.at) })}
                {measure.endedAt ? `. ${t('caseHandling.procedure.measureEnded', { date: formatInstant(language, measure.endedAt) })}` : ''}
                <DocumentText t={t} view={view} value={measure.descriptionRef} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {state.legalHold ? (
        <>
          <h3>{t('caseHandling.procedure.legalHoldTitle')}</h3>
          <p>{t('caseHandling.procedure.legalHoldSince', { date: formatInstant(language, state.legalHold.since) })}</p>
          <DocumentText t={t} view={view} value={state.legalHold.reason} />
        </>
      ) : null}
    </>
  );
}

function Summary(props: Props) {
  const { context, view } = props;
  const { t, language } = context;
  const { definition, state } = view;
  const triage = [...state.steps].reverse().find((record) => record.status === 'completed' && record.action.type === 'triage')?.action;
  const purge = purgeOn(definition, state);
  return (
    <dl class="case-summary">
      <div>
        <dt>{t('caseHandling.procedure.name')}</dt>
        <dd>
          {t(definition.nameKey)} ({t('caseHandling.procedure.version', { version: definition.version })})
        </dd>
      </div>
      <div>
        <dt>{t('caseHandling.procedure.priority')}</dt>
        <dd>{triage?.type === 'triage' ? t(`caseHandling.values.priority.${triage.priority}`) : t('caseHandling.procedure.notTriaged')}</dd>
      </div>
      <div>
        <dt>{t('caseHandling.procedure.retaliationRisk')}</dt>
        <dd>{triage?.type === 'triage' ? t(`caseHandling.values.risk.${triage.retaliationRisk}`) : t('caseHandling.procedure.notTriaged')}</dd>
      </div>
      {state.closure ? (
        <div>
          <dt>{t('caseHandling.procedure.closed')}</dt>
          <dd>
            {t('caseHandling.procedure.closedOn', { kind: t(`caseHandling.values.closure.${state.closure.kind}`), date: formatInstant(language, state.closure.at) })}
            {purge ? <> · {t('caseHandling.procedure.purgeOn', { date: formatDay(language, purge) })}</> : null}
          </dd>
        </div>
      ) : null}
      {definition.legalReferences.length > 0 ? (
        <div>
          <dt>{t('caseHandling.procedure.legalReferences')}</dt>
          <dd>{definition.legalReferences.join('; ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export function CaseProcedurePanel(props: Props) {
  const { t } = props.context;
  return (
    <section aria-labelledby="procedure-title" class="case-procedure">
      <h2 id="procedure-title">{t('caseHandling.procedure.title')}</h2>
      <Summary {...props} />
      <Steps {...props} />
      <Deadlines {...props} />
      <Team {...props} />
      <Contact {...props} />
      <Submissions {...props} />
      <Appeals {...props} />
      <Care {...props} />
    </section>
  );
}
