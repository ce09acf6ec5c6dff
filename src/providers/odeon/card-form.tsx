import type { JSX } from 'preact';
import {
  CARD_BRAND_LABEL,
  cardBrand,
  cardDigits,
  cvcLength,
  formatExpiry,
  groupCardNumber,
} from '../../contract/card-rules.ts';
import { validateCard } from '../../core/card-fields.ts';
import type { CheckoutMachine } from '../../core/checkout.types.ts';
import { checkField, type FieldErrorKey, type FieldName, setFieldValue } from '../../core/fields.ts';
import { editCardNumber } from '../../ui/card-input.ts';
import { useStyles } from '../../ui/use-styles.ts';
import { useWidget } from '../../ui/use-widget.ts';
import type { MethodFormProps } from '../define.ts';
import { cardCss } from './card-styles.ts';

type CardField = 'cardNumber' | 'expiry' | 'cvc' | 'cardholderName';

/** What differs between the card inputs besides their name. */
interface InputExtras {
  value?: string;
  placeholder?: string;
  maxLength?: number;
  inputMode?: 'numeric' | 'text';
}

const AUTOCOMPLETE: Record<CardField, string> = {
  cardNumber: 'cc-number',
  expiry: 'cc-exp',
  cvc: 'cc-csc',
  cardholderName: 'cc-name',
};

/** Keeps the caret where the edit left it, when the input has focus (a regrouped value moves it to the end). */
function placeCaret(input: HTMLInputElement, caret: number): void {
  const root = input.getRootNode() as Document | ShadowRoot;
  if (root.activeElement === input) input.setSelectionRange(caret, caret);
}

/** What each input does with what the shopper typed: the value it shows, the value the machine keeps. */
function onCardInput(m: CheckoutMachine, name: CardField, event: InputEvent): void {
  const input = event.currentTarget as HTMLInputElement;
  const values = m.values.value;
  if (name === 'cardNumber') {
    const caret = input.selectionStart ?? input.value.length;
    const edit = editCardNumber(input.value, caret, values.cardNumber ?? '', event.inputType);
    input.value = edit.shown;
    placeCaret(input, edit.caret);
    setFieldValue(m, name, edit.digits);
    return;
  }
  let value = input.value;
  if (name === 'expiry') value = formatExpiry(value);
  // Before a number is typed the code may be Amex's four digits; after, the brand's length.
  if (name === 'cvc')
    value = cardDigits(value).slice(0, values.cardNumber ? cvcLength(values.cardNumber) : 4);
  if (value !== input.value) input.value = value;
  setFieldValue(m, name, value);
}

/**
 * Kassa's card form (design §2 "Card forms"): one form, so autofill fills every field at once; the
 * number grouped as typed with its brand shown; checked on blur and on submit (core/fields.ts), never
 * while typing; invalid inputs marked and described. The number lives in the machine as digits only,
 * and only until the `start` request has it (core/pay.ts). Flows without card fields (Odeon's dialog
 * or page takes the card) show one line saying so.
 */
export function CardForm({ method }: MethodFormProps) {
  const { m, t } = useWidget();
  useStyles(cardCss);
  const names = method.fields.map(({ name }) => name);
  if (!names.includes('cardNumber'))
    return <p class="kassa-muted">{t(method.flow === 'sdk' ? 'card_note_window' : 'card_note_page')}</p>;
  const digits = m.values.value.cardNumber ?? '';
  const brand = digits ? cardBrand(digits) : 'unknown';
  const field = (name: CardField, extra: InputExtras = {}, aside?: JSX.Element) =>
    names.includes(name) && (
      <CardInput
        m={m}
        name={name}
        label={t(`field_${name}`)}
        error={m.fieldErrors.value[name]}
        aside={aside}
        {...extra}
      />
    );
  return (
    <>
      {field(
        'cardNumber',
        { value: groupCardNumber(digits) },
        brand !== 'unknown' ? (
          <span id="kassa-card-brand" class="kassa-card-brand">
            {CARD_BRAND_LABEL[brand]}
          </span>
        ) : undefined,
      )}
      {(names.includes('expiry') || names.includes('cvc')) && (
        <div class="kassa-card-row">
          {field('expiry', { placeholder: 'MM/YY' })}
          {field('cvc', { maxLength: 4 })}
        </div>
      )}
      {field('cardholderName', { inputMode: 'text' })}
    </>
  );
}

function CardInput({
  m,
  name,
  label,
  error,
  aside,
  ...extra
}: {
  m: CheckoutMachine;
  name: CardField;
  label: string;
  error: FieldErrorKey | undefined;
  aside: JSX.Element | undefined;
} & InputExtras) {
  const { t } = useWidget();
  const id = `kassa-f-${name}`;
  const errorId = `kassa-e-${name}`;
  // The brand describes the number (its name stays exactly "Card number"), as does an error.
  const described = [aside ? 'kassa-card-brand' : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class="kassa-field">
      <div class="kassa-card-label">
        <label for={id}>{label}</label>
        {aside}
      </div>
      <input
        id={id}
        class="kassa-input"
        name={name}
        type="text"
        inputMode="numeric"
        autocomplete={AUTOCOMPLETE[name]}
        spellcheck={false}
        value={m.values.value[name as FieldName] ?? ''}
        required
        readOnly={m.state.value === 'processing'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => onCardInput(m, name, event as unknown as InputEvent)}
        onBlur={() => checkField(m, name, validateCard)}
        {...extra}
      />
      {error && (
        <p id={errorId} class="kassa-error">
          {t(error)}
        </p>
      )}
    </div>
  );
}
