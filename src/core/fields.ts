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
  cvc: 'error_cvc',
};

/**
 * Card data the widget never keeps beyond the request that needs it (design §2 "Card forms"): the name
 * on the card is not among them, so a declined card's retry keeps it.
 */
export const CARD_DATA_FIELDS: readonly FieldName[] = ['cardNumber', 'expiry', 'cvc'];

const invalidKey = (name: FieldName): FieldErrorKey => INVALID_KEY[name] ?? 'error_invalid';

/**
 * A method's own check of one of its fields (`MethodDefinition.validate`, e.g. a card form's Luhn,
 * expiry and code length, kept in that method's chunk): the error's key, `null` when the value is
 * fine, `undefined` to leave the field to the contract's rules.
 */
export type FieldRule = (
  name: FieldName,
  value: string,
  values: FieldValues,
  today: Date,
) => FieldErrorKey | null | undefined;

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
  rule?: FieldRule,
): FieldErrors {
  const collected = collectFields(fields, values);
  const errors: FieldErrors = {};
  for (const { name, required, pattern } of fields) {
    const value = collected[name];
    const own = value === undefined ? undefined : rule?.(name, value, values, today);
    if (value === undefined) {
      if (required) errors[name] = 'error_required';
    } else if (own !== undefined) {
      if (own) errors[name] = own;
    } else if (
      !isValidField(name, value) ||
      (pattern !== undefined && !new RegExp(pattern).test(value)) ||
      (name === 'dateOfBirth' && value >= today.toISOString().slice(0, 10))
    ) {
      errors[name] = invalidKey(name);
    }
  }
  return errors;
}

/** Sent fields that stand for an input (OCT's encrypted card number and its masked form: "Card number"). */
const SENT_FOR: Record<string, FieldName> = {
  encryptedCardNumber: 'cardNumber',
  maskedCardNumber: 'cardNumber',
};

/** Maps the server's 400 `fields` (`fields.email`, `email`, `userDetails.phone`) onto the form's inputs. */
export function serverFieldErrors(
  problems: readonly FieldProblem[],
  fields: readonly MethodField[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const sent = problem.path.split('.').pop() ?? '';
    const last = SENT_FOR[sent] ?? sent;
    const field = fields.find(({ name }) => name === last);
    if (field) errors[field.name] = invalidKey(field.name);
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
export function checkField(m: CheckoutMachine, name: FieldName, rule?: FieldRule, today = new Date()): void {
  if (!m.values.value[name]?.trim()) return;
  const { [name]: _old, ...rest } = m.fieldErrors.value;
  const errors = validateFields([{ name, required: false }], m.values.value, today, rule);
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
