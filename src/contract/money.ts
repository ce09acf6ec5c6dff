import { displayDecimal } from './display.ts';

/**
 * Money in Kassa is integer minor units plus the currency's ISO 4217 exponent; never floats.
 * Decimal strings are parsed and formatted with string and integer arithmetic only.
 */

/** ISO 4217 minor-unit exponents that differ from 2 (every other listed currency uses 2). */
// biome-ignore format: a table grouped by exponent reads better than one key per line
const EXPONENT_OVERRIDES: Record<string, number> = {
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  CLF: 4, UYW: 4,
};

/** ISO 4217 alpha-3 codes Kassa accepts (active currencies). */
// Marked pure so bundles that only format amounts (the widget) drop this list.
export const CURRENCIES: readonly string[] = /* @__PURE__ */ (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD ' +
  'CDF CHF CLF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF ' +
  'GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP ' +
  'LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB ' +
  'PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL ' +
  'THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYI UYU UYW UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG'
).split(' ');

let currencySet: Set<string> | undefined;

/** True for an ISO 4217 alpha-3 code Kassa knows. */
export function isCurrency(code: string): boolean {
  currencySet ??= new Set(CURRENCIES);
  return currencySet.has(code);
}

/** The ISO 4217 exponent (number of minor-unit digits) of a currency. */
export function currencyExponent(currency: string): number {
  return EXPONENT_OVERRIDES[currency] ?? 2;
}

/** Integer minor units of a currency. */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

const DECIMAL = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * Parses a decimal string ("12.50") into minor units, or returns an error message.
 * At most the currency's exponent of decimals is allowed; the value must be a safe integer of minor units.
 */
export function parseAmount(amount: string, currency: string): Money | string {
  const match = DECIMAL.exec(amount);
  if (!match) return 'must be a decimal string such as "12.50"';
  const exponent = currencyExponent(currency);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return `${currency} allows at most ${exponent} decimal places`;
  const digits = whole + fraction.padEnd(exponent, '0');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return 'is too large';
  return { minor, currency };
}

/** Formats minor units as the normalised decimal string ("12.50", "1.234", "60000"). */
export function formatAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError('minor units must be a safe integer');
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Formats minor units for shoppers with Intl.NumberFormat in the given locale. */
export function displayAmount(minor: number, currency: string, locale: string): string {
  return displayDecimal(formatAmount(minor, currency), currency, locale);
}
