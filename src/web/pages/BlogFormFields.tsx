/** A labelled multi-line field, for comments and the editorial forms (the shared Form has none). */
import type { Translate } from '../../i18n/index.ts';

export function TextAreaField(props: {
  t: Translate;
  name: string;
  label: string;
  hint?: string | undefined;
  value?: string | undefined;
  error?: string | undefined;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  /** Marks the field whose text the live preview follows. */
  previewSource?: boolean;
  className?: string;
}) {
  const id = `field-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={[props.error ? 'field field-error' : 'field', props.className ?? ''].join(' ').trim()}>
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
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        data-preview-source={props.previewSource ? '' : undefined}
        value={props.value ?? ''}
      />
    </div>
  );
}
