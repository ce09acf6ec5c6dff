import { parseGs1 } from './gs1.ts';

/**
 * The pay code as the shopper reads it (design §2: the whole code readable at 320 px, wrapped in
 * groups, never cut off): a GS1 element string splits into its elements, `(415)5412345678908
 * (3902)001000 (8020)1234567890`, so each group keeps its application identifier; other codes split
 * into groups of four. "Copy code" copies exactly this text, and the till accepts it as it is (spaces
 * and parentheses aside, design §4).
 */
export function groupPayCode(payCode: string): string {
  const elements = parseGs1(payCode);
  if (elements) return elements.map(({ ai, value }) => `(${ai})${value}`).join(' ');
  return /^\d{9,}$/.test(payCode) ? (payCode.match(/\d{1,4}/g) ?? []).join(' ') : payCode;
}
