/**
 * Shopper field schemas (design §3 `start` fields), built from the plain rules in field-rules.ts;
 * `schemas.ts` re-exports them for the server.
 */
// First: sets zod's `jitless` flag before the schemas below are constructed (strict CSP).
import './zod.ts';
import * as z from 'zod/mini';
import { isCardNumber, parseExpiry } from './card-rules.ts';
import { EMAIL_PATTERN, FIELD_MAX_LENGTH, IFSC_PATTERN, isIsoDate, PHONE_PATTERN } from './field-rules.ts';

/** A calendar date as `YYYY-MM-DD`. */
export const IsoDate = z.string().check(z.refine(isIsoDate, { message: 'must be a date as YYYY-MM-DD' }));

/** An email address as the providers accept it. */
export const Email = z
  .string()
  .check(z.regex(EMAIL_PATTERN, 'must be an email address'), z.maxLength(FIELD_MAX_LENGTH.email));

/** A person's first or last name. */
export const Name = z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.firstName));

/** Shopper fields sent with `POST /api/checkout/start` (design §3). */
export const ShopperFields = z.strictObject({
  firstName: z.optional(Name),
  lastName: z.optional(Name),
  email: z.optional(Email),
  phone: z.optional(z.string().check(z.regex(PHONE_PATTERN, 'must be a phone number'))),
  dateOfBirth: z.optional(IsoDate),
  identification: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.identification))),
  account: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.account))),
  address: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.address))),
  city: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.city))),
  postalCode: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.postalCode))),
  // Card fields (design §2 "Card forms"): checked without ever echoing the value in a message.
  cardNumber: z.optional(
    z
      .string()
      .check(z.refine(isCardNumber, 'must be a card number (12 to 19 digits passing the Luhn check)')),
  ),
  expiry: z.optional(z.string().check(z.refine((v) => parseExpiry(v) !== null, 'must be a month as MM/YY'))),
  cvc: z.optional(z.string().check(z.regex(/^\d{3,4}$/, 'must be 3 or 4 digits'))),
  cardholderName: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.cardholderName))),
  // Odeon APM fields (design §3 `start`): what each payment type's request example carries.
  personId: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.personId))),
  documentId: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.documentId))),
  bankAccountNumber: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9 -]{4,34}$/, 'must be a bank account number')),
  ),
  ifsc: z.optional(z.string().check(z.regex(IFSC_PATTERN, 'must be an IFSC such as SBIN0001234'))),
  bankName: z.optional(z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.bankName))),
  bankAccountHolder: z.optional(
    z.string().check(z.minLength(1), z.maxLength(FIELD_MAX_LENGTH.bankAccountHolder)),
  ),
  // OCT (design §3 `start`): the card number RSA-encrypted in the browser, and its masked form.
  encryptedCardNumber: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9+/]{100,1400}={0,2}$/, 'must be the base64 of an RSA ciphertext')),
  ),
  maskedCardNumber: z.optional(
    z.string().check(z.regex(/^\d{6}\*{6}\d{4}$/, 'must be first six, ******, last four')),
  ),
});
export type ShopperFields = z.infer<typeof ShopperFields>;
export type ShopperFieldName = keyof ShopperFields;
