import type { CheckoutMethod } from '../../contract/checkout.ts';
import type { CheckoutMachine } from '../../core/checkout.types.ts';
import { forgetCardData } from '../../core/fields.ts';
import { useWidget } from '../../ui/use-widget.ts';
import type { MethodFormProps } from '../define.ts';
import { CardForm } from './card-form.tsx';
import { NEW_CARD, payoutTarget } from './payout-target.ts';

/** Chooses where the payout goes; a saved card leaves nothing typed for a new one behind. */
function choose(m: CheckoutMachine, method: CheckoutMethod, id: string): void {
  payoutTarget(m, method).value = id;
  m.fieldErrors.value = {};
  if (id !== NEW_CARD) forgetCardData(m);
}

/** The card form of a payment, or of a payout ("Pay out to" a saved card or a new one). */
export function OdeonCardForm(props: MethodFormProps) {
  const { m } = useWidget();
  return m.checkout.value?.order.kind === 'payout' ? <CardPayoutForm {...props} /> : <CardForm {...props} />;
}

/**
 * The card payout form (design §2, §3 "Odeon cards"): a radio group "Pay out to" with the customer's
 * saved cards ("Card •••• 1234", newest first and chosen) and "New card", which shows the card form's
 * "Card number" and "Name on card". With no saved card, only the new card's fields (no empty group).
 */
export function CardPayoutForm({ method }: MethodFormProps) {
  const { m, t } = useWidget();
  const cards = method.savedCards ?? [];
  if (cards.length === 0) return <CardForm method={method} />;
  const target = payoutTarget(m, method).value;
  const busy = m.state.value === 'processing';
  const options = [...cards, { id: NEW_CARD, label: t('new_card') }];
  return (
    <>
      <p id="kassa-payout-to" class="kassa-legend">
        {t('pay_out_to')}
      </p>
      <div role="radiogroup" aria-labelledby="kassa-payout-to" class="kassa-methods">
        {options.map(({ id, label }) => (
          <label key={id} class="kassa-method">
            <input
              type="radio"
              name="kassa-payout-to"
              value={id}
              checked={target === id}
              disabled={busy && target !== id}
              onChange={() => choose(m, method, id)}
            />
            <span class="kassa-method-label">{label}</span>
          </label>
        ))}
      </div>
      {target === NEW_CARD && <CardForm method={method} />}
    </>
  );
}
