import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPayment, type SdkPort } from '../providers/nuvei/sdk.ts';
import { checkoutAnswer, fakeSafeCharge, fakeServer, sdkAction, voucherAction } from '../test-fixtures.ts';
import { createApi } from './api.ts';
import { createCheckoutMachine } from './checkout.machine.ts';
import type { KassaEvent } from './events.ts';

const SERVER = new URL('https://pay.example/kassa/');

function setup(routes: Parameters<typeof fakeServer>[0], results: Record<string, unknown>[] = []) {
  const server = fakeServer(routes);
  vi.stubGlobal('fetch', server.fetch);
  const safeCharge = fakeSafeCharge(results);
  const prepared: { url: string; token: string }[] = [];
  const sdk: SdkPort = {
    prepare: async (_settings, url, token) => {
      prepared.push({ url, token });
      return safeCharge.factory({ sessionToken: token });
    },
    pay: (instance, params, signal) => createPayment(instance, params, signal),
  };
  const destroy = new AbortController();
  const events: KassaEvent[] = [];
  const navigate = { assign: vi.fn(), postForm: vi.fn() };
  const m = createCheckoutMachine({
    api: createApi(SERVER, 'client-token', destroy.signal),
    emit: (event) => events.push(event),
    signal: destroy.signal,
    navigate,
    ports: { nuvei: sdk },
    server: SERVER,
  });
  const types = () => events.map((event) => event.type);
  return { m, server, safeCharge, prepared, destroy, events, types, navigate };
}

/** Lets pending promises (fetches, the lazy flow chunk) settle. */
const settle = () => vi.waitFor(() => {}).then(() => new Promise((resolve) => setTimeout(resolve, 0)));

afterEach(() => vi.unstubAllGlobals());

describe('checkout machine: loading and picking', () => {
  it('loads the checkout, announces ready and waits in the picker', async () => {
    const { m, server, types } = setup({ 'api/checkout': () => checkoutAnswer() });
    expect(m.state.value).toBe('loading');
    await m.load();
    expect(m.state.value).toBe('ready');
    expect(m.checkout.value?.methods.map((method) => method.label)).toEqual(['OKTO Cash', 'paysafecard']);
    expect(types()).toEqual(['ready']);
    expect(server.calls[0]).toMatchObject({ path: 'api/checkout', auth: 'Bearer client-token' });
  });

  it('opens the provider session when an SDK method is selected: start without fields, then the SDK', async () => {
    const { m, server, prepared, types } = setup({
      'api/checkout': () => checkoutAnswer(),
      'api/checkout/start': () => sdkAction(),
    });
    await m.load();
    m.select('okto-cash');
    expect(m.preparing.value).toBe(true);
    await vi.waitFor(() => expect(m.preparing.value).toBe(false));
    expect(server.calls.find((call) => call.path === 'api/checkout/start')).toEqual({
      path: 'api/checkout/start',
      body: { method: 'okto-cash' },
      auth: 'Bearer client-token',
    });
    // With the form shown, the widget watches for the order closing under the shopper.
    expect(server.calls.map((call) => call.path)).toContain('api/checkout/status?wait=0');
    await vi.waitFor(() =>
      expect(server.calls.map((call) => call.path)).toContain('api/checkout/status?wait=25&since=v0'),
    );
    expect(prepared).toEqual([
      { url: 'https://pay.example/sandbox/nuvei/safecharge.js', token: 'session-1' },
    ]);
    expect(m.values.value).toMatchObject({ firstName: 'Maria', email: 'maria@example.com' });
    expect(types()).toEqual(['ready', 'method-selected']);
  });

  it('shows an unreachable server as the error state, and Try again loads again', async () => {
    let up = false;
    const { m, events } = setup({
      'api/checkout': () => {
        if (!up) throw { status: 503, body: 'maintenance' };
        return checkoutAnswer();
      },
    });
    await m.load();
    expect(m.state.value).toBe('error');
    expect(m.canRetry.value).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'NETWORK', orderId: null });
    up = true;
    m.retry();
    await vi.waitFor(() => expect(m.state.value).toBe('ready'));
  });

  it('reports an expired client token as TOKEN_EXPIRED', async () => {
    const { m, events } = setup({
      'api/checkout': () => {
        throw { status: 401, body: { error: { code: 'TOKEN_EXPIRED', message: 'The order has expired.' } } };
      },
    });
    await m.load();
    expect(m.state.value).toBe('error');
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'TOKEN_EXPIRED' });
  });

  it('shows a returning shopper the current voucher at once', async () => {
    const { m, types } = setup({
      'api/checkout': () => checkoutAnswer({ method: 'okto-cash', action: voucherAction() }),
    });
    await m.load();
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    expect(m.action.value).toMatchObject({ type: 'voucher' });
    expect(m.selected.value).toBe('okto-cash');
    expect(types()).toEqual(['ready', 'action']);
  });

  it('words a returning shopper’s ended attempt by its reason', async () => {
    const { m, events } = setup({
      'api/checkout': () =>
        checkoutAnswer({
          order: { ...checkoutAnswer().order, status: 'failed' },
          reasonCode: 'cancelled',
        }),
    });
    await m.load();
    await vi.waitFor(() => expect(m.state.value).toBe('failed'));
    expect(m.outcome.value).toMatchObject({ word: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ type: 'failed', reasonCode: 'cancelled', orderId: 'ord_1' });
  });

  it('maps final order statuses to their own states', async () => {
    for (const status of ['succeeded', 'cancelled', 'expired'] as const) {
      const { m, types } = setup({
        'api/checkout': () => checkoutAnswer({ order: { ...checkoutAnswer().order, status }, methods: [] }),
      });
      await m.load();
      await vi.waitFor(() => expect(m.state.value).toBe(status));
      expect(types()).toEqual(['ready', status]);
    }
  });

  it('stops everything on destroy: no more requests or events', async () => {
    const { m, server, destroy, events } = setup({
      'api/checkout': () => checkoutAnswer({ method: 'okto-cash', action: voucherAction() }),
    });
    await m.load();
    await vi.waitFor(() => expect(server.waitingPolls).toBe(1));
    const seen = events.length;
    destroy.abort();
    await settle();
    server.resolveStatus({ status: 'succeeded' });
    await settle();
    expect(events).toHaveLength(seen);
    // The immediate status request and the long-poll it led to; nothing after destroy.
    expect(server.calls.filter((call) => call.path.startsWith('api/checkout/status'))).toHaveLength(2);
  });
});
