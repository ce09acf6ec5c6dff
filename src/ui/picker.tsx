import { type Signal, signal } from '@preact/signals-core';
import { displayDecimal } from '../contract/display.ts';
import type { CheckoutMachine } from '../core/checkout.types.ts';
import type { WidgetContext } from './context.ts';
import { focusOnce } from './focus.ts';
import { afterPaint, methodRadio, requestIcons } from './method-radio.tsx';

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

/** With more methods than this the picker shows the first ones and "Show all N methods" (design §2). */
export const FIRST_METHODS = 6;

/** The search view (method-search.tsx), a lazy chunk loaded when "Show all" is pressed or about to be. */
const searchChunk = signal<typeof import('./method-search.tsx') | null>(null);
let searchLoad: Promise<void> | undefined;

function loadSearch(): Promise<void> {
  searchLoad ??= import('./method-search.tsx').then((module) => {
    searchChunk.value = module;
  });
  searchLoad.catch(() => {
    searchLoad = undefined;
  });
  return searchLoad;
}

const preloadSearch = () => void loadSearch().catch(() => {});

/**
 * A widget's "Show all" state: pressed (kept when the shopper comes back from an attempt), the
 * collapsed group's height (the full list scrolls inside it, so nothing below moves) and whether the
 * search field is still to take focus.
 */
interface ShowAll {
  open: Signal<boolean>;
  height: number;
  focus: boolean;
}
const showAlls = new WeakMap<CheckoutMachine, ShowAll>();

function showAllOf(m: CheckoutMachine): ShowAll {
  const view = showAlls.get(m) ?? { open: signal(false), height: 0, focus: false };
  showAlls.set(m, view);
  return view;
}

/**
 * The method picker: the order's description and amount, then a `radiogroup` named "Payment method"
 * ("Payout method" for payouts, even with one method) of native radios, so arrow keys move the
 * selection (method-radio.tsx). With more than 6 methods, the first 6 and a "Show all N methods"
 * button in the slot where the search field of the full list (method-search.tsx) then appears. The
 * selected method's form appears right below.
 */
export function Picker({ w }: { w: WidgetContext }) {
  const { m, t, locale } = w;
  const checkout = m.checkout.value;
  if (!checkout) return null;
  const { order, methods } = checkout;
  const method = m.method();
  const payout = order.kind === 'payout';
  // The form comes with the flow chunk, which starts loading when a method is selected.
  const MethodForm = m.flow.value?.MethodForm;
  requestIcons();
  const many = methods.length > FIRST_METHODS;
  const showAll = showAllOf(m);
  const open = many && showAll.open.value;
  const Search = open ? searchChunk.value?.MethodSearch : undefined;
  const focusSearch = showAll.focus && Search !== undefined;
  if (focusSearch) showAll.focus = false;
  const onShowAll = (event: Event) => {
    if (open) return;
    const group = (event.currentTarget as HTMLElement).nextElementSibling;
    showAll.height = group?.getBoundingClientRect().height ?? 0;
    showAll.focus = true;
    showAll.open.value = true;
    // A failed load leaves the button, and pressing it again asks again.
    loadSearch().catch(() => {
      showAll.open.value = false;
    });
  };
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
          {Search ? (
            <Search w={w} payout={payout} height={showAll.height} focus={focusSearch} />
          ) : (
            <>
              {many && (
                <button
                  type="button"
                  class="kassa-show-all"
                  // Pressed and loading: a progress indicator at once (design §2 States).
                  aria-busy={open ? 'true' : undefined}
                  onClick={onShowAll}
                  onFocus={preloadSearch}
                  onPointerEnter={preloadSearch}
                >
                  {open && <span class="kassa-spinner" aria-hidden="true" />}
                  {t('show_all', { count: String(methods.length) })}
                </button>
              )}
              <div role="radiogroup" aria-labelledby="kassa-methods-label" class="kassa-methods">
                {methods
                  // The first 6 in the server's order, and a method selected before (coming back to the picker).
                  .filter((each, index) => index < FIRST_METHODS || each.id === method?.id)
                  .map((each) => methodRadio(w, each, payout))}
              </div>
            </>
          )}
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
