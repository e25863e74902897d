/**
 * "What you can do now": one form per action the engine would accept from this staff member at
 * this moment (core/procedures/availableActions.ts, and the choices of core/cases/actionChoices.ts
 * for who can be assigned and where a path can go). Every form posts to /cases/:id/actions with
 * its `type`, the fields core/cases/actionForms.ts parses, `seen` (so that sending it twice
 * acts once) and `form` (which form it was, to show a problem next to it). Free text goes in
 * textareas; it is sealed as a document before the engine sees it. Forms for the steps at hand
 * are open; the rest fold away.
 */
import type { ComponentChildren } from 'preact';
import { LIST_ITEM_MAX_CHARS, LIST_MAX_ITEMS, REASON_MAX_CHARS } from '../../core/cases/actionForms.ts';
import { DOCUMENT_MAX_CHARS } from '../../core/cases/handling.ts';
import type { ActionType } from '../../core/procedures/actions.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import type { ProcedureOption } from '../../core/cases/actionChoices.ts';
import {
  appealGrounds,
  appealResults,
  checkInTopics,
  decisionOutcomes,
  measureKinds,
  noticeContents,
  parties,
  priorities,
  riskLevels,
  standardsOfEvidence,
  stepActionTypes,
  type CaseRole,
} from '../../core/procedures/vocabulary.ts';
import type { CaseProcedure } from '../../usecases/cases/caseProcedureView.ts';
import { CsrfField } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import type { FieldErrors } from '../forms.ts';
import { Choices, Hidden, Input, Select, TextArea, Tick, type FormState, type Option, type TypedForm } from './CaseProcedureFields.tsx';
import { DocumentText, formatDay, personName, refusalText, roleNames } from './CaseProcedureText.tsx';

/** A form sent back: which one, what was typed, and its field problems (400) or the refusal (409). */
export type ActionFeedback = { form: string; typed: TypedForm; fields?: FieldErrors | undefined; refusal?: Refusal | undefined };

type Props = { context: PageContext; caseId: string; view: CaseProcedure; feedback: ActionFeedback | undefined };

export function formKey(type: string, target: string | null): string {
  return target === null ? type : `${type}:${target}`;
}

export function formId(key: string): string {
  return `act-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function ActionForm(props: Props & { type: ActionType; target?: string | null; subtitle?: string; open?: boolean; children?: (form: FormState) => ComponentChildren }) {
  const { context, caseId, view, feedback, type } = props;
  const { t } = context;
  const key = formKey(type, props.target ?? null);
  const id = formId(key);
  const mine = feedback?.form === key ? feedback : undefined;
  const form: FormState = { t, id, typed: mine?.typed, errors: mine?.fields };
  const title = t(`caseHandling.actions.${type}.title`);
  const hint = t(`caseHandling.actions.${type}.hint`, { defaultValue: '' });
  return (
    <details class="case-action" id={id} open={props.open || mine !== undefined}>
      <summary>{props.subtitle ? t('caseHandling.formTarget', { action: title, target: props.subtitle }) : title}</summary>
      <form method="post" action={`/cases/${caseId}/actions`} novalidate>
        <CsrfField token={context.csrfToken} />
        <Hidden name="type" value={type} />
        <Hidden name="seen" value={String(view.state.history.length)} />
        <Hidden name="form" value={key} />
        {hint ? <p class="hint">{hint}</p> : null}
        {mine?.refusal ? (
          <p class="error">
            {t('caseHandling.refusedForm')} {refusalText(context, view, mine.refusal)}
          </p>
        ) : null}
        {props.children?.(form)}
        <button type="submit">{t(`caseHandling.actions.${type}.button`)}</button>
      </form>
    </details>
  );
}

function options(t: PageContext['t'], group: string, values: readonly string[]): Option[] {
  return values.map((value) => ({ value, label: t(`caseHandling.values.${group}.${value}`) }));
}

function Document(props: { form: FormState; name: string; rows?: number; hint?: string }) {
  return <TextArea form={props.form} name={props.name} label={props.form.t(`caseHandling.fields.${props.name}`)} hint={props.hint} rows={props.rows ?? 6} maxLength={DOCUMENT_MAX_CHARS} />;
}

function Reason(props: { form: FormState }) {
  return <TextArea form={props.form} name="reason" label={props.form.t('caseHandling.fields.reason')} rows={3} maxLength={REASON_MAX_CHARS} />;
}

function Lines(props: { form: FormState; name: 'sanctions' | 'remedies' }) {
  const { t } = props.form;
  return <TextArea form={props.form} name={props.name} label={t(`caseHandling.fields.${props.name}`)} hint={t(`caseHandling.fields.${props.name}Hint`)} rows={3} maxLength={LIST_MAX_ITEMS * (LIST_ITEM_MAX_CHARS + 2)} />;
}

function Pick(props: { form: FormState; name: string; group: string; values: readonly string[]; several?: boolean }) {
  const { form } = props;
  return <Choices form={form} name={props.name} legend={form.t(`caseHandling.fields.${props.name}`)} options={options(form.t, props.group, props.values)} several={props.several ?? false} />;
}

/** The fields of a step's form (the step's id is the form's target; the engine finds the step by its action). */
function StepFields(props: { type: ActionType; form: FormState }) {
  const { type, form } = props;
  switch (type) {
    case 'triage':
      return (
        <>
          <Pick form={form} name="priority" group="priority" values={priorities} />
          <Pick form={form} name="retaliationRisk" group="risk" values={riskLevels} />
        </>
      );
    case 'recordFollowUp':
    case 'giveFeedback':
    case 'close':
      return <Document form={form} name="summaryRef" />;
    case 'notifyRespondent':
      return (
        <>
          <Document form={form} name="noticeRef" rows={12} />
          <Pick form={form} name="contents" group="contents" values={noticeContents} several />
        </>
      );
    case 'submitInvestigationReport':
      return <Document form={form} name="reportRef" rows={12} />;
    case 'decide':
      return (
        <>
          <Pick form={form} name="outcome" group="outcome" values={decisionOutcomes} />
          <Pick form={form} name="standardOfEvidence" group="standard" values={standardsOfEvidence} />
          <Document form={form} name="reasonsRef" rows={10} />
          <Lines form={form} name="sanctions" />
          <Lines form={form} name="remedies" />
        </>
      );
    case 'issueOutcome':
      return <Document form={form} name="letterRef" rows={10} />;
    case 'recordAgreement':
      return <Document form={form} name="agreementRef" rows={8} />;
    case 'reviewAgreement':
      return (
        <>
          <Choices form={form} name="kept" legend={form.t('caseHandling.fields.kept')} options={[{ value: 'yes', label: form.t('caseHandling.yes') }, { value: 'no', label: form.t('caseHandling.no') }]} />
          <Document form={form} name="noteRef" />
        </>
      );
    case 'recordEscrowMatch':
      return <Document form={form} name="matchRef" />;
    default:
      return null;
  }
}

const isStepAction = (type: ActionType) => (stepActionTypes as readonly string[]).includes(type);

/** One form on the page: an action, and what it is about when there is a choice of several. */
type Slot = { type: ActionType; target: string | null; open: boolean };

/** Forms whose target is chosen inside the form (which party, where the evidence comes from). */
const chosenInForm: ReadonlySet<ActionType> = new Set(['addEvidence', 'nameAdviser', 'recordConsent', 'withdrawConsent', 'fileAppeal', 'scheduleCheckIn', 'addMeasure']);

/** The order of the page: the steps at hand, then the gate, the parties, the path, care, deadlines, the team, legal hold. */
const order: readonly ActionType[] = [
  ...stepActionTypes,
  'skipStep',
  'allowRespondentContact',
  'revokeRespondentContact',
  'requestSafetyException',
  'approveSafetyException',
  'recordResponse',
  'addEvidence',
  'nameAdviser',
  'recordConsent',
  'withdrawConsent',
  'fileAppeal',
  'decideAppeal',
  'changePath',
  'withdrawReport',
  'scheduleCheckIn',
  'recordCheckIn',
  'addMeasure',
  'endMeasure',
  'pauseDeadline',
  'resumeDeadline',
  'extendDeadline',
  'assign',
  'unassign',
  'recordConflict',
  'placeLegalHold',
  'liftLegalHold',
];

function slotsOf(view: CaseProcedure): Slot[] {
  const { choices } = view;
  const offered: Slot[] = [
    ...choices.available.map((action) => ({ type: action.type, target: chosenInForm.has(action.type) ? null : action.target, open: isStepAction(action.type) || action.type === 'decideAppeal' })),
    ...Object.keys(choices.assignable).map((role) => ({ type: 'assign' as const, target: role, open: false })),
    ...(choices.conflictable.length > 0 ? [{ type: 'recordConflict' as const, target: null, open: false }] : []),
  ].filter((slot) => !(slot.type === 'changePath' && choices.paths.length === 0) && !(slot.type === 'withdrawConsent' && Object.keys(choices.resumable).length === 0));
  const unique = offered.filter((slot, index) => offered.findIndex((other) => formKey(other.type, other.target) === formKey(slot.type, slot.target)) === index);
  return unique.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
}

/** The form that came back, when the page no longer offers it (someone acted meanwhile): shown again so nothing typed is lost. */
function returnedSlot(slots: Slot[], feedback: ActionFeedback | undefined): Slot | undefined {
  if (!feedback || slots.some((slot) => formKey(slot.type, slot.target) === feedback.form)) return undefined;
  const [type = '', ...rest] = feedback.form.split(':');
  const known = order.find((candidate) => candidate === type);
  return known && known !== 'declareNoConflict' ? { type: known, target: rest.length > 0 ? rest.join(':') : null, open: true } : undefined;
}

function subtitleOf(t: PageContext['t'], view: CaseProcedure, slot: Slot): string | undefined {
  const { type, target } = slot;
  if (target === null) return undefined;
  // A step's own form is titled by what it does; a skip names the step.
  if (isStepAction(type)) return undefined;
  if (type === 'skipStep') {
    const step = view.definition.steps.find((candidate) => candidate.id === target);
    return step ? t(step.nameKey) : target;
  }
  if (type === 'pauseDeadline' || type === 'resumeDeadline' || type === 'extendDeadline') {
    const deadline = view.deadlines.find((candidate) => candidate.id === target);
    return deadline ? t(deadline.nameKey) : target;
  }
  if (type === 'assign') return t(`caseHandling.values.role.${target}`);
  if (type === 'unassign') {
    const [staffId = '', role = ''] = target.split(':');
    return `${personName(t, view, staffId)} (${roleNames(t, [role])})`;
  }
  if (type === 'decideAppeal') {
    const appeal = view.state.appeals.find((candidate) => candidate.id === target);
    return appeal ? `${target} (${t(`caseHandling.values.party.${appeal.by}`)})` : target;
  }
  return target;
}

/** The fields of one form besides type, seen and form. */
function SlotFields(props: { context: PageContext; view: CaseProcedure; slot: Slot; form: FormState }) {
  const { context, view, slot, form: f } = props;
  const { t, language } = context;
  const { type } = slot;
  const target = slot.target ?? '';
  const { choices, state } = view;
  const offered = (values: readonly string[]) => {
    const available = choices.available.filter((action) => action.type === type).flatMap((action) => (action.target ? [action.target] : []));
    // A form shown again after someone else acted may have no choice left: then every value is listed.
    return available.length > 0 ? available : values;
  };
  const pickOffered = (name: string, group: string, values: readonly string[]) => <Pick form={f} name={name} group={group} values={offered(values)} />;
  const people = (ids: readonly string[]) => ids.map((staffId) => ({ value: staffId, label: personName(t, view, staffId) }));
  const procedures = (list: ProcedureOption[]) => uniqueOptions(list).map((option) => ({ value: option.value, label: t(option.nameKey) }));
  /** What the form is about, carried along, and the reason for it. */
  const targetWithReason = (name: string) => (
    <>
      <Hidden name={name} value={target} />
      <Reason form={f} />
    </>
  );
  if (isStepAction(type)) return <StepFields type={type} form={f} />;
  switch (type) {
    case 'skipStep':
      return targetWithReason('step');
    case 'allowRespondentContact':
    case 'revokeRespondentContact':
    case 'withdrawReport':
      return <Document form={f} name="statementRef" rows={4} />;
    case 'requestSafetyException':
    case 'placeLegalHold':
    case 'liftLegalHold':
      return <Reason form={f} />;
    case 'approveSafetyException':
      return state.safetyException ? (
        <>
          <p>{t('caseHandling.procedure.safetyRequested', { who: personName(t, view, state.safetyException.requestedBy), date: formatDay(language, state.safetyException.requestedAt.slice(0, 10)) })}</p>
          <DocumentText t={t} view={view} value={state.safetyException.reason} />
        </>
      ) : null;
    case 'recordResponse':
      return <Document form={f} name="statementRef" rows={8} />;
    case 'addEvidence':
      return (
        <>
          {pickOffered('from', 'from', ['reporter', 'respondent', 'investigation'])}
          <Pick form={f} name="kind" group="kind" values={['document', 'witness']} />
          <Document form={f} name="evidenceRef" />
        </>
      );
    case 'nameAdviser':
      return (
        <>
          {pickOffered('party', 'party', parties)}
          <Document form={f} name="adviserRef" rows={3} />
        </>
      );
    case 'recordConsent':
      return (
        <>
          {pickOffered('party', 'party', parties)}
          <Document form={f} name="statementRef" rows={4} />
        </>
      );
    case 'withdrawConsent':
      return (
        <>
          {pickOffered('party', 'party', parties)}
          <Document form={f} name="statementRef" rows={4} />
          <Select form={f} name="resume" label={t('caseHandling.fields.resume')} options={procedures(Object.values(choices.resumable).flat())} />
        </>
      );
    case 'fileAppeal':
      return (
        <>
          {pickOffered('by', 'party', parties)}
          <Pick form={f} name="grounds" group="grounds" values={appealGrounds} several />
          <Document form={f} name="statementRef" rows={6} />
        </>
      );
    case 'decideAppeal':
      return (
        <>
          <Hidden name="appealId" value={target} />
          <Pick form={f} name="result" group="result" values={appealResults} />
          <Document form={f} name="reasonsRef" rows={8} />
        </>
      );
    case 'changePath':
      return (
        <>
          <Select form={f} name="to" label={t('caseHandling.fields.to')} options={procedures(choices.paths)} />
          <Document form={f} name="statementRef" rows={4} />
        </>
      );
    case 'scheduleCheckIn':
      return (
        <>
          {pickOffered('with', 'party', parties)}
          <Pick form={f} name="topic" group="topic" values={checkInTopics} />
          <Input form={f} name="dueOn" type="date" label={t('caseHandling.fields.dueOn')} />
        </>
      );
    case 'recordCheckIn':
      return (
        <>
          <Hidden name="checkInId" value={target} />
          <Document form={f} name="noteRef" rows={4} />
          <Tick form={f} name="concernRaised" label={t('caseHandling.fields.concernRaised')} />
        </>
      );
    case 'addMeasure':
      return (
        <>
          {pickOffered('for', 'party', parties)}
          <Pick form={f} name="kind" group="kind" values={measureKinds} />
          <Document form={f} name="descriptionRef" rows={4} />
        </>
      );
    case 'endMeasure':
      return targetWithReason('measureId');
    case 'pauseDeadline':
      return targetWithReason('deadline');
    case 'resumeDeadline':
      return <Hidden name="deadline" value={target} />;
    case 'extendDeadline':
      return (
        <>
          <Hidden name="deadline" value={target} />
          <Input form={f} name="days" type="number" min={1} max={365} label={t('caseHandling.fields.days')} />
          <Reason form={f} />
        </>
      );
    case 'assign':
      return (
        <>
          <Hidden name="as" value={target} />
          <Select form={f} name="staffId" label={t(`caseHandling.values.assignAs.${target}`)} options={people(choices.assignable[target as CaseRole] ?? [])} />
        </>
      );
    case 'unassign': {
      const [staffId = '', role = ''] = target.split(':');
      return (
        <>
          <Hidden name="staffId" value={staffId} />
          <Hidden name="as" value={role} />
          <Reason form={f} />
        </>
      );
    }
    case 'recordConflict':
      return (
        <>
          <Select form={f} name="staffId" label={t('caseHandling.fields.staffId')} options={people(choices.conflictable)} />
          <Pick form={f} name="basis" group="basis" values={['relatedToParty', 'namedInCase']} />
          <Reason form={f} />
        </>
      );
    default:
      return null;
  }
}

export function CaseProcedureActions(props: Props) {
  const { context, view, feedback } = props;
  const { t } = context;
  const slots = slotsOf(view);
  const returned = returnedSlot(slots, feedback);
  const all = returned ? [returned, ...slots] : slots;
  return (
    <section aria-labelledby="case-actions-title" class="case-actions">
      <h2 id="case-actions-title">{t('caseHandling.actionsTitle')}</h2>
      {slots.length === 0 ? <p>{t('caseHandling.noActions')}</p> : <p class="hint">{t('caseHandling.actionsIntro')}</p>}
      {all.map((slot) => (
        <ActionForm key={formKey(slot.type, slot.target)} {...props} type={slot.type} target={slot.target} subtitle={subtitleOf(t, view, slot)} open={slot.open}>
          {(form) => <SlotFields context={context} view={view} slot={slot} form={form} />}
        </ActionForm>
      ))}
    </section>
  );
}

function uniqueOptions<T extends { value: string }>(list: T[]): T[] {
  return list.filter((option, index) => list.findIndex((other) => other.value === option.value) === index);
}

/** Shown above everything when a form came back: the refusal, with a link to its form. */
export function ActionProblem(props: { context: PageContext; view: CaseProcedure | undefined; feedback: ActionFeedback | undefined }) {
  const { context, view, feedback } = props;
  if (!feedback) return null;
  const { t } = context;
  const fields = Object.entries(feedback.fields ?? {});
  return (
    <div class="notice notice-error" role="alert">
      <h2>{feedback.refusal ? t('caseHandling.refusedTitle') : t('form.problemsTitle')}</h2>
      {feedback.refusal ? (
        <p>
          <a href={`#${formId(feedback.form)}`}>{refusalText(context, view, feedback.refusal)}</a>
        </p>
      ) : null}
      {fields.length > 0 ? (
        <ul>
          {fields.map(([field, key]) => (
            <li key={field}>
              <a href={`#${formId(feedback.form)}-${field}`}>
                {t(`caseHandling.fields.${field}`, { defaultValue: field })}: {t(key)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
