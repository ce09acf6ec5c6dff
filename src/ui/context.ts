import { createContext } from 'preact';
import type { CheckoutMachine } from '../core/checkout.types.ts';
import type { Translate } from '../i18n/index.ts';

/** What every view needs: the machine, the translator, the locale tag and the host element. */
export interface WidgetContext {
  m: CheckoutMachine;
  t: Translate;
  locale: string;
  host: HTMLElement;
}

/**
 * The widget's context, provided by `App`. The initial views (app, picker) take it as a prop; the
 * lazily loaded views read it with `useWidget` (use-widget.ts), so `preact/hooks` stays out of the
 * initial load.
 */
export const Ctx = createContext<WidgetContext>(null as unknown as WidgetContext);
