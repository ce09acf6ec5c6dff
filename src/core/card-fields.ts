import { cvcLength, isCardNumber, isExpiryCurrent, parseExpiry } from '../contract/card-rules.ts';
import type { FieldRule } from './fields.ts';

/**
 * The card form's own checks (design §2 "Card forms"): Luhn and length for the number, a month not
 * over for the expiry, as many digits as the card's brand wants for the code (4 Amex, else 3). Shared
 * by the card methods' chunks (only they import it), so the common flow chunk carries no card rules.
 */
export const validateCard: FieldRule = (name, value, values, today) => {
  if (name === 'cardNumber') return isCardNumber(value) ? null : 'error_card_number';
  if (name === 'expiry') return parseExpiry(value) && isExpiryCurrent(value, today) ? null : 'error_expiry';
  if (name === 'cvc') {
    const wanted = cvcLength(values.cardNumber ?? '');
    return /^\d+$/.test(value) && value.length === wanted
      ? null
      : wanted === 4
        ? 'error_cvc_amex'
        : 'error_cvc';
  }
  return undefined;
};
