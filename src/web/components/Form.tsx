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
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
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
    'aria-describedby': describedBy || undefined,
  } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" id={`${id}-error`}>
          {props.t(props.error)}
        </p>
      ) : null}
      <input {...inputAttributes} />
    </div>
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
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.error ? (
        <p class="error" id={`${id}-error`}>
          {props.t(props.error)}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-describedby={props.error ? `${id}-error` : undefined}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CsrfField(props: { token: string | undefined }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />;
}
