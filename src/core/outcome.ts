import type { OrderKind, OrderStatus } from '../contract/checkout.ts';

/** The widget's `data-kassa-state` values (design §2 States). */
export type KassaState =
  | 'loading'
  | 'ready'
  | 'processing'
  | 'action'
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'error';

/** What the outcome text says; maps 1:1 to an i18n key with the order kind. */
export type OutcomeWord = 'successful' | 'failed' | 'pending' | 'cancelled' | 'expired';

/** A finished or waiting order as the shopper should see it. */
export interface Outcome {
  state: Extract<KassaState, 'pending' | 'succeeded' | 'failed' | 'cancelled' | 'expired'>;
  word: OutcomeWord;
  reasonCode?: string;
  /** The provider's reference of the attempt, shown on the outcome screen. */
  providerReference?: string;
  /** The shopper ended the attempt with the widget's own "Cancel payment". */
  byShopper?: boolean;
}

/**
 * Maps an order status and the last attempt's reason to a widget state and outcome text
 * (notes/api-for-helpers.md "Outcome mapping"); `created` has no outcome (the picker shows).
 */
export function outcomeOf(status: OrderStatus, reasonCode?: string): Outcome | null {
  const reason = reasonCode ? { reasonCode } : {};
  switch (status) {
    case 'succeeded':
      return { state: 'succeeded', word: 'successful', ...reason };
    case 'failed': {
      // An ended attempt: the order stays open, the text says why it ended.
      const word = reasonCode === 'cancelled' || reasonCode === 'expired' ? reasonCode : 'failed';
      return { state: 'failed', word, ...reason };
    }
    case 'pending':
    case 'cancelled':
    case 'expired':
      return { state: status, word: status, ...reason };
    default:
      return null;
  }
}

/** The i18n key of an outcome's leading text, e.g. `payment_successful` or `payout_failed`. */
export function outcomeKey(kind: OrderKind, word: OutcomeWord): `${OrderKind}_${OutcomeWord}` {
  return `${kind}_${word}`;
}
