import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CheckoutMachine } from '../core/checkout.machine.ts';
import type { Translate } from '../i18n/index.ts';

/** What every view needs: the machine, the translator, the locale tag and the host element. */
export interface WidgetContext {
  m: CheckoutMachine;
  t: Translate;
  locale: string;
  host: HTMLElement;
}

/** The widget's context, provided by `App`. */
export const Ctx = createContext<WidgetContext>(null as unknown as WidgetContext);

/** Reads the widget's context. */
export function useWidget(): WidgetContext {
  return useContext(Ctx);
}
