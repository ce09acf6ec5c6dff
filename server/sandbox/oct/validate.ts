/**
 * The seed's request schema of `/api/transactions/authorize` (`OctTransactionRequestDto`) as the
 * emulator checks it, each problem in the seed's 422 shape (`{message, params, property}`, e.g.
 * `The size of "reference" must be less than or equal to 40. The given size is 100`). Messages never
 * quote a value (the card number is never in one anyway: it is encrypted).
 */
import { isIP } from 'node:net';

/** One entry of the seed's 422 `errors[]`. */
export interface SeedError {
  message: string;
  params: string[];
  property: string;
}

/** E.164: `+`, a non-zero digit, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;
/** The sandbox datum for field errors (design §4): refused on `customer.phone`. */
export const REFUSED_PHONE = '+10000000000';

const CUSTOMER_KEYS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'address',
  'city',
  'country',
  'postal_code',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a request body; answers its problems (none: valid). */
export function validateAuthorize(body: unknown, terminalId: string): SeedError[] {
  const errors: SeedError[] = [];
  const required = (property: string) =>
    errors.push({ message: `"${property}" is required`, params: [property], property });
  const mustBe = (property: string, what: string) =>
    errors.push({ message: `"${property}" must be ${what}`, params: [property, what], property });
  const size = (property: string, value: string, min: number, max: number) => {
    if (value.length > max)
      errors.push({
        message: `The size of "${property}" must be less than or equal to ${max}. The given size is ${value.length}`,
        params: [property, String(max), String(value.length)],
        property,
      });
    else if (value.length < min)
      errors.push({
        message: `The size of "${property}" must be greater than or equal to ${min}. The given size is ${value.length}`,
        params: [property, String(min), String(value.length)],
        property,
      });
  };
  const string = (obj: Record<string, unknown>, key: string, property: string, need: boolean) => {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (need) required(property);
      return undefined;
    }
    if (typeof value !== 'string') {
      mustBe(property, 'a string');
      return undefined;
    }
    return value;
  };

  if (!isObject(body)) {
    mustBe('body', 'a JSON object');
    return errors;
  }
  const reference = string(body, 'reference', 'reference', true);
  if (reference !== undefined) size('reference', reference, 1, 40);
  const terminal = string(body, 'terminal_id', 'terminal_id', true);
  if (terminal !== undefined) {
    const before = errors.length;
    size('terminal_id', terminal, 5, 20);
    if (errors.length === before && terminal !== terminalId)
      errors.push({
        message: `The terminal "terminal_id" is not configured to support OCT transactions`,
        params: ['terminal_id'],
        property: 'terminal_id',
      });
  }
  string(body, 'description', 'description', true);
  const currency = string(body, 'currency', 'currency', true);
  if (currency !== undefined) {
    size('currency', currency, 3, 3);
    if (currency.length === 3 && !/^[A-Z]{3}$/.test(currency)) mustBe('currency', 'an ISO 4217 code');
  }
  if (body.amount === undefined || body.amount === null) required('amount');
  else if (typeof body.amount !== 'number' || !Number.isSafeInteger(body.amount))
    mustBe('amount', 'an integer');
  else if (body.amount <= 0) mustBe('amount', 'greater than 0');
  if (body.transaction_type === undefined) required('transaction_type');
  else if (body.transaction_type !== 'OCT') mustBe('transaction_type', 'OCT');

  const method = body.payment_method;
  if (method === undefined || method === null) required('payment_method');
  else if (!isObject(method)) mustBe('payment_method', 'an object');
  else {
    if (method.type === undefined) required('payment_method.type');
    else if (method.type !== 'card') mustBe('payment_method.type', 'card');
    if (method.data === undefined || method.data === null) required('payment_method.data');
    else if (!isObject(method.data)) mustBe('payment_method.data', 'an object');
    else string(method.data, 'encrypted_card_number', 'payment_method.data.encrypted_card_number', true);
  }

  const customer = body.customer;
  if (customer === undefined || customer === null) required('customer');
  else if (!isObject(customer)) mustBe('customer', 'an object');
  else {
    for (const key of CUSTOMER_KEYS) string(customer, key, `customer.${key}`, false);
    if (customer.id !== undefined && customer.id !== null && typeof customer.id !== 'string')
      mustBe('customer.id', 'a string or null');
    const { phone, email, country } = customer;
    if (typeof phone === 'string') {
      if (!E164.test(phone)) mustBe('customer.phone', 'a phone number in E.164 format');
      else if (phone === REFUSED_PHONE)
        errors.push({
          message: 'The phone number of "customer.phone" is not accepted for card payouts',
          params: ['customer.phone'],
          property: 'customer.phone',
        });
    }
    if (typeof email === 'string' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      mustBe('customer.email', 'an email address');
    if (typeof country === 'string' && !/^[A-Z]{2}$/.test(country))
      mustBe('customer.country', 'an ISO 3166-1 alpha-2 code');
  }
  if (body.metadata !== undefined && body.metadata !== null && !isObject(body.metadata))
    mustBe('metadata', 'an object');
  const ip = body.customer_ip;
  if (ip !== undefined && ip !== null && ip !== '') {
    if (typeof ip !== 'string' || isIP(ip) === 0) mustBe('customer_ip', 'an IPv4 or IPv6 address');
  }
  return errors;
}
