/**
 * Amounts as the emulator keeps and writes them: integer minor units. An ISO 4217 currency uses its
 * exponent (KRW 0, INR 2, …); a currency outside ISO 4217 (an APM's USDT or BTC) comes with amounts in
 * its own precision, so the emulator is lenient but exact there: it keeps them in units of 10^-8
 * (NON_ISO_EXPONENT), reads any amount of up to 8 decimals without rounding, and writes the value back
 * without trailing zeros (`0.00045` stays `0.00045`, `12.5` stays `12.5`). No floating point touches
 * money (amounts.ts reads a number from its text).
 */
import { currencyExponent, isCurrency } from '../../../src/contract/money.ts';
import { parseOdeonAmount } from '../../providers/odeon/amounts.ts';
import { JsonNumberText } from '../../providers/odeon/json.ts';

/** The decimals the emulator keeps of a currency outside ISO 4217. */
export const NON_ISO_EXPONENT = 8;

/** A currency code as APM requests may send it: ISO 4217 or another upper-case code (USDT, BTC). */
export const isApmCurrency = (code: string) => /^[A-Z][A-Z0-9]{2,9}$/.test(code);

/** How many minor-unit digits the emulator keeps of `currency`. */
export const exponentOf = (currency: string) =>
  isCurrency(currency) ? currencyExponent(currency) : NON_ISO_EXPONENT;

/** An amount of a request read exactly into minor units, or why it cannot be. */
export function readAmount(value: number | string, currency: string): number | string {
  return parseOdeonAmount(value, currency, isCurrency(currency) ? undefined : NON_ISO_EXPONENT);
}

/** Minor units (any sign) as decimal text: all the exponent's digits for ISO 4217, no trailing zeros else. */
export function amountText(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError('minor units must be a safe integer');
  const places = exponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(places + 1, '0');
  let text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  if (!isCurrency(currency) && places > 0) text = text.replace(/\.?0+$/, '');
  return sign + text;
}

/** Minor units as a JSON number written digit for digit (`stringifyJson`). */
export const jsonAmount = (minor: number, currency: string) =>
  new JsonNumberText(amountText(minor, currency));
