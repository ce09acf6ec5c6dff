import { signal } from '@preact/signals-core';
import type { CheckoutMethod, MethodIcon } from '../contract/checkout.ts';
import type { WidgetContext } from './context.ts';

/** Runs `work` once the picker has been painted: what it brings must never delay the picker. */
export function afterPaint(work: () => void): void {
  (globalThis.requestAnimationFrame ?? setTimeout)(() => setTimeout(work, 0));
}

/** The method icons once their lazy chunk has loaded (logos.ts); the picker never waits for them. */
const icons = signal<Record<MethodIcon, string> | null>(null);
let iconsRequested = false;

/** Requests the icons after the picker's first paint, so they never delay it (design §2 Methods). */
export function requestIcons(): void {
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

/**
 * One method of the picker's radio group (picker.tsx, and method-search.tsx once "Show all" is
 * pressed): a native radio named by the method's label alone (`aria-labelledby`), described by its
 * one-line hint; the icon of its kind (every APM has one, design §2 Methods) is decoration.
 */
export function methodRadio({ m, t }: WidgetContext, { id, label, icon }: CheckoutMethod, payout: boolean) {
  const checked = m.selected.value === id;
  const paths = icons.value;
  return (
    <label key={id} class="kassa-method">
      <input
        type="radio"
        name="kassa-method"
        value={id}
        checked={checked}
        disabled={m.state.value === 'processing' && !checked}
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
  );
}
