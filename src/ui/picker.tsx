import { signal } from '@preact/signals-core';
import type { MethodIcon } from '../contract/checkout.ts';
import { displayDecimal } from '../contract/display.ts';
import type { WidgetContext } from './context.ts';
import { focusOnce } from './focus.ts';

/** Runs `work` once the picker has been painted: what it brings must never delay the picker. */
function afterPaint(work: () => void): void {
  (globalThis.requestAnimationFrame ?? setTimeout)(() => setTimeout(work, 0));
}

/** The method icons once their lazy chunk has loaded (logos.ts); the picker never waits for them. */
const icons = signal<Record<MethodIcon, string> | null>(null);
let iconsRequested = false;

/** Requests the icons after the picker's first paint, so they never delay it (design §2 Methods). */
function requestIcons(): void {
  if (iconsRequested) return;
  iconsRequested = true;
  afterPaint(() =>
    import('./logos.ts').then(
      (module) => {
        icons.value = module.METHOD_ICONS;
      },
      () => {
        // Decorative only: a failed load leaves the empty frames, and the next mount tries again.
        iconsRequested = false;
      },
    ),
  );
}

/** Formatted amounts by locale, currency and amount; and those being formatted. */
const amounts = signal<Readonly<Record<string, string>>>({});
const formatting = new Set<string>();

/**
 * The order's amount for the summary line, formatted after the first paint: the page's first
 * `Intl.NumberFormat` loads the locale's data, about 20 ms of main thread on a phone-class CPU,
 * which would otherwise hold back the picker's first interactive frame (`npm run bench`). Its slot
 * keeps its height, so the amount appears without moving anything.
 */
function summaryAmount(amount: string, currency: string, locale: string): string {
  const key = `${locale} ${currency} ${amount}`;
  const known = amounts.value[key];
  if (known === undefined && !formatting.has(key)) {
    formatting.add(key);
    afterPaint(() => {
      amounts.value = { ...amounts.value, [key]: displayDecimal(amount, currency, locale) };
    });
  }
  return known ?? '';
}

/**
 * The method picker: the order's description and amount, then a `radiogroup` named "Payment method"
 * ("Payout method" for payouts, even with one method) of native radios, so arrow keys move the
 * selection. Each radio is named by the method's label alone (`aria-labelledby`); its icon and
 * one-line hint are decoration and description. The selected method's form appears right below.
 */
export function Picker({ w }: { w: WidgetContext }) {
  const { m, t, locale } = w;
  const checkout = m.checkout.value;
  if (!checkout) return null;
  const { order, methods } = checkout;
  const method = m.method();
  const busy = m.state.value === 'processing';
  const payout = order.kind === 'payout';
  // The form comes with the flow chunk, which starts loading when a method is selected.
  const MethodForm = m.flow.value?.MethodForm;
  requestIcons();
  const paths = icons.value;
  return (
    <div class="kassa-form">
      <p class="kassa-summary">
        <span class="kassa-summary-text">{order.description}</span>
        <strong class="kassa-summary-amount">{summaryAmount(order.amount, order.currency, locale)}</strong>
      </p>
      {methods.length === 0 ? (
        <p class="kassa-muted">{t('no_methods')}</p>
      ) : (
        <>
          <p
            // A new element each time the shopper comes back to the picker, so it takes focus once.
            key={`legend-${m.pickerFocus}`}
            id="kassa-methods-label"
            class="kassa-legend"
            tabIndex={-1}
            ref={m.pickerFocus > 0 ? focusOnce : null}
          >
            {t(payout ? 'payout_method' : 'payment_method')}
          </p>
          <div role="radiogroup" aria-labelledby="kassa-methods-label" class="kassa-methods">
            {methods.map(({ id, label, icon }) => (
              <label key={id} class="kassa-method">
                <input
                  type="radio"
                  name="kassa-method"
                  value={id}
                  checked={method?.id === id}
                  disabled={busy && method?.id !== id}
                  aria-labelledby={`kassa-m-${id}`}
                  aria-describedby={`kassa-h-${id}`}
                  onChange={() => m.select(id)}
                />
                <span class="kassa-logo" aria-hidden="true">
                  {paths?.[icon] && (
                    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
                      <path d={paths[icon]} />
                    </svg>
                  )}
                </span>
                <span class="kassa-method-text">
                  <span id={`kassa-m-${id}`} class="kassa-method-label">
                    {label}
                  </span>
                  <span id={`kassa-h-${id}`} class="kassa-hint">
                    {t(payout ? `payout_hint_${icon}` : `hint_${icon}`)}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </>
      )}
      {method &&
        (MethodForm ? (
          <MethodForm key={method.id} method={method} />
        ) : (
          // The method's code is loading: a progress indicator at once (design §2 States).
          <p class="kassa-loading" aria-busy="true">
            <span class="kassa-spinner" aria-hidden="true" />
            {t('loading_method')}
          </p>
        ))}
    </div>
  );
}
