/**
 * Fields of the case page's action forms. Many forms share one page, so every id is prefixed
 * with its form's id; a form sent back with problems shows what was typed (checkbox groups
 * included) and each problem next to its field, tied by aria-describedby.
 */
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../forms.ts';
import type { PageContext } from '../components/Layout.tsx';

export type TypedForm = Record<string, string | string[]>;

/** One form on the page: its id, and what was typed into it when it came back refused. */
export type FormState = { t: PageContext['t']; id: string; typed: TypedForm | undefined; errors: FieldErrors | undefined };

export type Option = { value: string; label: string };

function typedText(form: FormState, name: string): string | undefined {
  const value = form.typed?.[name];
  return Array.isArray(value) ? value.at(-1) : value;
}

function typedList(form: FormState, name: string): string[] {
  const value = form.typed?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function Described(props: { form: FormState; name: string; hint?: string | undefined; children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren }) {
  const { form, name, hint } = props;
  const id = `${form.id}-${name}`;
  const error = form.errors?.[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {form.t(error)}
        </p>
      ) : null}
      {props.children(describedBy, error !== undefined)}
    </>
  );
}

/** A labelled control with its hint and problem; the control is given what to be described by. */
function Labelled(props: { form: FormState; name: string; label: string; hint?: string | undefined; children: (id: string, describedBy: string | undefined, invalid: boolean) => ComponentChildren }) {
  const { form, name } = props;
  const id = `${form.id}-${name}`;
  return (
    <div class={form.errors?.[name] ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <Described form={form} name={name} hint={props.hint}>
        {(describedBy, invalid) => props.children(id, describedBy, invalid)}
      </Described>
    </div>
  );
}

export function TextArea(props: { form: FormState; name: string; label: string; hint?: string | undefined; rows?: number; maxLength: number }) {
  const { form, name } = props;
  return (
    <Labelled form={form} name={name} label={props.label} hint={props.hint}>
      {(id, describedBy, invalid) => (
        <textarea id={id} name={name} rows={props.rows ?? 4} maxLength={props.maxLength} value={typedText(form, name) ?? ''} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} />
      )}
    </Labelled>
  );
}

export function Select(props: { form: FormState; name: string; label: string; options: Option[]; hint?: string | undefined }) {
  const { form, name } = props;
  const chosen = typedText(form, name);
  return (
    <Labelled form={form} name={name} label={props.label} hint={props.hint}>
      {(id, describedBy, invalid) => (
        <select id={id} name={name} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          {props.options.map((option) => (
            <option key={option.value} value={option.value} selected={option.value === chosen}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** Radio buttons (one choice) or checkboxes (several) in a fieldset. */
export function Choices(props: { form: FormState; name: string; legend: string; options: Option[]; several?: boolean; hint?: string | undefined }) {
  const { form, name } = props;
  // With a single option there is nothing to choose: it comes ticked.
  const only = !props.several && props.options.length === 1 ? props.options.map((option) => option.value) : [];
  const chosen = form.typed ? typedList(form, name) : only;
  return (
    <fieldset id={`${form.id}-${name}`} class={form.errors?.[name] ? 'field field-error' : 'field'}>
      <legend>{props.legend}</legend>
      <Described form={form} name={name} hint={props.hint}>
        {(describedBy, invalid) =>
          props.options.map((option) => (
            <label key={option.value} class="choice">
              <input
                type={props.several ? 'checkbox' : 'radio'}
                name={name}
                value={option.value}
                checked={chosen.includes(option.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid ? 'true' : undefined}
              />{' '}
              {option.label}
            </label>
          ))
        }
      </Described>
    </fieldset>
  );
}

/** A single checkbox sent as "yes" when ticked. */
export function Tick(props: { form: FormState; name: string; label: string }) {
  const { form, name } = props;
  return (
    <div class="field">
      <label class="choice">
        <input type="checkbox" name={name} value="yes" checked={typedText(form, name) === 'yes'} /> {props.label}
      </label>
    </div>
  );
}

export function Input(props: { form: FormState; name: string; label: string; type: 'date' | 'number'; min?: number; max?: number; hint?: string | undefined }) {
  const { form, name } = props;
  return (
    <Labelled form={form} name={name} label={props.label} hint={props.hint}>
      {(id, describedBy, invalid) => (
        <input type={props.type} id={id} name={name} min={props.min} max={props.max} value={typedText(form, name) ?? ''} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} />
      )}
    </Labelled>
  );
}

export function Hidden(props: { name: string; value: string }) {
  return <input type="hidden" name={props.name} value={props.value} />;
}
