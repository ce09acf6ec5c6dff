/**
 * Component-test helpers (happy-dom): mounts the real widget with a fake server behind `fetch` and a
 * fake Nuvei SafeCharge, and queries inside its shadow root.
 */
import { within } from '@testing-library/preact';
import { vi } from 'vitest';
import type { KassaEvent } from './core/events.ts';
import type { MountOptions } from './core/options.ts';
import { mount } from './index.ts';
import { fakeSafeCharge, fakeServer } from './test-fixtures.ts';

/** Widgets mounted by the current test; `resetDom` destroys them, so no timer of theirs outlives it. */
const mounted: { destroy(): void }[] = [];

/** Mounts the widget into a fresh target in document.body. */
export function mountWidget(
  routes: Parameters<typeof fakeServer>[0],
  {
    results = [],
    options = {},
  }: { results?: Record<string, unknown>[]; options?: Partial<MountOptions> } = {},
) {
  const server = fakeServer(routes);
  vi.stubGlobal('fetch', server.fetch);
  const safeCharge = fakeSafeCharge(results);
  // A defined SafeCharge means the SDK script counts as loaded (see providers/nuvei/sdk.dom.test.tsx for the script).
  (window as unknown as { SafeCharge: unknown }).SafeCharge = safeCharge.factory;
  const target = document.createElement('div');
  document.body.append(target);
  const events: KassaEvent[] = [];
  const handle = mount(target, {
    server: 'https://pay.example/',
    session: 'tok',
    onEvent: (event) => events.push(event),
    ...options,
  });
  mounted.push(handle);
  const host = target.querySelector<HTMLElement>('[data-kassa-state]');
  if (!host?.shadowRoot) throw new Error('no widget host');
  const shadow = host.shadowRoot;
  const ui = within(shadow as unknown as HTMLElement);
  return {
    handle,
    host,
    shadow,
    ui,
    server,
    safeCharge,
    events,
    target,
    state: () => host.dataset.kassaState,
  };
}

/** Cleans up what `mountWidget` set globally. */
export function resetDom(): void {
  for (const handle of mounted.splice(0)) handle.destroy();
  vi.unstubAllGlobals();
  delete (window as unknown as { SafeCharge?: unknown }).SafeCharge;
  document.body.innerHTML = '';
}
