/** Test fixtures for Odeon cards: `odeon-card` as the server lists it per card flow, the `widget` action, a fake payment.js. */
import type { NextAction } from '../../contract/actions.ts';
import type { CheckoutMethod } from '../../contract/checkout.ts';
import { checkoutAnswer } from '../../test-fixtures.ts';
import type { OdeonChargeOptions } from './payment-js.ts';

/** A card that passes Luhn (the sandbox's no-3-DS test card). */
export const VISA = '4242424242424242';
/** An American Express test number (15 digits, passes Luhn). */
export const AMEX = '378282246310005';

const CARD_FIELDS: CheckoutMethod['fields'] = [
  { name: 'cardNumber', required: true },
  { name: 'expiry', required: true },
  { name: 'cvc', required: true },
  { name: 'cardholderName', required: true },
];

/** `odeon-card` as `GET /api/checkout` lists it for an order's card flow. */
export function odeonCard(flow: 'widget' | 'redirect' | 'checkout' | 'direct'): CheckoutMethod {
  return {
    id: 'odeon-card',
    label: 'Card',
    icon: 'card',
    provider: 'odeon',
    flow: flow === 'widget' ? 'sdk' : 'server',
    fields: flow === 'direct' ? CARD_FIELDS.map((field) => ({ ...field })) : [],
  };
}

/** `odeon-card` as `GET /api/checkout` lists it for a payout order: the new card's fields, saved cards. */
export function odeonPayoutCard(savedCards: { id: string; label: string }[] = []): CheckoutMethod {
  return {
    id: 'odeon-card',
    label: 'Card',
    icon: 'card',
    provider: 'odeon',
    flow: 'server',
    fields: [
      { name: 'cardNumber', required: true },
      { name: 'cardholderName', required: true },
    ],
    ...(savedCards.length > 0 ? { savedCards } : {}),
  };
}

/** A EUR 12.50 payout order offering `odeon-card` only (so it is selected at once). */
export function odeonPayoutCheckout(savedCards: { id: string; label: string }[] = []) {
  const base = checkoutAnswer();
  return checkoutAnswer({
    order: { ...base.order, kind: 'payout', amount: '12.50', amountMinor: 1250 },
    methods: [odeonPayoutCard(savedCards)],
    providers: { ...base.providers, odeon: { publicId: 'pbid_sandbox' } },
  });
}

/** A EUR 12.50 checkout offering `odeon-card` (and OKTO Cash, so the card is chosen by a click). */
export function odeonCheckout(
  flow: Parameters<typeof odeonCard>[0],
  extra: Parameters<typeof checkoutAnswer>[0] = {},
) {
  const base = checkoutAnswer();
  return checkoutAnswer({
    order: { ...base.order, amount: '12.50', amountMinor: 1250 },
    methods: [odeonCard(flow), ...base.methods.slice(0, 1)],
    providers: { ...base.providers, odeon: { publicId: 'pbid_sandbox' } },
    ...extra,
  });
}

/** The `widget` action `start` answers in the widget flow (design §3 "Odeon cards"). */
export function widgetAction(): NextAction {
  return {
    type: 'widget',
    provider: 'odeon',
    scriptUrl: '/sandbox/odeon/payment.js',
    params: {
      publicId: 'pbid_sandbox',
      amount: '12.50',
      currency: 'EUR',
      invoiceId: 'tx_9',
      description: 'Order 1001',
      accountId: 'maria@example.com',
      locale: 'en_US',
    },
  };
}

/** A stand-in for payment.js's `OdeonPay`: records each `charge` and lets the test answer it. */
export function fakeOdeonPay() {
  const charges: {
    options: OdeonChargeOptions;
    onSuccess: (options?: unknown) => void;
    onFail: (reason?: unknown, options?: unknown) => void;
  }[] = [];
  class OdeonPay {
    charge(
      options: OdeonChargeOptions,
      onSuccess: (options?: unknown) => void,
      onFail: (reason?: unknown, options?: unknown) => void,
    ) {
      charges.push({ options, onSuccess, onFail });
    }
  }
  (globalThis as { OdeonPay?: unknown }).OdeonPay = OdeonPay;
  return { charges, last: () => charges.at(-1) };
}

/** Removes the fake `OdeonPay`. */
export function removeOdeonPay(): void {
  delete (globalThis as { OdeonPay?: unknown }).OdeonPay;
}
