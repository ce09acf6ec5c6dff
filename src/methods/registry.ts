import type { MethodDefinition } from './define.ts';

// Each method is its own lazily imported chunk, so a page loads only what the shopper uses.
const LOADERS: Record<string, () => Promise<{ method: MethodDefinition }>> = {
  'okto-cash': () => import('./okto-cash/index.ts'),
  paysafecard: () => import('./paysafecard/index.ts'),
};

/** Loads a method's definition by id; unknown ids resolve to `undefined`. */
export function loadMethod(id: string): Promise<MethodDefinition | undefined> {
  const load = LOADERS[id];
  return load ? load().then((module) => module.method) : Promise.resolve(undefined);
}
