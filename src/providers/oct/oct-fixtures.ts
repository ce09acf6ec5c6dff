/** Test fixtures for OCT card payouts: `oct-card` as the server lists it, a payout order offering it. */
import type { CheckoutMethod } from '../../contract/checkout.ts';
import { checkoutAnswer } from '../../test-fixtures.ts';

/** A card that passes Luhn. */
export const VISA = '4242424242424242';

/** `oct-card` as `GET /api/checkout` lists it (the server's method view, design §3 "OCT"). */
export function octCard(): CheckoutMethod {
  return {
    id: 'oct-card',
    label: 'Card',
    icon: 'card',
    provider: 'oct',
    flow: 'server',
    fields: [
      { name: 'cardNumber', required: true },
      { name: 'firstName', required: true },
      { name: 'lastName', required: true },
      { name: 'email', required: true },
      { name: 'phone', required: true },
      { name: 'address', required: true },
      { name: 'city', required: true },
      { name: 'postalCode', required: true },
    ],
  };
}

/** A EUR 12.50 payout order offering `oct-card` only (selected at once), with the merchant's public key. */
export function octPayoutCheckout(publicKey: string | undefined) {
  const base = checkoutAnswer();
  return checkoutAnswer({
    order: {
      ...base.order,
      kind: 'payout',
      amount: '12.50',
      amountMinor: 1250,
      customer: { ...base.order.customer, phone: '+306912345678' },
    },
    methods: [octCard()],
    providers: { ...base.providers, ...(publicKey ? { oct: { publicKey } } : {}) },
  });
}
