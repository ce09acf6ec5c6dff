import { type Signal, signal } from '@preact/signals-core';
import type { CheckoutMethod, MethodField } from '../../contract/checkout.ts';
import type { CheckoutMachine } from '../../core/checkout.types.ts';
import type { StartExtras } from '../define.ts';

/** The "New card" radio's value in "Pay out to" (saved cards use their Kassa ids). */
export const NEW_CARD = 'new';

const chosen = new WeakMap<CheckoutMachine, Signal<string>>();

/**
 * Where a card payout goes (design §2 "Pay out to"): a saved card's id, or `NEW_CARD`. The newest saved
 * card is chosen first; a choice no longer offered (the checkout loaded again) falls back to it.
 */
export function payoutTarget(m: CheckoutMachine, method: CheckoutMethod): Signal<string> {
  const cards = method.savedCards ?? [];
  const first = cards[0]?.id ?? NEW_CARD;
  let target = chosen.get(m);
  if (!target) {
    target = signal(first);
    chosen.set(m, target);
  } else if (target.value !== NEW_CARD && !cards.some(({ id }) => id === target?.value)) {
    target.value = first;
  }
  return target;
}

/** The saved card chosen for this payout, if one is. */
function savedCardOf(m: CheckoutMachine, method: CheckoutMethod): string | undefined {
  if (m.checkout.value?.order.kind !== 'payout' || !method.savedCards?.length) return undefined;
  const target = payoutTarget(m, method).value;
  return target === NEW_CARD ? undefined : target;
}

/** A saved card stands for the new card's fields: none of them is checked or sent. */
export function payoutFields(m: CheckoutMachine, method: CheckoutMethod): readonly MethodField[] {
  return savedCardOf(m, method) ? [] : method.fields;
}

/** `start` names the saved card by its Kassa id (design §3 `start` `savedCardId`). */
export function payoutStartExtras(m: CheckoutMachine, method: CheckoutMethod): StartExtras {
  const savedCardId = savedCardOf(m, method);
  return savedCardId ? { savedCardId } : {};
}
