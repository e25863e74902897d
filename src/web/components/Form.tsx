/** Accessible form parts: labelled fields with hints and errors tied by aria-describedby. */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import type { Translate } from '../../i18n/index.ts';
import type { FieldErrors } from '../forms.ts';

export function ErrorSummary(props: { t: Translate; errors: FieldErrors | undefined; labels: Record<string, string> }) {
  const entries = Object.entries(props.errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{props.t('form.problemsTitle')}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#field-${field}`}>
              {props.labels[field] ? `${props.labels[field]}: ` : ''}
              {props.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice(props: { kind: 'error' | 'success' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

/**
 * What every labelled field shares: the label, then the hint and the problem, each with an id the
 * control names in aria-describedby (see `describedBy`). `error` is already in words.
 */
export function FieldFrame(props: { id: string; label: string; hint?: string | undefined; error?: string | undefined; class?: string | undefined; children: ComponentChildren }) {
  const { id } = props;
  return (
    <div class={[props.error ? 'field field-error' : 'field', props.class].filter(Boolean).join(' ')}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

/** The ids of the hint and the problem a control is described by, when there are any. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

type FieldProps = {
  t: Translate;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'date';
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'text' | 'email';
  maxLength?: number;
};

export function Field(props: FieldProps) {
  const id = `field-${props.name}`;
  // Preact types each input `type` separately; the attributes here are valid for all of them.
  const inputAttributes = {
    id,
    name: props.name,
    type: props.type ?? 'text',
    value: props.type === 'password' ? undefined : props.value,
    autocomplete: props.autocomplete,
    required: props.required,
    inputMode: props.inputMode,
    maxLength: props.maxLength,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': describedBy(id, props.hint, props.error),
  } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error ? props.t(props.error) : undefined}>
      <input {...inputAttributes} />
    </FieldFrame>
  );
}

export function SelectField(props: {
  t: Translate;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | undefined;
  error?: string | undefined;
}) {
  const id = `field-${props.name}`;
  return (
    <FieldFrame id={id} label={props.label} error={props.error ? props.t(props.error) : undefined}>
      <select id={id} name={props.name} aria-describedby={describedBy(id, undefined, props.error)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CsrfField(props: { token: string | undefined }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />;
}
