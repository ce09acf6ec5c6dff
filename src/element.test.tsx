import { waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import './element.ts';
import type { KassaEvent } from './core/events.ts';
import { resetDom } from './test-dom.ts';
import { checkoutAnswer, fakeServer } from './test-fixtures.ts';

afterEach(resetDom);

function element(attributes: Record<string, string>) {
  const el = document.createElement('kassa-checkout');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

describe('<kassa-checkout>', () => {
  it('is defined on import and mounts into itself with an open shadow root', async () => {
    const server = fakeServer({ 'api/checkout': () => checkoutAnswer() });
    vi.stubGlobal('fetch', server.fetch);
    expect(customElements.get('kassa-checkout')).toBeDefined();
    const el = element({ server: 'https://pay.example', session: 'tok', locale: 'en' });
    document.body.append(el);
    await waitFor(() => expect(el.querySelector('[data-kassa-state=ready]')).not.toBeNull());
    const host = el.querySelector('[data-kassa-state]');
    expect(host?.parentElement).toBe(el);
    expect(host?.shadowRoot?.mode).toBe('open');
    expect(server.calls[0]?.auth).toBe('Bearer tok');
  });

  it('re-dispatches every widget event as a bubbling, composed kassa:<type> CustomEvent', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'api/checkout': () => checkoutAnswer() }).fetch);
    const seen: CustomEvent<KassaEvent>[] = [];
    document.addEventListener('kassa:ready', (event) => seen.push(event as CustomEvent<KassaEvent>));
    document.body.append(element({ server: 'https://pay.example', session: 'tok' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]?.detail).toEqual({ type: 'ready', orderId: 'ord_1', method: null });
    expect(seen[0]?.bubbles).toBe(true);
    expect(seen[0]?.composed).toBe(true);
  });

  it('reports a missing attribute as kassa:error naming the option', async () => {
    const errors: KassaEvent[] = [];
    document.addEventListener('kassa:error', (event) =>
      errors.push((event as CustomEvent<KassaEvent>).detail),
    );
    document.body.append(element({ server: 'https://pay.example' }));
    await waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ type: 'error', code: 'CONFIGURATION', option: 'session' });
  });

  it('remounts once when attributes change and cleans up when removed', async () => {
    const server = fakeServer({ 'api/checkout': () => checkoutAnswer() });
    vi.stubGlobal('fetch', server.fetch);
    const el = element({ server: 'https://pay.example', session: 'one' });
    document.body.append(el);
    await waitFor(() => expect(server.calls).toHaveLength(1));
    el.setAttribute('session', 'two');
    el.setAttribute('locale', 'el');
    await waitFor(() => expect(server.calls).toHaveLength(2));
    expect(server.calls[1]?.auth).toBe('Bearer two');
    expect(el.querySelectorAll('[data-kassa-state]')).toHaveLength(1);
    el.remove();
    await waitFor(() => expect(el.querySelector('[data-kassa-state]')).toBeNull());
  });
});
