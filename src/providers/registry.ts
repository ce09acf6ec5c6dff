import { signal } from '@preact/signals-core';
import type { ComponentType } from 'preact';
import type { NextAction } from '../contract/actions.ts';
import type { CheckoutMethod } from '../contract/checkout.ts';
import type { CheckoutMachine } from '../core/checkout.types.ts';
import { KassaError } from '../core/errors.ts';
import type { ActionHandler, MethodDefinition, MethodFormProps, WidgetProvider } from './define.ts';

/** A provider as the registry knows it before its code loads. */
interface ProviderEntry {
  /** Its widget module (`src/providers/<id>/index.ts`), a lazy chunk of its own. */
  load: () => Promise<{ provider: WidgetProvider }>;
  /**
   * Deposit methods whose provider page runs in a popup the widget opens inside the Pay click (design
   * §2 "paysafecard popup in progress"). Plain data here rather than in the provider's chunk: the
   * status text needs it before that chunk may have loaded (a shopper coming back to an ended attempt).
   */
  popups?: readonly string[];
  /**
   * Methods with a form of their own (`MethodDefinition.Form`, e.g. a card form): their form waits for
   * the provider's chunk instead of showing the generic fields first.
   */
  forms?: readonly string[];
}

/**
 * The widget's providers, by id (`CheckoutMethod.provider`). Adding a provider is a folder in
 * `src/providers/` and one line here; core and the views know providers only through this file.
 */
const PROVIDERS: Record<string, ProviderEntry> = {
  nuvei: { load: () => import('./nuvei/index.ts'), popups: ['paysafecard'] },
  odeon: { load: () => import('./odeon/index.ts'), forms: ['odeon-card'] },
  oct: { load: () => import('./oct/index.ts'), forms: ['oct-card'] },
};

const loaded = new Map<string, Promise<WidgetProvider | undefined>>();
/** The providers whose chunk has arrived, for views that render what they contribute. */
const arrived = signal<Readonly<Record<string, WidgetProvider>>>({});

/**
 * Loads a provider's widget module once; unknown ids resolve to `undefined`. A chunk that fails to
 * load is a `NETWORK` error and is asked for again next time.
 */
export function loadProvider(id: string): Promise<WidgetProvider | undefined> {
  let pending = loaded.get(id);
  if (!pending) {
    const entry = PROVIDERS[id];
    pending = entry
      ? entry.load().then(
          (module) => {
            arrived.value = { ...arrived.value, [id]: module.provider };
            return module.provider;
          },
          () => {
            loaded.delete(id);
            throw new KassaError('NETWORK', 'Part of the checkout could not be loaded.');
          },
        )
      : Promise.resolve(undefined);
    loaded.set(id, pending);
  }
  return pending;
}

/**
 * The method's own form (ui/method-form.tsx): `null` for the generic fields, `undefined` while its
 * provider's chunk loads (started here; a failure goes to `onError`). Read inside a view, it re-renders
 * when the chunk arrives.
 */
export function ownForm(
  method: Pick<CheckoutMethod, 'id' | 'provider'>,
  onError: (error: unknown) => void,
): ComponentType<MethodFormProps> | null | undefined {
  if (!PROVIDERS[method.provider]?.forms?.includes(method.id)) return null;
  const provider = arrived.value[method.provider];
  if (provider) return provider.methods[method.id]?.Form ?? null;
  loadProvider(method.provider).catch(onError);
  return undefined;
}

/** The method's browser side when its provider's chunk has arrived (synchronous: inside a click). */
export function loadedMethod(method: Pick<CheckoutMethod, 'id' | 'provider'>): MethodDefinition | undefined {
  return arrived.value[method.provider]?.methods[method.id];
}

/** Whether a deposit with this method opens the provider's page in a widget-managed popup. */
export function opensPopup(methodId: string): boolean {
  return Object.values(PROVIDERS).some((entry) => entry.popups?.includes(methodId));
}

/**
 * Finds who handles a next action: the provider the action names, else the selected method's (a
 * shopper coming back may have no method known, a status without `method`: then every provider, in
 * registry order). Within a provider: the selected method's handler, the provider's, then any of its
 * methods' (a voucher shown again after the method changed).
 */
export async function findActionHandler(
  m: CheckoutMachine,
  action: NextAction,
): Promise<ActionHandler | undefined> {
  const methodId = m.selected.value;
  const named = 'provider' in action ? action.provider : m.method()?.provider;
  const ids = named ? [named] : Object.keys(PROVIDERS);
  for (const id of ids) {
    const provider = await loadProvider(id);
    if (!provider) continue;
    const own = methodId ? provider.methods[methodId]?.actions?.[action.type] : undefined;
    const any = Object.values(provider.methods).find((method) => method.actions?.[action.type]);
    const found = own ?? provider.actions?.[action.type] ?? any?.actions?.[action.type];
    if (found) return found as ActionHandler;
  }
  return undefined;
}
