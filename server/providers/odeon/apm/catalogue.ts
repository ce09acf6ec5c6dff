/**
 * OdeonPay's alternative payment methods as data (issue 11 item 1; design §3 "Odeon APMs"; seed
 * odeonpay-api.txt "Alternative Payment Methods"): every row of the seed's table — type id, name,
 * country, the "Link" and "APM Payout" marks — transcribed, checked against the seed's table by
 * catalogue.test.ts both ways. What the seed does not give is Kassa's assumption, stated here:
 * - each country's rows pay in that country's ISO 4217 currency (`COUNTRY_CURRENCY`);
 * - rows with no single country (the test types 1 and 2, "Worldwide") have `country` and `currency`
 *   null: any country, any currency; the seed's "EU" rows (SEPA) have `country` null and pay in EUR;
 * - USDT and BTC rows keep their currency as written: not ISO 4217, so never offered (orders take
 *   ISO 4217 currencies only) and no exponent is guessed for them;
 * - two rows with one name are told apart by the type id in `label` ("Bradesco Pague Facil (1005)");
 * - `icon` is the kind of method for the picker's generic icon, judged from the name.
 * Pure data: no server imports, so the sandbox and the widget's lazily loaded chunk may use it.
 */
import type { MethodField } from '../../../../src/contract/checkout.ts';
import { IFSC_PATTERN } from '../../../../src/contract/field-rules.ts';

export interface ApmType {
  typeId: number;
  /** The seed's name, exactly. */
  name: string;
  /** Picker label: the name, or "<name> (<typeId>)" when two rows share a name (design §3). */
  label: string;
  /** ISO 3166-1 alpha-2; null for rows with no single country (Worldwide, EU, test types 1 and 2). */
  country: string | null;
  /** The country's ISO 4217 currency; a non-ISO one (USDT, BTC) as written; null = any currency. */
  currency: string | null;
  /** "Link" mark: payments via /payments/link. */
  link: boolean;
  /** "APM Payout" mark: payouts via /payments/apm/payout. */
  payout: boolean;
  /** The method's kind for the picker's generic icon. */
  icon: 'bank' | 'wallet' | 'qr' | 'cash' | 'prepaid' | 'card';
  /** Types 1 and 2: offered in sandbox mode only. */
  sandboxOnly?: boolean;
}

/** Each country's currency (design §3 "Odeon APMs"). */
export const COUNTRY_CURRENCY: Readonly<Record<string, string>> = {
  BR: 'BRL',
  ID: 'IDR',
  IN: 'INR',
  KR: 'KRW',
  PK: 'PKR',
  RU: 'RUB',
  TH: 'THB',
  VN: 'VND',
};

/** L = "Link", P = "APM Payout", LP = "Link / APM Payout". */
type Marks = 'L' | 'P' | 'LP';
type Row = readonly [typeId: number, name: string, marks: Marks, country: string | null];

/** The seed's table in its order; `null` country: the test types, "Worldwide" and "EU" (see EUR_ROWS). */
const ROWS: readonly Row[] = [
  [1, 'APM Test Payment', 'L', null],
  [2, 'APM Test Payout', 'P', null],
  // Russia
  [201, 'YooMoney (Yandex Money)', 'L', 'RU'],
  [501, 'WebMoney', 'L', 'RU'],
  // Brazil
  [1000, 'Banco Itau', 'L', 'BR'],
  [1001, 'Santander Brasil', 'L', 'BR'],
  [1002, 'Banco do Brasil', 'L', 'BR'],
  [1003, 'Banrisul', 'L', 'BR'],
  [1004, 'Bradesco Pague Facil', 'L', 'BR'],
  [1005, 'Bradesco Pague Facil', 'L', 'BR'],
  [1006, 'Caixa Econômica Federal', 'L', 'BR'],
  [1007, 'Banco Itau Boleto', 'L', 'BR'],
  // India
  [2000, 'UPI', 'L', 'IN'],
  [2001, 'Google Pay', 'L', 'IN'],
  [2002, 'JioMoney', 'L', 'IN'],
  [2003, 'Airtel Money Wallet', 'L', 'IN'],
  [2004, 'Reliance Jio Wallet', 'L', 'IN'],
  [2005, 'Freecharge Wallet', 'L', 'IN'],
  [2006, 'Phonepe Wallet', 'L', 'IN'],
  [2007, 'Amazon Wallet', 'L', 'IN'],
  [2008, 'Ola Money Wallet', 'L', 'IN'],
  [2009, 'Mobikwik Wallet', 'L', 'IN'],
  [2010, 'Bank Of Maharashtra', 'L', 'IN'],
  [2011, 'Central Bank Of India', 'L', 'IN'],
  [2012, 'Hdfc Bank', 'L', 'IN'],
  [2013, 'Canara Bank', 'L', 'IN'],
  [2014, 'Bank Of India', 'L', 'IN'],
  [2015, 'City Union Bank', 'L', 'IN'],
  [2016, 'Federal Bank', 'L', 'IN'],
  [2017, 'Icici Bank', 'L', 'IN'],
  [2018, 'Indian Bank', 'L', 'IN'],
  [2019, 'Indian Overseas Bank', 'L', 'IN'],
  [2020, 'Industrial Development Bank Of India', 'L', 'IN'],
  [2021, 'Indusind Bank', 'L', 'IN'],
  [2022, 'Jammu And Kashmir Bank', 'L', 'IN'],
  [2023, 'Karnataka Bank Ltd', 'L', 'IN'],
  [2024, 'Karur Vysya Bank', 'L', 'IN'],
  [2025, 'State Bank Of India', 'L', 'IN'],
  [2026, 'South Indian Bank', 'L', 'IN'],
  [2027, 'Kotak Bank', 'L', 'IN'],
  [2028, 'Union Bank Of India', 'L', 'IN'],
  [2029, 'Bank Of Baroda Retail Accounts', 'L', 'IN'],
  [2030, 'Yes Bank', 'L', 'IN'],
  [2031, 'Andhra Bank', 'L', 'IN'],
  [2032, 'Uco Bank', 'L', 'IN'],
  [2033, 'Catholic Syrian Bank', 'L', 'IN'],
  [2034, 'Allahabad Bank', 'L', 'IN'],
  [2035, 'Dhanalaxmi Bank Corporate', 'L', 'IN'],
  [2036, 'Laxmi Vilas Bank - Corporate Net Banking', 'L', 'IN'],
  [2037, 'Punjab National Bank', 'L', 'IN'],
  [2038, 'Standard Chartered Bank', 'L', 'IN'],
  [2039, 'Punjab And Sind Bank', 'L', 'IN'],
  [2040, 'Saraswat Cooperative Bank', 'L', 'IN'],
  // Worldwide
  [2041, 'VISA/MC/RuPay', 'L', null],
  // India
  [2042, 'Paytm, IN, Online', 'L', 'IN'],
  [2053, 'IDFC BANK', 'LP', 'IN'],
  [2060, 'India Bank Selection', 'L', 'IN'],
  [2080, 'UPI QR', 'L', 'IN'],
  [2081, 'Axis Bank', 'LP', 'IN'],
  [2082, 'Bandhan Bank', 'LP', 'IN'],
  [2083, 'Bank Of Baroda', 'LP', 'IN'],
  [2084, 'Federal Bank LTD', 'LP', 'IN'],
  [2085, 'IDBI Bank', 'LP', 'IN'],
  [2086, 'India Post Payment Bank', 'LP', 'IN'],
  [2087, 'Jammu and Kashmir Bank Limited', 'LP', 'IN'],
  [2088, 'Karnataka Bank Limited', 'LP', 'IN'],
  [2090, 'Lakshmi Vilas Bank', 'LP', 'IN'],
  [2091, 'PAYTM Payments Bank LTD', 'LP', 'IN'],
  [2092, 'Ujjivan Small Finance Bank', 'LP', 'IN'],
  [3020, 'UPI Payouts', 'P', 'IN'],
  [3021, 'Bank Transfer Payouts', 'P', 'IN'],
  // Vietnam
  [7000, 'Techcombank', 'LP', 'VN'],
  [7001, 'Sacombank', 'LP', 'VN'],
  [7002, 'Vietcombank', 'LP', 'VN'],
  [7003, 'Asia Commercial Bank', 'LP', 'VN'],
  [7004, 'DongA Bank', 'LP', 'VN'],
  [7005, 'Vietinbank', 'LP', 'VN'],
  [7006, 'BIDV Bank', 'LP', 'VN'],
  [7007, 'Eximbank', 'LP', 'VN'],
  [7008, 'Agribank', 'LP', 'VN'],
  [7009, 'USDT Crypto ERC20', 'LP', 'VN'],
  [7010, 'USDT Crypto BEP20', 'LP', 'VN'],
  [7061, 'Asia Commercial Bank (QR service)', 'LP', 'VN'],
  [7062, 'BIDV Bank (QR service)', 'LP', 'VN'],
  [7063, 'Vietcombank (QR service)', 'LP', 'VN'],
  [7064, 'Vietinbank (QR service)', 'LP', 'VN'],
  [7065, 'Momo QR Payment (QR service)', 'LP', 'VN'],
  [7066, 'Zalo QR Payment (QR service)', 'LP', 'VN'],
  [7067, 'Zalo H5 Payment (H5 service)', 'LP', 'VN'],
  [7068, 'Vietnam Prosperity Joint-Stock Commercial Bank (QR Service)', 'LP', 'VN'],
  [7069, 'Military Commercial Bank (QR Service)', 'LP', 'VN'],
  [7070, 'Techcombank (QR Service)', 'LP', 'VN'],
  [22011, 'Vietnam QR', 'L', 'VN'],
  // Thailand
  [7011, 'Krung Thai Bank', 'LP', 'TH'],
  [7012, 'Siam Commercial Bank', 'LP', 'TH'],
  [7013, 'Bangkok bank', 'LP', 'TH'],
  [7014, 'Kasikorn Bank', 'LP', 'TH'],
  [7015, 'Thai Military Bank', 'LP', 'TH'],
  [7016, 'Krungsri bank', 'LP', 'TH'],
  [7017, 'CIMB Thai Bank Public Company Limited', 'LP', 'TH'],
  [7018, 'Government Savings Bank', 'LP', 'TH'],
  [7019, 'United Overseas Bank (Thai) PCL.', 'LP', 'TH'],
  [7020, 'Government Housing Bank', 'LP', 'TH'],
  [7021, 'Hong Kong Shanghai Bank', 'LP', 'TH'],
  [7022, 'Standard Chartered Bank (Thai) PCL.', 'LP', 'TH'],
  [7023, 'Land and Houses Bank Public Company Limited', 'LP', 'TH'],
  [7071, 'Thai QR Payment', 'LP', 'TH'],
  [7072, 'USDT Crypto ERC20', 'LP', 'TH'],
  [7073, 'USDT Crypto BEP20', 'LP', 'TH'],
  [7088, 'UOB Bank', 'P', 'TH'],
  [7089, 'TMBThanachart Bank', 'P', 'TH'],
  // Indonesia
  [7024, 'Bank Central Asia', 'LP', 'ID'],
  [7025, 'Bank Negara Indonesia', 'LP', 'ID'],
  [7026, 'Bank Mandiri', 'LP', 'ID'],
  [7027, 'Bank Rakyat Indonesia', 'LP', 'ID'],
  [7028, 'Bank Artha Graha (Support VA Wallet Only)', 'LP', 'ID'],
  [7029, 'Bank Bukopin (Support VA Wallet Only)', 'LP', 'ID'],
  [7030, 'Bank Commonwealth (Support VA Wallet Only)', 'LP', 'ID'],
  [7031, 'Bank Danamon (Support VA Wallet Only)', 'LP', 'ID'],
  [7032, 'Bank Mega (Support VA Wallet Only)', 'LP', 'ID'],
  [7033, 'Bank Maspion (Support VA Wallet Only)', 'LP', 'ID'],
  [7034, 'Bank Mestika (Support VA Wallet Only)', 'LP', 'ID'],
  [7035, 'Bank Panin (Support VA Wallet Only)', 'LP', 'ID'],
  [7036, 'Bank Sumut (Support VA Wallet Only)', 'LP', 'ID'],
  [7037, 'Bank Sinar Mas (Support VA Wallet Only)', 'LP', 'ID'],
  [7038, 'Bank Btpn (Support VA Wallet Only)', 'LP', 'ID'],
  [7039, 'CIMB Niaga (Support VA Wallet Only)', 'LP', 'ID'],
  [7040, 'HSBC Indonesia (Support VA Wallet Only)', 'LP', 'ID'],
  [7041, 'Maybank /bii (Support VA Wallet Only)', 'LP', 'ID'],
  [7042, 'OCBC Indonesia (Support VA Wallet Only)', 'LP', 'ID'],
  [7043, 'Bank Permata (Support VA Wallet Only)', 'LP', 'ID'],
  [7044, 'UOB Indonesia (Support VA Wallet Only)', 'LP', 'ID'],
  [7074, 'Bank Negara Indonesia (VA)', 'LP', 'ID'],
  [7075, 'Bank Mandiri (VA)', 'LP', 'ID'],
  [7076, 'Bank Rakyat Indonesia (VA)', 'LP', 'ID'],
  [7077, 'Maybank Indonesia (VA)', 'LP', 'ID'],
  [7078, 'Bank Sahabat Sampoerna (VA)', 'LP', 'ID'],
  [7079, 'Bank Sinarmas (VA)', 'LP', 'ID'],
  [7080, 'CIMB Niaga (VA)', 'LP', 'ID'],
  [7081, 'Bank Permata (VA)', 'LP', 'ID'],
  [7082, 'USDT Crypto ERC20', 'LP', 'ID'],
  [7083, 'USDT Crypto BEP20', 'LP', 'ID'],
  // Brazil
  [4011, 'Boleto', 'L', 'BR'],
  [4012, 'Direct PIX', 'L', 'BR'],
  [4013, 'Boleto Flash Itau', 'L', 'BR'],
  // EU (no single country; EUR)
  [6000, 'SEPA Credit Transfer', 'P', null],
  [6001, 'SEPA Transfer', 'L', null],
  // Worldwide
  [10100, 'BTC, Bitcoin', 'L', null],
  // South Korea
  [50033, 'Virtual Banking', 'LP', 'KR'],
  // Pakistan
  [56500, 'EasyPaisa', 'LP', 'PK'],
  [56501, 'JazzCash', 'LP', 'PK'],
];

/** The seed's "EU" rows: no single country, paid in euros. */
const EUR_ROWS: ReadonlySet<number> = new Set([6000, 6001]);
/** The test types: sandbox mode only (design §3). */
const SANDBOX_ROWS: ReadonlySet<number> = new Set([1, 2]);

/** A row's currency: USDT and BTC as written (not ISO 4217), EUR for SEPA, else the country's, else any. */
function currencyOf(typeId: number, name: string, country: string | null): string | null {
  if (name.startsWith('USDT')) return 'USDT';
  if (name.startsWith('BTC')) return 'BTC';
  if (EUR_ROWS.has(typeId)) return 'EUR';
  if (country === null) return null;
  const currency = COUNTRY_CURRENCY[country];
  if (!currency) throw new Error(`no currency for ${country}`);
  return currency;
}

/**
 * The picker's generic icon, judged from the name: QR services; wallets (e-money, UPI apps, mobile
 * money, crypto); cash vouchers (boletos, Pague Fácil); cards; everything else is a bank.
 */
function iconOf(name: string): ApmType['icon'] {
  if (/\bQR\b|\bPIX\b/i.test(name)) return 'qr';
  if (/^VISA\/MC/.test(name)) return 'card';
  if (/boleto|pague facil/i.test(name)) return 'cash';
  // Virtual accounts and payments banks are bank transfers, whatever their names say.
  if (/VA Wallet Only|payments bank/i.test(name)) return 'bank';
  if (/wallet|money|google pay|^paytm, in|^UPI|easypaisa|jazzcash|zalo|USDT|BTC/i.test(name)) return 'wallet';
  return 'bank';
}

function build(rows: readonly Row[]): ApmType[] {
  const count = new Map<string, number>();
  for (const [, name] of rows) count.set(name, (count.get(name) ?? 0) + 1);
  return rows.map(([typeId, name, marks, country]) => ({
    typeId,
    name,
    label: (count.get(name) ?? 0) > 1 ? `${name} (${typeId})` : name,
    country,
    currency: currencyOf(typeId, name, country),
    link: marks.includes('L'),
    payout: marks.includes('P'),
    icon: iconOf(name),
    ...(SANDBOX_ROWS.has(typeId) ? { sandboxOnly: true } : {}),
  }));
}

/** Every row of the seed's table, in its order. */
export const APM_CATALOGUE: readonly ApmType[] = Object.freeze(build(ROWS));

const BY_ID: ReadonlyMap<number, ApmType> = new Map(APM_CATALOGUE.map((t) => [t.typeId, t]));

/** The catalogue row of a type id. */
export function apmType(typeId: number): ApmType | undefined {
  return BY_ID.get(typeId);
}

// ---------------------------------------------------------------------------------------------------
// The fields each type needs (design §3 "Odeon APMs": from the seed's request example for the type
// where one exists, else `personId` and `phone`). The payer's name, address and country come from the
// order's customer (the examples' firstName, lastName, address); these are what the shopper types.

const personId: MethodField = { name: 'personId', required: true };
const phone: MethodField = { name: 'phone', required: true };
const bankAccountNumber: MethodField = { name: 'bankAccountNumber', required: true };
const bankName: MethodField = { name: 'bankName', required: true };
const bankAccountHolder: MethodField = { name: 'bankAccountHolder', required: true };
const ifsc: MethodField = { name: 'ifsc', required: true, pattern: IFSC_PATTERN.source };
/** A Pakistani CNIC: 13 digits (seed: "CNIC 13 symbols", e.g. 3440289238550). */
export const CNIC_PATTERN = '^\\d{13}$';
const cnic: MethodField = { name: 'documentId', required: true, pattern: CNIC_PATTERN };

/** Types without a request example of their own (design §3). */
const DEFAULT_FIELDS: readonly MethodField[] = [personId, phone];

/**
 * The rows whose "Request example" is the seed's "Link request example for certain methods. (1)" and
 * "APM Payout request example for certain methods. (1)" (the Indian, Vietnamese, Thai and Indonesian
 * "Link / APM Payout" banks and services, and Vietnam QR): the payment needs nothing the shopper
 * types (firstName and lastName only), the payout the bank account number.
 */
function isCertainMethod(type: ApmType): boolean {
  if (type.typeId === 22011) return true;
  return type.link && type.payout && ['IN', 'VN', 'TH', 'ID'].includes(type.country ?? '');
}

/** Link payments: the seed's "Link request example for …" of each type. */
const PAYMENT_FIELDS: ReadonlyMap<number, readonly MethodField[]> = new Map([
  [1, [personId, phone]], // APM Test Payment (personId success@bank)
  [2000, [personId, phone]], // UPI (personId: the payer's UPI id)
  [2006, [phone]], // PhonePe
  [2014, [phone]], // Netbanking in India
  [2060, [phone]], // list of available banks in India
  [6001, [phone]], // SEPA Transfer
  [10100, []], // BTC (never offered: not ISO 4217)
  [50033, [personId, phone]], // Virtual Banking, South Korea
  [56500, [personId, phone, cnic]], // EasyPaisa: personId is the payer's account number
  [56501, [personId, phone, cnic]], // JazzCash
]);

/**
 * APM payouts: the seed's "APM Payout … example" of each type. 7088 and 7089 (the Thai payout-only
 * banks) follow "APM Payout request example for certain methods. (2)" (7088) without its `ifsc`: the
 * example's value is the placeholder "IFSC", an Indian branch code no Thai account has.
 */
const PAYOUT_FIELDS: ReadonlyMap<number, readonly MethodField[]> = new Map([
  [2, [personId, phone]], // APM Test Payout (personId success@bank / failure@bank)
  [3020, [personId, phone]], // UPI (personId: the payee's UPI id)
  [3021, [personId, phone, ifsc]], // India bank account (personId: the account number)
  [6000, [bankAccountNumber]], // SEPA Credit Transfer (an IBAN)
  [7088, [bankAccountNumber]],
  [7089, [bankAccountNumber]],
  [50033, [personId, bankName, bankAccountNumber, bankAccountHolder]], // Virtual Banking, South Korea
  [56500, [personId, phone, cnic]], // EasyPaisa
  [56501, [personId, phone, cnic]], // JazzCash
]);

/** The form fields a type needs for a payment (`payment`) or a payout (`payout`). */
export function apmFields(type: ApmType, kind: 'payment' | 'payout'): readonly MethodField[] {
  const own = (kind === 'payment' ? PAYMENT_FIELDS : PAYOUT_FIELDS).get(type.typeId);
  if (own) return own;
  if (isCertainMethod(type)) return kind === 'payment' ? [] : [bankAccountNumber];
  return DEFAULT_FIELDS;
}
