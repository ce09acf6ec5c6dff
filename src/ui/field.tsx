import { type FieldName, setFieldValue } from '../core/fields.ts';
import type { GenericFieldProps } from '../providers/define.ts';
import { useWidget } from './use-widget.ts';

type InputKind = { type: 'text' | 'email' | 'tel' | 'date'; autocomplete: string };

const INPUTS: Partial<Record<FieldName, InputKind>> = {
  firstName: { type: 'text', autocomplete: 'given-name' },
  lastName: { type: 'text', autocomplete: 'family-name' },
  email: { type: 'email', autocomplete: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
  // A date input's value is always YYYY-MM-DD, exactly what the API takes.
  dateOfBirth: { type: 'date', autocomplete: 'bday' },
};

/**
 * One labelled shopper field; invalid fields get `aria-invalid` and a described message. A `hint`
 * (e.g. the phone number's format) is shown under the label and describes the input too.
 */
export function Field({ field, method, readOnly, hint }: GenericFieldProps) {
  const { m, t } = useWidget();
  const { name, required } = field;
  const error = m.fieldErrors.value[name];
  const input = INPUTS[name] ?? { type: 'text', autocomplete: 'off' };
  const id = `kassa-f-${name}`;
  const errorId = `kassa-e-${name}`;
  const hintId = `kassa-h-${name}`;
  const described = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class="kassa-field">
      <label for={id}>{t(`field_${name}`, { method: method.label })}</label>
      {hint && (
        <p id={hintId} class="kassa-hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        class="kassa-input"
        name={name}
        // Preact 11's JSX types discriminate <input> by a literal `type`; all of ours are text-like.
        type={input.type as 'text'}
        autocomplete={input.autocomplete}
        value={m.values.value[name] ?? ''}
        required={required}
        readOnly={readOnly}
        max={name === 'dateOfBirth' ? new Date().toISOString().slice(0, 10) : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => setFieldValue(m, name, event.currentTarget.value)}
      />
      {error && (
        <p id={errorId} class="kassa-error">
          {t(error)}
        </p>
      )}
    </div>
  );
}
