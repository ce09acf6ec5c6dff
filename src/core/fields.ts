import { cvcLength, isExpiryCurrent } from '../contract/card-rules.ts';
import type { MethodField } from '../contract/checkout.ts';
import { isValidField } from '../contract/field-rules.ts';
import type { ShopperFields } from '../contract/fields.ts';
import type {
  CheckoutMachine,
  FieldErrorKey,
  FieldErrors,
  FieldName,
  FieldValues,
} from './checkout.types.ts';
import type { FieldProblem } from './errors.ts';

// Declared with the machine that holds them (checkout.types.ts imports no module that imports it).
export type { FieldErrorKey, FieldErrors, FieldName, FieldValues } from './checkout.types.ts';

const INVALID_KEY: Partial<Record<FieldName, FieldErrorKey>> = {
  email: 'error_email',
  phone: 'error_phone',
  dateOfBirth: 'error_date',
  cardNumber: 'error_card_number',
  expiry: 'error_expiry',
};

/**
 * Card data the widget never keeps beyond the request that needs it (design §2 "Card forms"): the name
 * on the card is not among them, so a declined card's retry keeps it.
 */
export const CARD_DATA_FIELDS: readonly FieldName[] = ['cardNumber', 'expiry', 'cvc'];

/** The message for an invalid value; the security code's says how many digits the card's brand has. */
function invalidKey(name: FieldName, values: FieldValues): FieldErrorKey {
  if (name === 'cvc') return cvcLength(values.cardNumber ?? '') === 4 ? 'error_cvc_amex' : 'error_cvc';
  return INVALID_KEY[name] ?? 'error_invalid';
}

/**
 * Rules beyond a field's own format that need the date or another field: a birth date in the past, an
 * expiry month not over (design §2 "Card forms"), a security code as long as the card's brand wants.
 */
function fitsTheRest(name: FieldName, value: string, values: FieldValues, today: Date): boolean {
  if (name === 'dateOfBirth') return value < today.toISOString().slice(0, 10);
  if (name === 'expiry') return isExpiryCurrent(value, today);
  if (name === 'cvc' && values.cardNumber) return value.length === cvcLength(values.cardNumber);
  return true;
}

/** The values a method sends: trimmed, only its own fields, empty optional ones left out. */
export function collectFields(fields: readonly MethodField[], values: FieldValues): ShopperFields {
  const collected: ShopperFields = {};
  for (const { name } of fields) {
    const value = values[name]?.trim();
    if (value) collected[name] = value;
  }
  return collected;
}

/** Validates with the contract's own field rules (the server's), plus required fields and a past birth date. */
export function validateFields(
  fields: readonly MethodField[],
  values: FieldValues,
  today = new Date(),
): FieldErrors {
  const collected = collectFields(fields, values);
  const errors: FieldErrors = {};
  for (const { name, required } of fields) {
    const value = collected[name];
    if (value === undefined) {
      if (required) errors[name] = 'error_required';
    } else if (!isValidField(name, value) || !fitsTheRest(name, value, values, today)) {
      errors[name] = invalidKey(name, values);
    }
  }
  return errors;
}

/** Maps the server's 400 `fields` (`fields.email`, `email`, `userDetails.phone`) onto the form's inputs. */
export function serverFieldErrors(
  problems: readonly FieldProblem[],
  fields: readonly MethodField[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const last = problem.path.split('.').pop() ?? '';
    const field = fields.find(({ name }) => name === last);
    if (field) errors[field.name] = invalidKey(field.name, {});
  }
  return errors;
}

/** Records what the shopper typed into a field and clears that field's error. */
export function setFieldValue(m: CheckoutMachine, name: FieldName, value: string): void {
  m.values.value = { ...m.values.value, [name]: value };
  if (m.fieldErrors.value[name]) {
    const { [name]: _cleared, ...rest } = m.fieldErrors.value;
    m.fieldErrors.value = rest;
  }
}

/**
 * Checks one field when the shopper leaves it (a card form's blur; design §2 "Card forms": on blur and
 * on submit, never on the first keystroke). An empty field is left alone until submit.
 */
export function checkField(m: CheckoutMachine, name: FieldName, today = new Date()): void {
  if (!m.values.value[name]?.trim()) return;
  const { [name]: _old, ...rest } = m.fieldErrors.value;
  const errors = validateFields([{ name, required: false }], m.values.value, today);
  const error = errors[name];
  if (error) m.fieldErrors.value = { ...rest, [name]: error };
  else if (_old) m.fieldErrors.value = rest;
}

/** Drops card data from what the shopper typed (after the request that needed it, a method change, destroy). */
export function forgetCardData(m: CheckoutMachine): void {
  const values = m.values.value;
  if (!CARD_DATA_FIELDS.some((name) => values[name] !== undefined)) return;
  const kept: FieldValues = { ...values };
  for (const name of CARD_DATA_FIELDS) delete kept[name];
  m.values.value = kept;
}

/** Prefills the form from the order's customer (design §2: prefilled, editable), keeping what was typed. */
export function prefillFields(m: CheckoutMachine): void {
  const customer: FieldValues = {};
  for (const [name, value] of Object.entries(m.checkout.value?.order.customer ?? {})) {
    if (typeof value === 'string') customer[name as FieldName] = value;
  }
  m.values.value = { ...customer, ...m.values.value };
}
