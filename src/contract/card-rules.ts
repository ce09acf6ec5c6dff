/**
 * Card-number rules shared by the widget's card form and the server (design §2 "Card forms"): brand
 * from the first digits, grouping as typed (4-4-4-4; Amex 4-6-5), Luhn, expiry and CVC length. Plain
 * functions without zod, so the card form validates exactly as the server does.
 */

/** Brands the card form recognises; `unknown` is still accepted when its number passes Luhn. */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'mir' | 'maestro' | 'discover' | 'unknown';

/** Shown beside the number once the brand is known. */
export const CARD_BRAND_LABEL: Readonly<Record<CardBrand, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  mir: 'Mir',
  maestro: 'Maestro',
  discover: 'Discover',
  unknown: '',
};

/** The brand of a (partial) card number, from its first digits (issuer identification number ranges). */
export function cardBrand(digits: string): CardBrand {
  const first2 = Number(digits.slice(0, 2));
  const first4 = Number(digits.slice(0, 4));
  if (/^3[47]/.test(digits)) return 'amex';
  if (first4 >= 2200 && first4 <= 2204) return 'mir';
  if ((first2 >= 51 && first2 <= 55) || (first4 >= 2221 && first4 <= 2720)) return 'mastercard';
  if (/^4/.test(digits)) return 'visa';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  if (/^(5[06-9]|6[37])/.test(digits)) return 'maestro';
  return 'unknown';
}

/** The digits of what the shopper typed (spaces and dashes dropped). */
export function cardDigits(typed: string): string {
  return typed.replace(/\D/g, '');
}

/** The number grouped as shown while typing: 4-4-4-4 (and on), Amex 4-6-5. */
export function groupCardNumber(digits: string): string {
  const groups =
    cardBrand(digits) === 'amex'
      ? [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10, 15)]
      : (digits.match(/.{1,4}/g) ?? []);
  return groups.filter(Boolean).join(' ');
}

/** The longest number a brand issues (Amex 15, others up to 19). */
export function cardMaxLength(digits: string): number {
  return cardBrand(digits) === 'amex' ? 15 : 19;
}

/** True when the digits pass the Luhn check and have a card number's length (12–19). */
export function isCardNumber(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The security code's length: 4 for Amex, else 3. */
export function cvcLength(digits: string): number {
  return cardBrand(digits) === 'amex' ? 4 : 3;
}

/** `MM/YY` as month and four-digit year, or null when it is not a month. */
export function parseExpiry(value: string): { month: number; year: number } | null {
  const match = /^(0[1-9]|1[0-2])\/(\d{2})$/.exec(value);
  if (!match) return null;
  return { month: Number(match[1]), year: 2000 + Number(match[2]) };
}

/** True when `MM/YY` is a month that has not ended yet at `now` (the card is valid through its month). */
export function isExpiryCurrent(value: string, now: Date): boolean {
  const expiry = parseExpiry(value);
  if (!expiry) return false;
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  // Up to 20 years ahead: anything further is a typing mistake.
  const given = expiry.year * 12 + (expiry.month - 1);
  return given >= current && given <= current + 20 * 12;
}

/**
 * What the shopper typed in the expiry field, formatted as `MM/YY` while typing. A whole date with a
 * separator (autofill's `12/2027`, `1/27`) keeps its month and the year's last two digits.
 */
export function formatExpiry(typed: string): string {
  const whole = /^\s*(\d{1,2})\s*[/.\- ]\s*(\d{4}|\d{2})\s*$/.exec(typed);
  const source = whole ? `${(whole[1] as string).padStart(2, '0')}${(whole[2] as string).slice(-2)}` : typed;
  let digits = source.replace(/\D/g, '').slice(0, 4);
  // "4" → "04/": a first digit above 1 can only be a one-digit month.
  if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

/** First six, `******`, last four (design §3: the only form a card number is ever shown or kept in). */
export function maskCardNumber(digits: string): string {
  return `${digits.slice(0, 6)}******${digits.slice(-4)}`;
}
