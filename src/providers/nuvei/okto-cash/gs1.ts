/**
 * GS1 element strings for GS1-128 barcodes. OKTO pay codes arrive as human-readable element strings
 * like `(415)5412345678908(3902)001000(8020)1234567890` (GS1 payment slip, seed nuvei-okto-cash.txt).
 * jsbarcode's `ean128` adds only the leading FNC1 (platform-notes.md "Pay codes"), so this module strips
 * the parentheses and adds FNC1 after every variable-length element that is not the last.
 */

/** The FNC1 character in jsbarcode's CODE128 input. */
export const FNC1 = '\xCF';

/**
 * AI prefixes (first two digits) whose element strings have a predefined length, AI digits included
 * (GS1 General Specifications §7.8.5, "element strings with predefined length"). 415 starts with 41:
 * 3 + 13 digits. 3902 (amount payable) and 8020 (payment slip reference) are variable-length.
 */
const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  '11': 8,
  '12': 8,
  '13': 8,
  '14': 8,
  '15': 8,
  '16': 8,
  '17': 8,
  '18': 8,
  '19': 8,
  '20': 4,
  '31': 10,
  '32': 10,
  '33': 10,
  '34': 10,
  '35': 10,
  '36': 10,
  '41': 16,
};

/** One GS1 element: application identifier and its data. */
export interface Gs1Element {
  ai: string;
  value: string;
}

const ELEMENT_STRING = /^(?:\(\d{2,4}\)[\x21-\x27\x2A-\x7E]+)+$/;

/** Parses `(AI)value…` text; returns null for anything that is not a GS1 element string. */
export function parseGs1(text: string): Gs1Element[] | null {
  if (!ELEMENT_STRING.test(text)) return null;
  return [...text.matchAll(/\((\d{2,4})\)([^(]+)/g)].map(([, ai = '', value = '']) => ({ ai, value }));
}

/** True when an AI's element string has a predefined length and so needs no FNC1 separator. */
export function hasPredefinedLength(ai: string): boolean {
  return ai.slice(0, 2) in PREDEFINED_LENGTH;
}

/** The CODE128 data for a GS1 element string: parentheses stripped, FNC1 after variable-length fields. */
export function gs1BarcodeData(elements: readonly Gs1Element[]): string {
  return elements
    .map(({ ai, value }, index) => {
      const last = index === elements.length - 1;
      return ai + value + (last || hasPredefinedLength(ai) ? '' : FNC1);
    })
    .join('');
}
