import { CARD_BRAND_LABEL, cardBrand, groupCardNumber } from '../../contract/card-rules.ts';
import type { MethodField } from '../../contract/checkout.ts';
import type { CheckoutMachine } from '../../core/checkout.types.ts';
import { checkField, setFieldValue } from '../../core/fields.ts';
import { editCardNumber } from '../../ui/card-input.ts';
import { useStyles } from '../../ui/use-styles.ts';
import { useWidget } from '../../ui/use-widget.ts';
import type { MethodFormProps } from '../define.ts';
import { validateOct } from './encode.ts';

/** The brand beside the number's label, the hint under the phone's (OCT chunk). */
const octCss = `
.kassa-card-label{display:flex;justify-content:space-between;align-items:baseline;gap:.5rem}
.kassa-card-brand{font-size:.875em;font-weight:600;color:var(--m)}
.kassa-hint{margin:0;color:var(--m);font-size:.875em}
.kassa-input[inputmode=numeric]{font-variant-numeric:tabular-nums}
`;

const NUMBER_ID = 'kassa-f-cardNumber';
const BRAND_ID = 'kassa-card-brand';
const ERROR_ID = 'kassa-e-cardNumber';

/** Regroups the number as typed (4-4-4-4, Amex 4-6-5) and keeps its digits, only its digits, in the machine. */
function onNumberInput(m: CheckoutMachine, event: InputEvent): void {
  const input = event.currentTarget as HTMLInputElement;
  const caret = input.selectionStart ?? input.value.length;
  const edit = editCardNumber(input.value, caret, m.values.value.cardNumber ?? '', event.inputType);
  input.value = edit.shown;
  const root = input.getRootNode() as Document | ShadowRoot;
  if (root.activeElement === input) input.setSelectionRange(edit.caret, edit.caret);
  setFieldValue(m, 'cardNumber', edit.digits);
}

/**
 * "Card number" (design §2 "Card forms"): grouped as typed, its brand shown and describing it, checked
 * (Luhn, length) on blur and on submit, never while typing; `cc-number` for autofill.
 */
function CardNumber({ m, field }: { m: CheckoutMachine; field: MethodField }) {
  const { t } = useWidget();
  const digits = m.values.value.cardNumber ?? '';
  const brand = digits ? cardBrand(digits) : 'unknown';
  const error = m.fieldErrors.value.cardNumber;
  const described = [brand !== 'unknown' ? BRAND_ID : '', error ? ERROR_ID : ''].filter(Boolean).join(' ');
  return (
    <div class="kassa-field">
      <div class="kassa-card-label">
        <label for={NUMBER_ID}>{t('field_cardNumber')}</label>
        {brand !== 'unknown' && (
          <span id={BRAND_ID} class="kassa-card-brand">
            {CARD_BRAND_LABEL[brand]}
          </span>
        )}
      </div>
      <input
        id={NUMBER_ID}
        class="kassa-input"
        name="cardNumber"
        type="text"
        inputMode="numeric"
        autocomplete="cc-number"
        spellcheck={false}
        value={groupCardNumber(digits)}
        required={field.required}
        readOnly={m.state.value === 'processing'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => onNumberInput(m, event as unknown as InputEvent)}
        onBlur={() => checkField(m, 'cardNumber', validateOct)}
      />
      {error && (
        <p id={ERROR_ID} class="kassa-error">
          {t(error)}
        </p>
      )}
    </div>
  );
}

/**
 * `oct-card`'s form (design §3 "OCT"): "Card number" and the recipient details the seed's `CustomerDto`
 * takes ("First name", "Last name", "Email", "Phone" in E.164, "Address", "City", "Postal code"), as
 * the server's method data lists them, prefilled from the order's customer and editable (the generic
 * field, `MethodFormProps.Field`); no expiry or security code. The number is encrypted on the Pay click (encode.ts).
 */
export function OctCardForm({ method, Field }: MethodFormProps) {
  const { m, t } = useWidget();
  useStyles(octCss);
  const readOnly = m.state.value === 'processing';
  return (
    <>
      {method.fields.map((field) =>
        field.name === 'cardNumber' ? (
          <CardNumber key={field.name} m={m} field={field} />
        ) : (
          Field && (
            <Field
              key={field.name}
              field={field}
              method={method}
              readOnly={readOnly}
              hint={field.name === 'phone' ? t('hint_phone_e164') : undefined}
            />
          )
        ),
      )}
    </>
  );
}
