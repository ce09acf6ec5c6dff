import type { MethodDefinition } from './define.ts';

// Each method is its own lazily imported chunk, so a page loads only what the shopper uses.
const LOADERS: Record<string, () => Promise<{ method: MethodDefinition }>> = {
  'okto-cash': () => import('./okto-cash/index.ts'),
  paysafecard: () => import('./paysafecard/index.ts'),
};

/**
 * Deposit methods whose provider page runs in a popup the widget opens inside the Pay click (design §2
 * "paysafecard popup in progress"). Plain data here rather than in the method chunk: the click must open
 * the window synchronously, and loading OKTO's chunk (pay-code libraries) early just to learn "no" would
 * defeat its laziness.
 */
const POPUP_METHODS: readonly string[] = ['paysafecard'];

/** Whether a deposit with this method opens the provider's page in a widget-managed popup. */
export function opensPopup(id: string): boolean {
  return POPUP_METHODS.includes(id);
}

/** Loads a method's definition by id; unknown ids resolve to `undefined`. */
export function loadMethod(id: string): Promise<MethodDefinition | undefined> {
  const load = LOADERS[id];
  return load ? load().then((module) => module.method) : Promise.resolve(undefined);
}
