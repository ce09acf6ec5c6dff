/**
 * The rules behind the shopper-field schemas, as plain data and functions without zod, so the widget
 * can validate its form with exactly the rules the server applies (fields.ts builds the zod schemas
 * from these) without bundling zod's string checks.
 */

/** Shopper field names (design §3 `start` fields). */
export type ShopperFieldKey =
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'dateOfBirth'
  | 'identification'
  | 'account'
  | 'address'
  | 'city'
  | 'postalCode'
  | 'cardholderName'
  | 'cardNumber'
  | 'expiry'
  | 'cvc'
  | 'personId'
  | 'documentId'
  | 'bankAccountNumber'
  | 'ifsc'
  | 'bankName'
  | 'bankAccountHolder';

/** An email address as the providers accept it. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A phone number: digits, spaces, brackets and dashes, optionally with a leading `+`. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{5,20}$/;

/** Maximum lengths of each shopper field. */
export const FIELD_MAX_LENGTH: Readonly<Record<ShopperFieldKey, number>> = {
  firstName: 100,
  lastName: 100,
  email: 254,
  phone: 20,
  dateOfBirth: 10,
  identification: 40,
  account: 64,
  address: 200,
  city: 100,
  postalCode: 20,
  cardholderName: 100,
  cardNumber: 19,
  expiry: 5,
  cvc: 4,
  personId: 100,
  documentId: 40,
  bankAccountNumber: 34,
  ifsc: 11,
  bankName: 100,
  bankAccountHolder: 100,
};

/** An Indian bank branch code (IFSC): four letters, a zero, six letters or digits. */
export const IFSC_PATTERN = /^[A-Z]{4}0[A-Z0-9]{6}$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** True when a (trimmed, non-empty) value satisfies its field's rule; the zod schemas agree with this. */
export function isValidField(name: ShopperFieldKey, value: string): boolean {
  if (value.length === 0 || value.length > FIELD_MAX_LENGTH[name]) return false;
  if (name === 'email') return EMAIL_PATTERN.test(value);
  if (name === 'phone') return PHONE_PATTERN.test(value);
  if (name === 'dateOfBirth') return isIsoDate(value);
  if (name === 'ifsc') return IFSC_PATTERN.test(value);
  return true;
}
