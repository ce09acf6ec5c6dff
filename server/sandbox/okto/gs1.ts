/**
 * OKTO Cash pay codes in GS1 payment-slip form: (415) the payee's GLN, (3902) the amount payable with
 * two decimals, (8020) the payment-slip reference (OKTO seed: "a unique pay code (GS1 barcode or QR code)";
 * Nuvei's newer guide: "numerical code or GS1 barcode").
 */
import { currencyExponent } from '../../../src/contract/money.ts';

/** The GS1 mod-10 check digit of a digit string (weights 3, 1, 3, … from the right). */
export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError('GS1 check digits are computed over digits only');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True for a digit string whose last digit is its GS1 check digit. */
export function hasValidCheckDigit(code: string): boolean {
  return /^\d{2,}$/.test(code) && gs1CheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

/** The sandbox payee's 13-digit GLN (prefix 520, GS1 Greece), check digit included. */
export const SANDBOX_GLN = `520000000001${gs1CheckDigit('520000000001')}`;

/** What a pay code encodes. */
export interface PayCodeParts {
  gln: string;
  amountMinor: number;
  currency: string;
  /** Payment-slip reference: 10 or more digits, unique per voucher. */
  reference: string;
}

/** Formats a pay code as shown and copied: `(415)<GLN>(3902)<amount, ≥ 6 digits>(8020)<reference>`. */
export function formatPayCode(parts: PayCodeParts): string {
  if (!/^\d{13}$/.test(parts.gln) || !hasValidCheckDigit(parts.gln)) throw new RangeError('invalid GLN');
  if (!/^\d{10,25}$/.test(parts.reference)) throw new RangeError('the reference must be 10 to 25 digits');
  if (!Number.isSafeInteger(parts.amountMinor) || parts.amountMinor <= 0)
    throw new RangeError('invalid amount');
  // AI 390n carries n decimals; OKTO's currencies (EUR, RON) have 2, which gives the 3902 of the brief.
  const decimals = currencyExponent(parts.currency);
  const amount = String(parts.amountMinor).padStart(6, '0');
  return `(415)${parts.gln}(390${decimals})${amount}(8020)${parts.reference}`;
}

/** The digits a shop till compares: spaces and parentheses removed; null when anything else remains. */
export function normalisePayCode(text: string): string | null {
  const digits = text.replace(/[\s()]/g, '');
  return /^\d+$/.test(digits) ? digits : null;
}

/** A 10-digit payment-slip reference from a sequence number (unique per sandbox database). */
export function slipReference(sequence: number): string {
  return `8${String(sequence % 1e9).padStart(9, '0')}`;
}
