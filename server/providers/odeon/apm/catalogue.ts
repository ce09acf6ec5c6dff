/**
 * OdeonPay's alternative payment methods (seed "Alternative Payment Methods"; design §3 "Odeon APMs"):
 * type id, name, country, whether the type takes `/payments/link` and/or `/payments/apm/payout`.
 */

/** One APM type of the seed's table. */
export interface ApmType {
  typeId: number;
  name: string;
  /** What shoppers read (the name, told apart by type id where two rows share it). */
  label: string;
  /** ISO 3166 alpha-2, or null for rows with no single country (Worldwide, the test types). */
  country: string | null;
  /** The country's ISO 4217 currency (design §3 assumption), or null for any. */
  currency: string | null;
  link: boolean;
  payout: boolean;
  icon: 'bank' | 'wallet' | 'qr' | 'cash' | 'prepaid' | 'card';
  /** Offered in sandbox mode only (the seed's test types 1 and 2). */
  sandboxOnly?: boolean;
}

// Placeholder rows: the full table lands with branch h-apm
export const APM_CATALOGUE: readonly ApmType[] = [
  {
    typeId: 1,
    name: 'APM Test Payment',
    label: 'APM Test Payment',
    country: null,
    currency: null,
    link: true,
    payout: false,
    icon: 'bank',
    sandboxOnly: true,
  },
  {
    typeId: 2,
    name: 'APM Test Payout',
    label: 'APM Test Payout',
    country: null,
    currency: null,
    link: false,
    payout: true,
    icon: 'bank',
    sandboxOnly: true,
  },
  {
    typeId: 1000,
    name: 'Banco Itau',
    label: 'Banco Itau',
    country: 'BR',
    currency: 'BRL',
    link: true,
    payout: false,
    icon: 'bank',
  },
  {
    typeId: 2000,
    name: 'UPI',
    label: 'UPI',
    country: 'IN',
    currency: 'INR',
    link: true,
    payout: false,
    icon: 'qr',
  },
  {
    typeId: 3020,
    name: 'UPI Payouts',
    label: 'UPI Payouts',
    country: 'IN',
    currency: 'INR',
    link: false,
    payout: true,
    icon: 'qr',
  },
  {
    typeId: 3021,
    name: 'Bank Transfer Payouts',
    label: 'Bank Transfer Payouts',
    country: 'IN',
    currency: 'INR',
    link: false,
    payout: true,
    icon: 'bank',
  },
  {
    typeId: 50033,
    name: 'Virtual Banking',
    label: 'Virtual Banking',
    country: 'KR',
    currency: 'KRW',
    link: true,
    payout: true,
    icon: 'bank',
  },
  {
    typeId: 56500,
    name: 'EasyPaisa',
    label: 'EasyPaisa',
    country: 'PK',
    currency: 'PKR',
    link: true,
    payout: true,
    icon: 'wallet',
  },
  {
    typeId: 56501,
    name: 'JazzCash',
    label: 'JazzCash',
    country: 'PK',
    currency: 'PKR',
    link: true,
    payout: true,
    icon: 'wallet',
  },
];

const BY_ID = new Map(APM_CATALOGUE.map((type) => [type.typeId, type]));

/** The APM type with that id, or undefined. */
export function apmType(typeId: number): ApmType | undefined {
  return BY_ID.get(typeId);
}
