import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NextAction } from '../contract/actions.ts';
import { checkoutAnswer, type fakeServer, PSC_PAGE, sdkAction } from '../test-fixtures.ts';
import { isResumed } from './actions.ts';
import { machineHarness } from './machine-harness.ts';

const _SERVER = new URL('https://pay.example/');

function setup(routes: Parameters<typeof fakeServer>[0]) {
  return machineHarness(routes);
}

const watchPolls = (server: ReturnType<typeof setup>['server']) =>
  server.calls.filter((call) => call.path.startsWith('api/checkout/status?wait=25')).length;

afterEach(() => vi.unstubAllGlobals());

describe('the order closing under the shopper', () => {
  it.each([
    ['cancelled', 'cancelled'],
    ['expired', 'expired'],
    ['succeeded', 'successful'],
  ] as const)('while the form is shown, an order %s shows at once', async (status, word) => {
    const { m, server, types } = setup({
      'api/checkout': () => checkoutAnswer(),
      'api/checkout/start': () => sdkAction(),
    });
    await m.load();
    m.select('okto-cash');
    await vi.waitFor(() => expect(m.preparing.value).toBe(false));
    await vi.waitFor(() => expect(server.waitingPolls).toBe(1));
    server.resolveStatus({ status, version: 'v2' });
    await vi.waitFor(() => expect(m.state.value).toBe(status));
    expect(m.outcome.value?.word).toBe(word);
    expect(types()).toEqual(['ready', 'method-selected', status]);
  });

  it('ignores the answers that leave the order open, and keeps watching with `since`', async () => {
    const { m, server } = setup({
      'api/checkout': () => checkoutAnswer(),
      'api/checkout/start': () => sdkAction(),
    });
    await m.load();
    m.select('okto-cash');
    await vi.waitFor(() => expect(server.waitingPolls).toBe(1));
    server.resolveStatus({ status: 'failed', version: 'v1' });
    await vi.waitFor(() => expect(server.calls.at(-1)?.path).toBe('api/checkout/status?wait=25&since=v1'));
    expect(m.state.value).toBe('ready');
    server.resolveStatus({ status: 'pending', version: 'v2' });
    await vi.waitFor(() => expect(server.calls.at(-1)?.path).toBe('api/checkout/status?wait=25&since=v2'));
    expect(m.state.value).toBe('ready');
  });

  it('after an ended attempt ("Payment cancelled", Try again shown) a merchant cancel still shows', async () => {
    const { m, server } = setup({
      'api/checkout': () =>
        checkoutAnswer({ order: { ...checkoutAnswer().order, status: 'failed' }, reasonCode: 'cancelled' }),
    });
    await m.load();
    await vi.waitFor(() => expect(m.state.value).toBe('failed'));
    await vi.waitFor(() => expect(server.waitingPolls).toBe(1));
    server.resolveStatus({ status: 'cancelled' });
    await vi.waitFor(() => expect(m.state.value).toBe('cancelled'));
  });

  it('stops watching on destroy', async () => {
    const { m, server, destroy } = setup({
      'api/checkout': () => checkoutAnswer(),
      'api/checkout/start': () => sdkAction(),
    });
    await m.load();
    m.select('okto-cash');
    await vi.waitFor(() => expect(server.waitingPolls).toBe(1));
    const before = watchPolls(server);
    destroy.abort();
    server.resolveStatus({ status: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(watchPolls(server)).toBe(before);
    expect(m.state.value).toBe('ready');
  });
});

describe('a shopper coming back to an unfinished full-page redirect', () => {
  const redirect: NextAction = { type: 'redirect', url: PSC_PAGE, popup: false };

  it('is offered "Continue" rather than sent away again (the Back button must not loop)', async () => {
    const { m, navigate, server } = setup({
      'api/checkout': () => checkoutAnswer({ method: 'paysafecard', action: redirect }),
      'api/checkout/cancel': () => ({ status: 'failed', reasonCode: 'cancelled' }),
    });
    await m.load();
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    expect(m.action.value).toEqual(redirect);
    expect(isResumed(m.action.value)).toBe(true);
    expect(navigate.assign).not.toHaveBeenCalled();
    // Still long-polled, so a result that arrives meanwhile shows.
    await vi.waitFor(() => expect(server.waitingPolls).toBe(1));
    m.cancel();
    await vi.waitFor(() => expect(m.outcome.value?.word).toBe('cancelled'));
  });

  it('but a redirect that answers the Pay click is taken at once', async () => {
    const { m, navigate } = setup({
      'api/checkout': () =>
        checkoutAnswer({
          methods: [
            {
              id: 'paysafecard',
              label: 'paysafecard',
              icon: 'prepaid',
              provider: 'nuvei',
              flow: 'server',
              fields: [],
            },
          ],
        }),
      'api/checkout/start': () => redirect,
    });
    await m.load();
    m.select('paysafecard');
    await vi.waitFor(() => expect(m.flow.value).not.toBeNull());
    m.pay();
    await vi.waitFor(() => expect(navigate.assign).toHaveBeenCalledWith(PSC_PAGE));
    expect(isResumed(m.action.value)).toBe(false);
  });
});
