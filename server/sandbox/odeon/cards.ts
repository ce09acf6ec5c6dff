/**
 * The emulator's test cards (seed "Testing", "Cards for Payment Operation tests"; design §4): what a card
 * number, CVV and expiry lead to, reduced to the facts a payment needs to go on. The card number and CVV
 * themselves go no further than this module: a transaction keeps first six, last four, brand, expiry
 * and the derived outcome (design §4: "never a card number or CVC").
 *
 * Sandbox decisions where the seed is silent:
 * - Any other number that passes Luhn behaves like 4242424242424242: no 3-D Secure, the CVV decides.
 * - A number that fails Luhn, or an expiry in the past, is declined (reason codes below).
 * - Reason codes follow the seed's numbering (5051 "Insufficient Funds", 6002 "Duplicate invoice ID").
 * - Refunds and payouts: 4242… completes, 4111… is declined (5057), 4200… stays Created until settled
 *   (design §4); any other card behaves like 4242…, and a payout number that fails Luhn is declined.
 */
import { CARD_BRAND_LABEL, cardBrand, isCardNumber } from '../../../src/contract/card-rules.ts';

/** Which test card a payment used, for the operations that depend on it (refunds, payouts). */
export type TestCard = '4111' | '4200' | '4242' | 'other';

/** How the card is authenticated: Advanced 3-DS (ACS form post), Redirect 3-DS, or not at all. */
export type ThreeDsScheme = 'advanced' | 'redirect' | 'none';

/** What a refund or payout keeps of the card the money goes to: who it is and the outcome it leads to. */
export interface CardIdentity {
  firstSix: string;
  lastFour: string;
  /** As the seed's notifications and list name it ("Visa"). */
  cardType: string;
  testCard: TestCard;
}

/** Only the identity of a card's facts (a payment's card, a token's), for a refund or payout to keep. */
export const identityOf = (card: CardIdentity): CardIdentity => ({
  firstSix: card.firstSix,
  lastFour: card.lastFour,
  cardType: card.cardType,
  testCard: card.testCard,
});

/** What a payment keeps of its card. */
export interface CardFacts extends CardIdentity {
  /** `MM/YYYY` (seed "Payment Success": cardExpDate). */
  expDate: string;
  scheme: ThreeDsScheme;
  /** Whether the CVV lets the payment complete (333 fails; seed "Testing"). */
  cvvPasses: boolean;
}

/** A decline: the seed's `reasonCode` and `reason`, and the `message` of the answer. */
export interface Decline {
  reasonCode: number;
  reason: string;
  message: string;
}

/** The declines the emulator produces. */
export const DECLINES = {
  cvv: { reasonCode: 5082, reason: 'Incorrect CVV', message: 'Incorrect CVV code' },
  threeDs: { reasonCode: 5206, reason: 'Authentication failed', message: '3-D Secure authentication failed' },
  number: { reasonCode: 5014, reason: 'Invalid Card Number', message: 'Invalid card number' },
  expired: { reasonCode: 5054, reason: 'Expired Card', message: 'The card has expired' },
  rejected: {
    reasonCode: 6001,
    reason: 'Rejected by merchant',
    message: 'Payment rejected by the merchant',
  },
  cancelled: { reasonCode: 6003, reason: 'Cancelled by payer', message: 'The payer cancelled the payment' },
  /** Refunds of a 4111… payment and payouts to 4111… (seed "Cards for Refund / Card Payout Operation tests"). */
  notPermitted: {
    reasonCode: 5057,
    reason: 'Transaction Not Permitted',
    message: 'The transaction is not permitted for this card',
  },
  /** A Created refund or payout settled `Declined` by `POST /sandbox/odeon/settle`. */
  doNotHonor: { reasonCode: 5005, reason: 'Do Not Honor', message: 'Declined by the acquiring bank' },
} as const satisfies Record<string, Decline>;

/** The test cards' 3-DS schemes (seed "Cards for Payment Operation tests"). */
const TEST_CARDS: Readonly<Record<string, { testCard: TestCard; scheme: ThreeDsScheme }>> = {
  '4111111111111111': { testCard: '4111', scheme: 'advanced' },
  '4200000000000000': { testCard: '4200', scheme: 'redirect' },
  '4242424242424242': { testCard: '4242', scheme: 'none' },
};

/** The card's month has not ended at `now` (the seed's 12/24 has passed, so any current expiry works). */
export function isCurrentExpiry(month: number, year: number, now: number): boolean {
  const date = new Date(now);
  const current = date.getUTCFullYear() * 12 + date.getUTCMonth();
  return year * 12 + (month - 1) >= current;
}

/** A card as typed or sent: digits only, month 1–12, four-digit year. */
export interface CardInput {
  pan: string;
  cvv: string;
  expiryMonth: number;
  expiryYear: number;
}

/** Who a card number is, without the number: first six, last four, brand and test card. */
function identify(pan: string): CardIdentity {
  const brand = CARD_BRAND_LABEL[cardBrand(pan)];
  return {
    firstSix: pan.slice(0, 6),
    lastFour: pan.slice(-4),
    cardType: brand === '' ? 'Unknown' : brand,
    testCard: TEST_CARDS[pan]?.testCard ?? 'other',
  };
}

/** The card a payout goes to (`/payments/payout/card`), and its decline when the number fails Luhn. */
export function examinePayoutCard(pan: string): { card: CardIdentity; decline: Decline | null } {
  return { card: identify(pan), decline: isCardNumber(pan) ? null : DECLINES.number };
}

/** The facts of a card, and the decline it meets before any 3-DS (a bad number or a past expiry). */
export function examineCard(card: CardInput, now: number): { facts: CardFacts; decline: Decline | null } {
  const known = TEST_CARDS[card.pan];
  const facts: CardFacts = {
    ...identify(card.pan),
    expDate: `${String(card.expiryMonth).padStart(2, '0')}/${card.expiryYear}`,
    scheme: known?.scheme ?? 'none',
    cvvPasses: card.cvv !== '333',
  };
  if (!isCardNumber(card.pan)) return { facts, decline: DECLINES.number };
  if (!isCurrentExpiry(card.expiryMonth, card.expiryYear, now)) return { facts, decline: DECLINES.expired };
  return { facts, decline: null };
}
