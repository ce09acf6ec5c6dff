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
};

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
  const todayIso = today.toISOString().slice(0, 10);
  for (const { name, required } of fields) {
    const value = collected[name];
    if (value === undefined) {
      if (required) errors[name] = 'error_required';
    } else if (!isValidField(name, value) || (name === 'dateOfBirth' && value >= todayIso)) {
      errors[name] = INVALID_KEY[name] ?? 'error_invalid';
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
    if (field) errors[field.name] = INVALID_KEY[field.name] ?? 'error_invalid';
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

/** Prefills the form from the order's customer (design §2: prefilled, editable), keeping what was typed. */
export function prefillFields(m: CheckoutMachine): void {
  const customer: FieldValues = {};
  for (const [name, value] of Object.entries(m.checkout.value?.order.customer ?? {})) {
    if (typeof value === 'string') customer[name as FieldName] = value;
  }
  m.values.value = { ...customer, ...m.values.value };
}
