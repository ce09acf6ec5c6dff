import type { CheckoutMethod } from '../contract/checkout.ts';
import { displayAmount } from '../contract/money.ts';
import { KassaError } from '../core/errors.ts';
import { ownForm } from '../providers/registry.ts';
import { Field } from './field.tsx';
import { formCss } from './form-styles.ts';
import { useStyles } from './use-styles.ts';
import { useWidget } from './use-widget.ts';

/**
 * The selected method's fields and the primary "Pay <amount>" / "Withdraw <amount>" button. The first
 * interaction with the form opens the method's provider session at once rather than after the
 * selection's rest (design §3 `start`). While the session opens or the payment runs, the button shows
 * a spinner and is marked busy.
 */
export function MethodForm({ method }: { method: CheckoutMethod }) {
  const { m, t, locale } = useWidget();
  useStyles(formCss);
  const order = m.checkout.value?.order;
  if (!order) return null;
  const processing = m.state.value === 'processing';
  const preparing = m.preparing.value;
  const amount = displayAmount(order.amountMinor, order.currency, locale);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    // m.pay() runs synchronously inside this submit (a click or Enter): the provider SDK needs that.
    if (m.pay()) return;
    const first = method.fields.find(({ name }) => m.fieldErrors.value[name]);
    const form = event.currentTarget as HTMLFormElement;
    if (first) form.querySelector<HTMLInputElement>(`#kassa-f-${first.name}`)?.focus();
  };
  const startNow = () => m.startNow();
  // A method with a form of its own (a provider's card form) renders its inputs once its chunk is here.
  const Own = ownForm(method, () =>
    m.fail(new KassaError('NETWORK', 'Part of the checkout could not be loaded.'), () => void m.load()),
  );
  if (Own === undefined)
    return (
      <p class="kassa-loading" aria-busy="true">
        <span class="kassa-spinner" aria-hidden="true" />
        {t('loading_method')}
      </p>
    );
  return (
    <form
      class="kassa-form"
      noValidate
      aria-busy={preparing ? 'true' : 'false'}
      onSubmit={onSubmit}
      onFocusIn={startNow}
      onPointerDown={startNow}
    >
      {Own ? (
        <div class="kassa-fields">
          <Own method={method} Field={Field} />
        </div>
      ) : (
        method.fields.length > 0 && (
          <div class="kassa-fields">
            {method.fields.map((field) => (
              <Field key={field.name} field={field} method={method} readOnly={processing} />
            ))}
          </div>
        )
      )}
      <button
        type="submit"
        class="kassa-primary"
        disabled={preparing}
        aria-disabled={processing ? 'true' : undefined}
        aria-busy={preparing || processing ? 'true' : undefined}
      >
        {(preparing || processing) && <span class="kassa-spinner" aria-hidden="true" />}
        {t(order.kind === 'payout' ? 'withdraw' : 'pay', { amount })}
      </button>
    </form>
  );
}
