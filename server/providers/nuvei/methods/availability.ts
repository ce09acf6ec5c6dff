/**
 * Where each method is offered, kept as data (design §3 "Provider specifics").
 * Amounts are minor units; a row without `amounts` accepts any amount.
 */

export interface OktoRule {
  country: string;
  currency: string;
  format: 'qr' | 'gs1-128';
  alternateFormat?: 'qr' | 'gs1-128';
  /** Permitted amounts (minor units); OKTO is not offered for others. */
  amounts?: readonly number[];
  /** RO and DE need date of birth, phone and ID number too (seed "Payment (Deposit) Flow"; Nuvei's newer guide for DE). */
  extraFields: boolean;
}

const euros = (...values: number[]) => values.map((value) => value * 100);

/** OKTO Cash: CY, GR (QR with a barcode toggle), IT, RO, DE (barcode only). */
export const OKTO_RULES: readonly OktoRule[] = [
  { country: 'GR', currency: 'EUR', format: 'qr', alternateFormat: 'gs1-128', extraFields: false },
  { country: 'CY', currency: 'EUR', format: 'qr', alternateFormat: 'gs1-128', extraFields: false },
  {
    country: 'IT',
    currency: 'EUR',
    format: 'gs1-128',
    amounts: euros(10, 25, 50, 100, 150),
    extraFields: false,
  },
  {
    country: 'RO',
    currency: 'RON',
    format: 'gs1-128',
    amounts: euros(20, 50, 100, 150, 250, 500, 1000, 1500, 2500, 3000, 4500),
    extraFields: true,
  },
  {
    country: 'DE',
    currency: 'EUR',
    format: 'gs1-128',
    amounts: euros(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 150),
    extraFields: true,
  },
];

/** The OKTO rule for an order, or undefined when OKTO is not offered for it. */
export function oktoRuleFor(country: string, currency: string, amountMinor: number): OktoRule | undefined {
  const rule = OKTO_RULES.find((r) => r.country === country && r.currency === currency);
  if (!rule) return undefined;
  if (rule.amounts && !rule.amounts.includes(amountMinor)) return undefined;
  return rule;
}

/** paysafecard countries (seed nuvei-paysafecard.txt, "Supported Countries") as ISO 3166-1 alpha-2. */
export const PAYSAFECARD_COUNTRIES: ReadonlySet<string> = new Set(
  'AU AT BE BG CA HR CY CZ DK EE FI FR GE DE GI GR HU IE IT KW LV LI LT LU MT MX NL NO PE PL PT RO SA SK SI ES SE CH GB UY'.split(
    ' ',
  ),
);

/** paysafecard currencies (seed, "Supported Currencies"). */
export const PAYSAFECARD_CURRENCIES: ReadonlySet<string> = new Set(
  'AED ARS AUD BGN BRL CAD CHF CZK DKK EGP EUR GBP GEL HRK HUF ISK KWD MXN NOK NZD PEN PLN RON RSD SAR SEK TRY USD UYU'.split(
    ' ',
  ),
);

/** Whether paysafecard is offered for a country and currency. */
export function paysafecardOffered(country: string, currency: string): boolean {
  return PAYSAFECARD_COUNTRIES.has(country) && PAYSAFECARD_CURRENCIES.has(currency);
}
