/**
 * The OCT emulator's test cards (design §4 "OCT", the seed's three answers): 4111111111111111 →
 * APPROVED, 4242424242424242 → DECLINED, 5555555555554444 → PENDING; any other valid number → DECLINED.
 * Only the outcome, the mask and the brand are kept — never the number.
 */
import { isCardNumber } from '../../../src/contract/card-rules.ts';

export type OctStatus = 'APPROVED' | 'DECLINED' | 'PENDING';

const OUTCOMES: Readonly<Record<string, OctStatus>> = {
  '4111111111111111': 'APPROVED',
  '4242424242424242': 'DECLINED',
  '5555555555554444': 'PENDING',
};

/** What the emulator keeps of a card: the seed's `masked` (`411111-******-1111`), brand and outcome. */
export interface CardFacts {
  masked: string;
  brand: string;
  status: OctStatus;
}

/** The brand by the card's first digits (the seed's VISA and MASTERCARD; others as networks name them). */
function brandOf(pan: string): string {
  if (pan.startsWith('4')) return 'VISA';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'MASTERCARD';
  if (two === 34 || two === 37) return 'AMEX';
  return 'UNKNOWN';
}

/** The facts of a decrypted card number, or undefined when it is no card number. */
export function cardFacts(plain: string): CardFacts | undefined {
  if (!isCardNumber(plain)) return undefined;
  return {
    masked: `${plain.slice(0, 6)}-******-${plain.slice(-4)}`,
    brand: brandOf(plain),
    status: OUTCOMES[plain] ?? 'DECLINED',
  };
}
