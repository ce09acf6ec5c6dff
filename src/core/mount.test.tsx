import { waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '../index.ts';
import { mountWidget, resetDom } from '../test-dom.ts';
import { checkoutAnswer, voucherAction } from '../test-fixtures.ts';
import { startEarlyRequest } from './early-request.ts';
import type { KassaEvent } from './events.ts';
import { mountWith } from './mount.tsx';

afterEach(resetDom);

describe('mount', () => {
  it('creates its own host with an open shadow root and reflects the state on it', async () => {
    const { host, target, ui, state } = mountWidget({ 'api/checkout': () => checkoutAnswer() });
    expect(host.parentElement).toBe(target);
    expect(host.shadowRoot?.mode).toBe('open');
    expect(state()).toBe('loading');
    await waitFor(() => expect(state()).toBe('ready'));
    expect(ui.getByRole('radiogroup', { name: 'Payment method' })).toBeTruthy();
    expect(ui.getAllByRole('status')).toHaveLength(1);
  });

  it('dispatches events after mount returns, so listeners added right after still hear them', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(checkoutAnswer()))));
    const target = document.createElement('div');
    document.body.append(target);
    const handle = mount(target, { server: 'https://pay.example', session: 'tok' });
    const seen: KassaEvent[] = [];
    const off = handle.on('ready', (event) => seen.push(event));
    await waitFor(() => expect(seen).toEqual([{ type: 'ready', orderId: 'ord_1', method: null }]));
    off();
    handle.destroy();
  });

  it('reports a bad option as a CONFIGURATION error naming it, in the error state, without throwing', async () => {
    const target = document.createElement('div');
    document.body.append(target);
    const handle = mount(target, { server: 'https://pay.example', session: '' });
    const errors: KassaEvent[] = [];
    handle.on('error', (event) => errors.push(event));
    await waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({
      type: 'error',
      code: 'CONFIGURATION',
      option: 'session',
      orderId: null,
    });
    const host = target.querySelector<HTMLElement>('[data-kassa-state]');
    expect(host?.dataset.kassaState).toBe('error');
    await waitFor(() =>
      expect(host?.shadowRoot?.querySelector('[role=status]')?.textContent).toBe(
        'This checkout is not set up correctly. Please contact the shop.',
      ),
    );
    expect(host?.shadowRoot?.querySelector('button')).toBeNull();
  });

  it('reports a missing target with the event only (no host anywhere)', async () => {
    const onEvent = vi.fn();
    const handle = mount('#nowhere', { server: 'https://pay.example', session: 'tok', onEvent });
    expect(onEvent).not.toHaveBeenCalled();
    await waitFor(() => expect(onEvent).toHaveBeenCalledOnce());
    expect(onEvent.mock.calls[0]?.[0]).toMatchObject({
      type: 'error',
      code: 'CONFIGURATION',
      option: 'target',
    });
    expect(document.querySelector('[data-kassa-state]')).toBeNull();
    expect(() => mount('##bad selector', { server: 'https://pay.example', session: 'tok' })).not.toThrow();
    handle.destroy();
  });

  it('themes through a constructed stylesheet, never a style element or attribute', async () => {
    const { shadow, state } = mountWidget(
      { 'api/checkout': () => checkoutAnswer({ method: 'okto-cash', action: voucherAction() }) },
      { options: { theme: { accent: '#172650', radius: '2px' } } },
    );
    // The voucher's chunk (qrcode, jsbarcode) is transformed on first use: give it more than 1 s.
    await waitFor(() => expect(shadow.querySelector('svg[role=img]')).not.toBeNull(), { timeout: 5_000 });
    expect(state()).toBe('action');
    const css = shadow.adoptedStyleSheets
      .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
      .join('\n');
    expect(css).toContain('--kassa-accent: #172650');
    expect(css).toContain('.kassa-voucher');
    expect(shadow.querySelector('style')).toBeNull();
    expect(shadow.querySelector('[style]')).toBeNull();
    expect(document.querySelector('style, [style]')).toBeNull();
  });

  it('destroy leaves nothing behind: host, pending long-poll, timers, listeners', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { handle, host, server, events, target } = mountWidget({
      'api/checkout': () => checkoutAnswer({ method: 'okto-cash', action: voucherAction() }),
    });
    await waitFor(() => expect(server.waitingPolls).toBe(1));
    await waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(0));
    // The voucher is up: its countdown runs and it isolates the widget for printing.
    await waitFor(() => expect(document.querySelector('[data-kassa-print]')).not.toBeNull());
    const poll = server.calls.length;
    const seen = events.length;
    handle.destroy();
    expect(host.isConnected).toBe(false);
    expect(target.childElementCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(document.querySelector('[data-kassa-print]')).toBeNull();
    expect(document.adoptedStyleSheets).toHaveLength(0);
    server.resolveStatus({ status: 'succeeded' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.calls).toHaveLength(poll);
    expect(events).toHaveLength(seen);
    vi.useRealTimers();
  });

  it('shows the picker from the loader’s early request without a second GET, and destroy aborts it', async () => {
    const fetch = vi.fn((_url: URL | string, _init?: RequestInit) =>
      Promise.resolve(new Response(JSON.stringify(checkoutAnswer()))),
    );
    vi.stubGlobal('fetch', fetch);
    const options = { server: 'https://pay.example', session: 'tok' };
    const early = startEarlyRequest(options);
    const target = document.createElement('div');
    document.body.append(target);
    const handle = mountWith(target, options, early);
    expect(early?.taken).toBe(true);
    const host = target.querySelector<HTMLElement>('[data-kassa-state]');
    await waitFor(() => expect(host?.dataset.kassaState).toBe('ready'));
    expect(host?.shadowRoot?.querySelector('[role=radiogroup]')).not.toBeNull();
    expect(fetch).toHaveBeenCalledOnce();
    handle.destroy();

    // A request still in flight when the widget is destroyed is aborted.
    fetch.mockImplementationOnce(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError'))),
        ),
    );
    const pending = startEarlyRequest(options);
    const second = mountWith(target, options, pending);
    second.destroy();
    expect(fetch.mock.calls[1]?.[1]?.signal?.aborted).toBe(true);
    expect(target.childElementCount).toBe(0);
  });
});
