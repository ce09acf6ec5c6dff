import { useWidget } from './context.ts';

/**
 * The method picker: a `radiogroup` named "Payment method" (even with one method) of native radios,
 * so arrow keys move the selection; the selected method's form appears right below, no Continue step.
 */
export function Picker() {
  const { m, t } = useWidget();
  const methods = m.checkout.value?.methods ?? [];
  const method = m.method();
  const busy = m.state.value === 'processing';
  // The form comes with the flow chunk, which starts loading when a method is selected.
  const MethodForm = m.flow.value?.MethodForm;
  if (methods.length === 0) return <p class="kassa-muted">{t('no_methods')}</p>;
  return (
    <div class="kassa-form">
      <p id="kassa-methods-label" class="kassa-legend">
        {t('payment_method')}
      </p>
      <div role="radiogroup" aria-labelledby="kassa-methods-label" class="kassa-methods">
        {methods.map(({ id, label }) => (
          <label key={id} class="kassa-method">
            <input
              type="radio"
              name="kassa-method"
              value={id}
              checked={method?.id === id}
              disabled={busy && method?.id !== id}
              onChange={() => m.select(id)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
      {method && MethodForm && <MethodForm key={method.id} method={method} />}
    </div>
  );
}
