/**
 * How the case page words the procedure: days and dates, people ("the reporter", a colleague's
 * name with their case roles, "Redress"), the values inside actions (choices translated,
 * documents shown as the text they hold) and refusals with their parameters in plain words.
 */
import type { ComponentChild } from 'preact';
import { actionSchema, type CaseAction } from '../../core/procedures/actions.ts';
import type { ActorRef } from '../../core/procedures/caseState.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import { templates } from '../../core/procedures/templates/index.ts';
import type { CaseProcedure } from '../../usecases/cases/caseProcedureView.ts';
import type { PageContext } from '../components/Layout.tsx';
import { MultilineText } from './ReportFormFields.tsx';

type Translate = PageContext['t'];

export function formatDay(language: string, day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatInstant(language: string, instant: string): string {
  return formatDay(language, instant.slice(0, 10));
}

/** "in 3 days", "tomorrow", "2 days ago", in the page's language. */
export function relativeDays(language: string, today: string, day: string): string {
  const days = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(days, 'day');
}

export function personName(t: Translate, view: CaseProcedure, staffId: string): string {
  return view.people[staffId] ?? t('caseHandling.by.formerStaff');
}

export function roleNames(t: Translate, roles: readonly string[]): string {
  return roles.map((role) => t(`caseHandling.values.role.${role}`)).join(', ');
}

export function actorText(t: Translate, view: CaseProcedure, by: ActorRef): string {
  switch (by.kind) {
    case 'staff': {
      const name = personName(t, view, by.staffId);
      return by.caseRoles.length > 0 ? `${name} (${t('caseHandling.inRoles', { roles: roleNames(t, by.caseRoles) })})` : name;
    }
    case 'reporter':
      return t('caseHandling.by.reporter');
    case 'respondent':
      return t('caseHandling.by.respondent');
    case 'system':
      return t('caseHandling.by.system');
  }
}

/** A step's or deadline's name on this case's procedure, or its id when it has none. */
function stepName(t: Translate, view: CaseProcedure, id: string): string {
  const step = view.definition.steps.find((candidate) => candidate.id === id);
  return step ? t(step.nameKey) : id;
}

function deadlineName(t: Translate, view: CaseProcedure, id: string): string {
  const deadline = view.deadlines.find((candidate) => candidate.id === id) ?? view.definition.deadlines.find((candidate) => candidate.id === id);
  return deadline ? t(deadline.nameKey) : id;
}

const choiceGroups: Record<string, string> = {
  as: 'role',
  basis: 'basis',
  priority: 'priority',
  retaliationRisk: 'risk',
  outcome: 'outcome',
  standardOfEvidence: 'standard',
  result: 'result',
  topic: 'topic',
  kind: 'kind',
  party: 'party',
  by: 'party',
  with: 'party',
  for: 'party',
  from: 'from',
  contents: 'contents',
  grounds: 'grounds',
};

/** The text a `doc:` reference holds, or the value itself when it is not one. */
export function DocumentText(props: { t: Translate; view: CaseProcedure; value: string }) {
  const { t, view, value } = props;
  if (!value.startsWith('doc:')) return <MultilineText class="document-text" text={value} />;
  const document = view.documents[value];
  if (!document) return <p class="hint">{t('caseHandling.documentUnavailable')}</p>;
  return (
    <>
      <MultilineText class="document-text" text={document.text} />
      {document.forRespondent ? <p class="hint">{t('caseHandling.procedure.forRespondent')}</p> : null}
    </>
  );
}

/** One field of a recorded action, in words. */
export function actionValue(context: PageContext, view: CaseProcedure, field: string, value: unknown): ComponentChild {
  const { t, language } = context;
  if (typeof value === 'boolean') return value ? t('caseHandling.yes') : t('caseHandling.no');
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    const group = choiceGroups[field];
    if (group) return value.map((item) => t(`caseHandling.values.${group}.${String(item)}`)).join('; ');
    return (
      <ul>
        {value.map((item, index) => (
          <li key={index}>
            <DocumentText t={t} view={view} value={String(item)} />
          </li>
        ))}
      </ul>
    );
  }
  if (value && typeof value === 'object' && 'id' in value && 'version' in value) {
    const template = templates.find((candidate) => candidate.id === value.id && candidate.version === value.version);
    return template ? t(template.nameKey) : String(value.id);
  }
  if (typeof value !== 'string') return '';
  if (field === 'staffId') return personName(t, view, value);
  if (field === 'step') return stepName(t, view, value);
  if (field === 'deadline') return deadlineName(t, view, value);
  if (field === 'dueOn') return formatDay(language, value);
  const group = choiceGroups[field];
  if (group) return t(`caseHandling.values.${group}.${value}`);
  return <DocumentText t={t} view={view} value={value} />;
}

/**
 * The fields of an action worth showing (everything but its type), in the order the action
 * defines them (the stored state does not keep the order of keys).
 */
export function actionFields(action: CaseAction): [string, unknown][] {
  const shape = actionSchema.options.find((option) => option.shape.type.value === action.type)?.shape ?? {};
  const order = Object.keys(shape);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(action)
    .filter(([key]) => key !== 'type')
    .sort(([a], [b]) => rank(a) - rank(b));
}

const listed = (values: string, word: (value: string) => string) =>
  values
    .split(', ')
    .map((value) => word(value.trim()))
    .join(', ');

/** A refusal in words, with step, role, duty, party and deadline names instead of ids. */
export function refusalText(context: PageContext, view: CaseProcedure | undefined, refusal: Refusal): string {
  const { t, language } = context;
  const params: Record<string, string | number> = { ...refusal.params };
  for (const [key, value] of Object.entries(refusal.params)) {
    if (typeof value !== 'string') continue;
    if (key === 'missing' && refusal.code === 'NOTICE_INCOMPLETE') params[key] = listed(value, (content) => t(`caseHandling.values.contents.${content}`));
    else if (key === 'topic') params[key] = t(`caseHandling.values.topic.${value}`);
    else if ((key === 'step' || key === 'missing') && view) params[key] = listed(value, (id) => stepName(t, view, id));
    else if (key === 'deadline' && view) params[key] = deadlineName(t, view, value);
    else if (key === 'roles' || key === 'role') params[key] = listed(value, (role) => t(`caseHandling.values.role.${role}`));
    else if (key === 'duty' || key === 'earlier') params[key] = t(`caseHandling.values.duty.${value}`);
    else if (key === 'party') params[key] = listed(value, (party) => t(`caseHandling.values.party.${party}`));
    else if (key === 'staffId' && view) params[key] = personName(t, view, value);
    else if ((key === 'until' || key === 'dueOn') && /^\d{4}-\d{2}-\d{2}$/.test(value)) params[key] = formatDay(language, value);
  }
  return t(refusal.messageKey, params);
}
