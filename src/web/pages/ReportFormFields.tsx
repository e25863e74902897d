/**
 * The report form's fields, drawn from a questionnaire definition: one accessible control per
 * question type, conditional questions shown with an "answer only if …" hint (no round trip
 * without JavaScript; with it, reporter.js hides what does not apply), then the choices of
 * path and identity. Shared by the report page and the follow-up page for a saved draft.
 */
import type { FormProblem } from '../../core/intake/reportForm.ts';
import { acceptAttribute, acceptedExtensions, EVIDENCE_FILE_MAX_MEGABYTES, EVIDENCE_FILES_PER_SUBMISSION, isEvidenceProblem, type EvidenceProblem } from '../../core/intake/evidence.ts';
import { fieldName } from '../../core/intake/answers.ts';
import { identityModes, reportPaths } from '../../core/intake/caseModel.ts';
import { choiceValues, maxLengthOf, questionById, type LocalText, type Question, type QuestionnaireDefinition } from '../../core/intake/questionnaire.ts';
import type { Translate } from '../../i18n/index.ts';
import type { PageContext } from '../components/Layout.tsx';

export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export function localText(context: Pick<PageContext, 't' | 'language'>, text: LocalText | undefined): string {
  if (!text) return '';
  if ('key' in text) return context.t(text.key);
  return text.text[context.language] ?? text.text.en ?? Object.values(text.text)[0] ?? '';
}

export function optionLabel(context: Pick<PageContext, 't' | 'language'>, question: Question, value: string): string {
  if (question.type === 'yes_no') return value === 'yes' ? context.t('intake.form.yes') : context.t('intake.form.no');
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    return localText(context, question.options.find((option) => option.value === value)?.label) || value;
  }
  return value;
}

function valueOf(values: FormValues, name: string): string {
  const value = values[name];
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? (value.at(-1) ?? '') : '';
}

function valuesOf(values: FormValues, name: string): readonly string[] {
  const value = values[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value : [];
}

/** The sentence for a problem, with its numbers and, for a condition, the question it depends on. */
/** What a reporter should know before choosing files: what is accepted, the limits, and which metadata stays. */
export function EvidenceAdvice(props: { context: PageContext; id: string }) {
  const { t } = props.context;
  return (
    <div class="hint" id={props.id}>
      <p>{t('intake.evidence.accepted', { types: acceptedExtensions.join(', '), megabytes: EVIDENCE_FILE_MAX_MEGABYTES, count: EVIDENCE_FILES_PER_SUBMISSION })}</p>
      <p>{t('intake.evidence.imagesCleaned')}</p>
      <p>
        <strong>{t('intake.evidence.metadataWarning')}</strong>
      </p>
      <p>{t('intake.evidence.chooseAgain')}</p>
    </div>
  );
}

export function problemMessage(context: PageContext, problem: FormProblem, definition: QuestionnaireDefinition): string {
  const { t } = context;
  if (isEvidenceProblem(problem)) return evidenceProblemMessage(context, problem);
  switch (problem.code) {
    case 'tooLong':
      return t('intake.problems.tooLong', { max: problem.max.toLocaleString(context.language), length: problem.length.toLocaleString(context.language) });
    case 'tooManyFiles':
      return t('intake.problems.tooManyFiles', { max: problem.max });
    case 'onlyIf': {
      const target = questionById(definition, problem.questionId);
      return t('intake.problems.onlyIf', {
        question: target ? localText(context, target.label) : problem.questionId,
        option: target ? optionLabel(context, target, problem.equals) : problem.equals,
      });
    }
    default:
      return t(`intake.problems.${problem.code}`);
  }
}

export function evidenceProblemMessage(context: Pick<PageContext, 't'>, problem: EvidenceProblem): string {
  const { t } = context;
  switch (problem.code) {
    case 'tooManyUploads':
      return t('intake.evidence.problems.tooManyUploads', { max: problem.max });
    case 'caseFilesFull':
      return t('intake.evidence.problems.caseFilesFull', { megabytes: problem.megabytes });
    case 'fileTooLarge':
      return t('intake.evidence.problems.fileTooLarge', { name: problem.name, megabytes: problem.megabytes });
    case 'fileMislabelled':
      return t('intake.evidence.problems.fileMislabelled', { name: problem.name, actual: problem.actual.toUpperCase() });
    case 'fileType':
      return t('intake.evidence.problems.fileType', { name: problem.name, types: acceptedExtensions.join(', ') });
    default:
      return t(`intake.evidence.problems.${problem.code}`, { name: problem.name });
  }
}

export type ProblemList = { field: string; label: string; message: string }[];

export function ProblemSummary(props: { t: Translate; problems: ProblemList }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{props.t('form.problemsTitle')}</h2>
      <ul>
        {props.problems.map((problem) => (
          <li key={problem.field}>
            <a href={`#field-${problem.field}`}>
              {problem.label}: {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Every problem of a report form, in the order the fields appear, for the summary. */
export function reportProblemList(context: PageContext, definition: QuestionnaireDefinition, problems: Record<string, FormProblem> | undefined): ProblemList {
  if (!problems) return [];
  const { t } = context;
  const fixed: Record<string, string> = {
    recipient: t('intake.form.recipientLegend'),
    path: t('intake.form.pathLegend'),
    identity: t('intake.form.identityLegend'),
    name: t('intake.form.name'),
    contact: t('intake.form.contact'),
  };
  const order = ['recipient', ...definition.questions.map((question) => fieldName(question.id)), 'path', 'identity', 'name', 'contact'];
  return order.flatMap((field) => {
    const problem = problems[field];
    if (!problem) return [];
    const question = field.startsWith('q_') ? questionById(definition, field.slice(2)) : undefined;
    return [{ field, label: question ? localText(context, question.label) : (fixed[field] ?? field), message: problemMessage(context, problem, definition) }];
  });
}

function FieldProblem(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <p class="error" id={`${props.id}-error`}>
      {props.message}
    </p>
  ) : null;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

/** Attributes that let reporter.js hide a conditional question while its condition does not hold. */
function conditionAttributes(condition: { field: string; values: readonly string[] } | undefined) {
  return condition ? { 'data-show-if': condition.field, 'data-show-values': condition.values.join(' ') } : {};
}

function conditionHint(context: PageContext, definition: QuestionnaireDefinition, question: Question): string | undefined {
  if (!question.showIf) return undefined;
  const target = questionById(definition, question.showIf.questionId);
  if (!target) return undefined;
  return context.t('intake.form.onlyIf', { option: optionLabel(context, target, question.showIf.equals), question: localText(context, target.label) });
}

function QuestionField(props: { context: PageContext; definition: QuestionnaireDefinition; question: Question; values: FormValues; problem: string | undefined }) {
  const { context, question, values, problem } = props;
  const { t } = context;
  const name = fieldName(question.id);
  const id = `field-${name}`;
  const label = `${localText(context, question.label)}${question.required ? '' : ` ${t('intake.form.optional')}`}`;
  const hint = localText(context, question.hint);
  const onlyIf = conditionHint(context, props.definition, question);
  const hintId = hint || onlyIf ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const condition = question.showIf ? { field: fieldName(question.showIf.questionId), values: [question.showIf.equals] } : undefined;
  const hints = (
    <>
      {hintId ? (
        <p class="hint" id={hintId}>
          {onlyIf ? <strong class="only-if">{onlyIf} </strong> : null}
          {hint}
        </p>
      ) : null}
      <FieldProblem id={id} message={problem} />
    </>
  );
  const wrapperClass = problem ? 'field field-error' : 'field';

  switch (question.type) {
    case 'text':
    case 'long_text': {
      const common = {
        id,
        name,
        maxLength: maxLengthOf(question),
        'aria-describedby': describedBy(hintId, errorId),
        'aria-invalid': problem ? ('true' as const) : undefined,
        required: question.required && !question.showIf,
      };
      return (
        <div class={wrapperClass} {...conditionAttributes(condition)}>
          <label for={id}>{label}</label>
          {hints}
          {question.type === 'long_text' ? <textarea {...common} rows={question.id === 'account' ? 10 : 4} value={valueOf(values, name)} /> : <input type="text" {...common} value={valueOf(values, name)} />}
        </div>
      );
    }
    case 'single_choice':
    case 'yes_no':
    case 'multiple_choice': {
      const multiple = question.type === 'multiple_choice';
      const chosen = valuesOf(values, name);
      const options = question.type === 'multiple_choice' ? question.options.map((option) => option.value) : (choiceValues(question) ?? []);
      return (
        <fieldset id={id} class={wrapperClass} aria-describedby={describedBy(hintId, errorId)} {...conditionAttributes(condition)}>
          <legend>{label}</legend>
          {hints}
          <div class={options.length <= 3 ? 'choices choices-inline' : 'choices'}>
            {options.map((value) => (
              <label key={value} class="choice">
                <input type={multiple ? 'checkbox' : 'radio'} name={name} value={value} checked={chosen.includes(value)} />
                {optionLabel(context, question, value)}
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case 'date':
      return (
        <div class={wrapperClass} {...conditionAttributes(condition)}>
          <label for={id}>{label}</label>
          {hints}
          <input type="date" id={id} name={name} min="1900-01-01" value={valueOf(values, name)} aria-describedby={describedBy(hintId, errorId)} aria-invalid={problem ? 'true' : undefined} />
        </div>
      );
    case 'date_range': {
      const from = fieldName(question.id, 'from');
      const to = fieldName(question.id, 'to');
      return (
        <fieldset id={id} class={wrapperClass} aria-describedby={describedBy(hintId, errorId)} {...conditionAttributes(condition)}>
          <legend>{label}</legend>
          {hints}
          <div class="date-range">
            <label for={`field-${from}`}>
              {t('intake.form.from')}
              <input type="date" id={`field-${from}`} name={from} min="1900-01-01" value={valueOf(values, from)} />
            </label>
            <label for={`field-${to}`}>
              {t('intake.form.to')}
              <input type="date" id={`field-${to}`} name={to} min="1900-01-01" value={valueOf(values, to)} />
            </label>
          </div>
        </fieldset>
      );
    }
    case 'file':
      return (
        <div class={wrapperClass} {...conditionAttributes(condition)}>
          <label for={id}>{label}</label>
          {hints}
          <EvidenceAdvice context={context} id={`${id}-advice`} />
          <input type="file" id={id} name={name} multiple accept={acceptAttribute} aria-describedby={describedBy(hintId, errorId, `${id}-advice`)} aria-invalid={problem ? 'true' : undefined} />
        </div>
      );
  }
}

function Radios(props: { name: string; legend: string; hint?: string; options: { value: string; label: string; hint?: string }[]; value: string; problem: string | undefined }) {
  const id = `field-${props.name}`;
  return (
    <fieldset id={id} class={props.problem ? 'field field-error' : 'field'} aria-describedby={describedBy(props.hint && `${id}-hint`, props.problem && `${id}-error`)}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldProblem id={id} message={props.problem} />
      <div class="choices">
        {props.options.map((option) => (
          <label key={option.value} class="choice choice-described">
            <input type="radio" name={props.name} value={option.value} checked={props.value === option.value} />
            <span>
              {option.label}
              {option.hint ? <span class="choice-hint">{option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function ReportFormBody(props: {
  context: PageContext;
  definition: QuestionnaireDefinition;
  channel: { kind: 'network' | 'organisation'; name: string; networkName?: string };
  values: FormValues;
  problems: Record<string, FormProblem> | undefined;
}) {
  const { context, definition, values } = props;
  const { t } = context;
  const problem = (field: string) => {
    const found = props.problems?.[field];
    return found ? problemMessage(context, found, definition) : undefined;
  };
  const identity = valueOf(values, 'identity') || 'anonymous';
  return (
    <>
      {props.channel.kind === 'organisation' ? (
        <Radios
          name="recipient"
          legend={t('intake.form.recipientLegend')}
          hint={t('intake.form.recipientHint')}
          value={valueOf(values, 'recipient') || 'organisation'}
          problem={problem('recipient')}
          options={[
            { value: 'organisation', label: t('intake.form.recipientOrganisation', { name: props.channel.name }) },
            { value: 'network', label: t('intake.form.recipientNetwork', { name: props.channel.networkName ?? '' }), hint: t('intake.form.recipientNetworkHint') },
          ]}
        />
      ) : null}
      <fieldset class="questions">
        <legend>{t('intake.form.questionsLegend')}</legend>
        <p class="hint">{t('intake.form.questionsHint')}</p>
        {definition.questions.map((question) => (
          <QuestionField key={question.id} context={context} definition={definition} question={question} values={values} problem={problem(fieldName(question.id))} />
        ))}
      </fieldset>
      <Radios
        name="path"
        legend={t('intake.form.pathLegend')}
        hint={t('intake.form.pathHint')}
        value={valueOf(values, 'path') || 'not_sure'}
        problem={problem('path')}
        options={reportPaths.map((path) => ({ value: path, label: t(`intake.paths.${path}.label`), hint: t(`intake.paths.${path}.hint`) }))}
      />
      <fieldset class="identity">
        <legend>{t('intake.form.identityLegend')}</legend>
        <Radios
          name="identity"
          legend={t('intake.form.identityQuestion')}
          value={identity}
          problem={problem('identity')}
          options={identityModes.map((mode) => ({ value: mode, label: t(`intake.identity.${mode}.label`), hint: t(`intake.identity.${mode}.hint`) }))}
        />
        <div class={problem('name') ? 'field field-error' : 'field'} data-show-if="identity" data-show-values="confidential named">
          <label for="field-name">{t('intake.form.name')}</label>
          <p class="hint" id="field-name-hint">
            {t('intake.form.nameHint')}
          </p>
          <FieldProblem id="field-name" message={problem('name')} />
          <input type="text" id="field-name" name="name" maxLength={200} autocomplete="off" value={valueOf(values, 'name')} aria-describedby={describedBy('field-name-hint', problem('name') && 'field-name-error')} />
        </div>
        <div class={problem('contact') ? 'field field-error' : 'field'}>
          <label for="field-contact">
            {t('intake.form.contact')} {t('intake.form.optional')}
          </label>
          <p class="hint" id="field-contact-hint">
            {t('intake.form.contactHint')}
          </p>
          <FieldProblem id="field-contact" message={problem('contact')} />
          <input type="text" id="field-contact" name="contact" maxLength={500} autocomplete="off" value={valueOf(values, 'contact')} aria-describedby={describedBy('field-contact-hint', problem('contact') && 'field-contact-error')} />
        </div>
      </fieldset>
    </>
  );
}

/** What staff and reporters read back: an answer in words. */
export function answerText(context: PageContext, question: Question, answer: unknown): string {
  if (typeof answer === 'string') return question.type === 'text' || question.type === 'long_text' || question.type === 'date' ? answer : optionLabel(context, question, answer);
  if (Array.isArray(answer)) return answer.map((value) => optionLabel(context, question, String(value))).join(', ');
  if (answer && typeof answer === 'object') {
    const range = answer as { from?: string; to?: string };
    return context.t('intake.form.dateRange', { from: range.from ?? '…', to: range.to ?? '…' });
  }
  return '';
}

/** Text as written, line breaks kept without relying on a stylesheet. */
export function MultilineText(props: { text: string; class?: string }) {
  const lines = props.text.split('\n');
  return <p class={props.class}>{lines.flatMap((line, index) => (index === 0 ? [line] : [<br key={index} />, line]))}</p>;
}
