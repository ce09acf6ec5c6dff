import { validateCard } from '../../core/card-fields.ts';
import type { MethodDefinition, WidgetProvider } from '../define.ts';
import { OdeonCardForm } from './card-payout-form.tsx';
import { odeonPay } from './pay.ts';
import { payoutFields } from './payout-target.ts';
import { odeonStartExtras } from './start-extras.ts';

// Typed plain objects rather than defineProvider/defineMethod: with a second provider chunk those two
// identity functions became a chunk of their own, loaded before every method.
/**
 * `odeon-card` ("Card", design §2 Methods): its form (a payment's card form, or a payout's "Pay out to"),
 * its `start` extras and the fields that apply (none when a saved card is chosen).
 */
const card: MethodDefinition = {
  id: 'odeon-card',
  label: 'Card',
  Form: OdeonCardForm,
  startExtras: odeonStartExtras,
  fields: payoutFields,
  validate: validateCard,
};

/**
 * OdeonPay's widget module (seed odeonpay-api.txt; design §3 "Odeon cards"), a lazy chunk loaded when
 * `odeon-card` is selected (the registry lists its form) or an Odeon action is shown. How a card payment
 * runs is the order's card flow, which the server's method data tells apart:
 * - `widget` (method flow `sdk`): payment.js's dialog opens inside the Pay click (pay.ts);
 * - `redirect` / `checkout` (flow `server`, no fields): `start` with the widget's theme, then Odeon's page;
 * - `direct` (flow `server`, card fields): Kassa's card form (card-form.tsx), `start` with browserData,
 *   then `done` or 3-D Secure (`form-post` / `redirect`, taken by core's dispatcher).
 * Payout orders (always flow `server`): "Pay out to" a saved card or a new card (card-payout-form.tsx),
 * `start` with `savedCardId` or the new card's number and name.
 */
export const provider: WidgetProvider = {
  id: 'odeon',
  pay: odeonPay,
  methods: {
    'odeon-card': card,
  },
  actions: {
    // The dialog opens from the Pay click only; a `widget` action found on coming back (a reload
    // closed the dialog) returns to the form, which prepares a new one for the next click.
    widget: { returnToForm: true },
  },
};
