/**
 * Odeon amounts are JSON numbers in major units (seed "Payment": `"amount": 40.11`). Kassa money is
 * integer minor units (design §3 Rules), so the number's TEXT is built from the integer and the
 * currency's ISO 4217 exponent with string arithmetic only, and written verbatim into the body
 * (`json.ts`); answers are read back the same way. No floating-point arithmetic touches money.
 */
import { currencyExponent, formatAmount, isCurrency } from '../../../src/contract/money.ts';
import { JsonNumberText } from './json.ts';

/**
 * The most significant digits an Odeon amount may have. Odeon (and any JSON reader on the way) may
 * read the number as an IEEE double, which keeps every decimal of up to 15 significant digits exactly;
 * beyond that a written amount could arrive as another value, so such amounts are refused.
 */
export const MAX_AMOUNT_DIGITS = 15;

/** The exponent of an ISO 4217 currency, or the explicit one a non-ISO currency (USDT) must bring. */
function exponentOf(currency: string, exponent: number | undefined): number {
  if (exponent !== undefined) {
    if (!Number.isInteger(exponent) || exponent < 0 || exponent > 8) {
      throw new RangeError(`invalid exponent ${exponent}`);
    }
    return exponent;
  }
  // Design §3 "Odeon APMs": a currency outside ISO 4217 needs an explicit exponent, never a guess.
  if (!isCurrency(currency))
    throw new RangeError(`${currency} is not an ISO 4217 currency; give its exponent`);
  return currencyExponent(currency);
}

/** Minor units as Odeon's decimal text with all the exponent's digits ("10.50", "1.234", "60000"). */
export function formatOdeonAmount(minor: number, currency: string, exponent?: number): string {
  const places = exponentOf(currency, exponent);
  if (!Number.isSafeInteger(minor) || minor <= 0) {
    throw new RangeError('an Odeon amount must be a positive whole number of minor units');
  }
  if (String(minor).length > MAX_AMOUNT_DIGITS) {
    throw new RangeError(`an Odeon amount has at most ${MAX_AMOUNT_DIGITS} digits`);
  }
  if (exponent === undefined) return formatAmount(minor, currency);
  const digits = String(minor).padStart(places + 1, '0');
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** Minor units as a JSON number that `stringifyJson` writes digit for digit (e.g. EUR 1050 → `10.50`). */
export function odeonAmount(minor: number, currency: string, exponent?: number): JsonNumberText {
  return new JsonNumberText(formatOdeonAmount(minor, currency, exponent));
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Reads an Odeon amount (a JSON number as parsed, or a decimal string from a form-encoded
 * notification) back to minor units, or returns why it cannot be read exactly.
 *
 * A parsed number is turned back into its decimal text with `String()`, the shortest text that reads
 * back as the same double; for a literal of at most 15 significant digits that is the literal itself
 * without trailing zeros (`2873.00` → "2873"), so the conversion is exact. More digits are refused.
 */
export function parseOdeonAmount(
  value: number | string,
  currency: string,
  exponent?: number,
): number | string {
  const places = exponentOf(currency, exponent);
  if (typeof value === 'number' && !Number.isFinite(value)) return 'is not a finite number';
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match)
    return `must be a non-negative decimal amount, got ${typeof value === 'number' ? text : 'text'}`;
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > places) return `${currency} allows at most ${places} decimal places`;
  const digits = (whole + fraction.padEnd(places, '0')).replace(/^0+(?=\d)/, '');
  const significant = digits.replace(/^0+/, '').replace(/0+$/, '').length;
  if (typeof value === 'number' && significant > MAX_AMOUNT_DIGITS) return 'has too many digits to be exact';
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return 'is too large';
  return minor;
}
