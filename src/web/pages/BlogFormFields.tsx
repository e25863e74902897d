/** A labelled multi-line field, for comments and the editorial forms (the shared Form has none). */
import type { Translate } from '../../i18n/index.ts';
import { describedBy, FieldFrame } from '../components/Form.tsx';

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
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error ? props.t(props.error) : undefined} class={props.className}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        data-preview-source={props.previewSource ? '' : undefined}
        value={props.value ?? ''}
      />
    </FieldFrame>
  );
}
