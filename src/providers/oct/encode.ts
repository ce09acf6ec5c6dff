import type { CheckoutMethod } from '../../contract/checkout.ts';
import type { ShopperFields } from '../../contract/fields.ts';
import { validateCard } from '../../core/card-fields.ts';
import type { CheckoutMachine } from '../../core/checkout.types.ts';
import { KassaError } from '../../core/errors.ts';
import { type FieldRule, forgetCardData } from '../../core/fields.ts';
import { encryptToBase64 } from './rsa-pkcs1.ts';

/** A phone number in E.164 (seed oct-payout-authorize.txt, `CustomerDto.phone`): `+`, country code, number. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** A phone number as typed, without the spaces, dashes, dots and brackets people write into them. */
export const compactPhone = (phone: string): string => phone.replace(/[\s().-]/g, '');

/** The card number as OCT's `start` shows it (design §3 `start`): first six, `******`, last four. */
export const maskCardNumber = (digits: string): string => `${digits.slice(0, 6)}******${digits.slice(-4)}`;

/** `oct-card`'s own checks: the card form's (Luhn, on blur and submit) and a phone in E.164. */
export const validateOct: FieldRule = (name, value, values, today) => {
  if (name === 'phone') return E164.test(compactPhone(value)) ? null : 'error_phone_e164';
  return validateCard(name, value, values, today);
};

/**
 * `oct-card`'s fields as `start` takes them (design §3 `start`, "OCT"): the card number encrypted with
 * the merchant's public key from `GET /api/checkout` (`providers.oct.publicKey`) as `openssl rsautl
 * -encrypt` does, and its masked form, in place of the number; the phone in E.164. The plain number
 * leaves `fields` and the machine's values here, whether or not the encryption works. A missing or weak
 * key (under 2048 bits) is a `CONFIGURATION` error: the shopper is told the checkout is not set up.
 */
export async function encodeOctFields(
  m: CheckoutMachine,
  _method: CheckoutMethod,
  fields: ShopperFields,
): Promise<ShopperFields> {
  const { cardNumber, ...rest } = fields;
  delete fields.cardNumber;
  try {
    const publicKey = m.checkout.value?.providers.oct?.publicKey;
    const encryptedCardNumber =
      publicKey && cardNumber
        ? await encryptToBase64(publicKey, cardNumber).catch(() => undefined)
        : undefined;
    if (!encryptedCardNumber || !cardNumber)
      throw new KassaError(
        'CONFIGURATION',
        'Card payouts are not set up correctly: no usable encryption key.',
      );
    if (rest.phone) rest.phone = compactPhone(rest.phone);
    return { encryptedCardNumber, maskedCardNumber: maskCardNumber(cardNumber), ...rest };
  } finally {
    forgetCardData(m);
  }
}
