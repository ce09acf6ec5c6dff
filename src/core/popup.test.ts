import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NextAction } from '../contract/actions.ts';
import { redirectUrl } from '../providers/nuvei/pay.ts';
import {
  checkoutAnswer,
  type FakeWindow,
  fakeOpener,
  type fakeServer,
  fakeWindow,
  PSC_PAGE,
  paysafecardRedirect,
  paysafecardSdkAction,
} from '../test-fixtures.ts';
import { machineHarness } from './machine-harness.ts';
import { closePopup, POPUP_CHECK_MS, POPUP_FEATURES, POPUP_NAME, showPopup } from './popup.ts';

const _SERVER = new URL('https://pay.example/');
const POPUP_ACTION: NextAction = { type: 'redirect', url: PSC_PAGE, popup: true };

const PAYSAFECARD = {
  id: 'paysafecard',
  label: 'paysafecard',
  icon: 'prepaid',
  provider: 'nuvei',
  flow: 'sdk',
  fields: [
    { name: 'firstName', required: true },
    { name: 'lastName', required: true },
    { name: 'email', required: true },
  ],
} as const;

/** A machine with paysafecard, a fake server, a fake SDK and a scriptable `window.open`. */
function setup(
  routes: Parameters<typeof fakeServer>[0],
  windows: (FakeWindow | null)[],
  results: Record<string, unknown>[] = [paysafecardRedirect()],
) {
  const order: string[] = [];
  const opener = fakeOpener(windows);
  const harness = machineHarness(
    {
      'api/checkout': () =>
        checkoutAnswer({ methods: [{ ...PAYSAFECARD, fields: [...PAYSAFECARD.fields] }] }),
      'api/checkout/start': () => paysafecardSdkAction(),
      ...routes,
    },
    {
      results,
      onPay: () => order.push('createPayment'),
      openWindow: (url, name, features) => {
        order.push(`open ${url}`);
        return opener.open(url, name, features);
      },
    },
  );
  const { server } = harness;
  const completeBody = () =>
    server.calls.find((call) => call.path === 'api/checkout/complete')?.body as
      | { transactionId: string; result: Record<string, unknown> }
      | undefined;
  return { ...harness, opener, order, completeBody };
}

async function payWithPaysafecard(m: ReturnType<typeof setup>['m']) {
  await m.load();
  m.select('paysafecard');
  await vi.waitFor(() => expect(m.flow.value).not.toBeNull());
  await vi.waitFor(() => expect(m.preparing.value).toBe(false));
  expect(m.pay()).toBe(true);
}

const statusCalls = (server: ReturnType<typeof setup>['server'], query: string) =>
  server.calls.filter((call) => call.path === `api/checkout/status?${query}`).length;

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('paysafecard popup: opened by the widget inside the Pay click', () => {
  it('opens an empty named window before createPayment, sends it to the paysafecard page and completes with kassaPopup', async () => {
    const win = fakeWindow();
    const { m, opener, order, completeBody, events } = setup(
      { 'api/checkout/complete': () => POPUP_ACTION },
      [win],
    );
    await payWithPaysafecard(m);
    // Both synchronous, inside the click, the window first (user activation).
    expect(order).toEqual(['open about:blank', 'createPayment']);
    expect(opener.calls).toEqual([{ url: 'about:blank', name: POPUP_NAME, features: POPUP_FEATURES }]);
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    expect(win.visited).toEqual([PSC_PAGE]);
    expect(completeBody()).toEqual({
      transactionId: 'tx_1',
      result: { ...paysafecardRedirect(), kassaPopup: true },
    });
    expect(m.action.value).toEqual(POPUP_ACTION);
    expect(win.closed).toBe(false);
    expect(events.map((event) => event.type)).toEqual(['ready', 'method-selected', 'action']);
  });

  it('sends the window to the page the server names when the SDK’s answer named none', async () => {
    const win = fakeWindow();
    const { m, completeBody } = setup(
      { 'api/checkout/complete': () => POPUP_ACTION },
      [win],
      [{ result: 'REDIRECT', transactionStatus: 'REDIRECT' }],
    );
    await payWithPaysafecard(m);
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    expect(completeBody()?.result.kassaPopup).toBe(true);
    expect(win.visited).toEqual([PSC_PAGE]);
  });

  it('falls back to a full-page redirect when the browser blocks the window', async () => {
    const { m, completeBody, navigate } = setup(
      { 'api/checkout/complete': () => ({ type: 'redirect', url: PSC_PAGE, popup: false }) },
      [null],
    );
    await payWithPaysafecard(m);
    await vi.waitFor(() => expect(navigate.assign).toHaveBeenCalledWith(PSC_PAGE));
    expect(completeBody()?.result).toEqual({ ...paysafecardRedirect(), kassaPopup: false });
  });

  it('closes the window when the attempt ends at once (declined) or the server cannot be reached', async () => {
    const declined = fakeWindow();
    const first = setup(
      { 'api/checkout/complete': () => ({ type: 'done', status: 'failed', reasonCode: 'declined' }) },
      [declined],
      [{ result: 'DECLINED', transactionStatus: 'DECLINED' }],
    );
    await payWithPaysafecard(first.m);
    await vi.waitFor(() => expect(first.m.state.value).toBe('failed'));
    expect(declined.closed).toBe(true);
    expect(declined.visited).toEqual([]);
    expect(first.completeBody()?.result.kassaPopup).toBe(true);

    const unreachable = fakeWindow();
    const second = setup(
      {
        'api/checkout/complete': () => {
          throw { status: 503, body: 'down' };
        },
      },
      [unreachable],
    );
    await payWithPaysafecard(second.m);
    await vi.waitFor(() => expect(second.m.state.value).toBe('error'));
    expect(unreachable.closed).toBe(true);
  });

  it('does not open a window for OKTO Cash, nor tell the server about one', async () => {
    const { m, opener, server } = setup(
      {
        'api/checkout': () => checkoutAnswer(),
        'api/checkout/start': () => ({ ...paysafecardSdkAction(), paymentMethod: 'apmgw_OKTO_CASH' }),
        'api/checkout/complete': () => ({ type: 'done', status: 'pending' }),
      },
      [fakeWindow()],
      [{ result: 'PENDING' }],
    );
    await m.load();
    m.select('okto-cash');
    await vi.waitFor(() => expect(m.preparing.value).toBe(false));
    m.pay();
    await vi.waitFor(() => expect(m.state.value).toBe('pending'));
    expect(opener.calls).toEqual([]);
    const complete = server.calls.find((call) => call.path === 'api/checkout/complete');
    expect(complete?.body).toEqual({ transactionId: 'tx_1', result: { result: 'PENDING' } });
  });
});

describe('paysafecard popup: watched while the payment is in progress', () => {
  it('a window closed without paying: asks the status once, then cancels the still pending attempt', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const win = fakeWindow();
    const { m, server, events } = setup(
      {
        'api/checkout/complete': () => POPUP_ACTION,
        'api/checkout/cancel': () => ({ status: 'failed', reasonCode: 'cancelled', method: 'paysafecard' }),
      },
      [win],
    );
    await payWithPaysafecard(m);
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    // The long-poll is waiting (its first request asked at once, poll.ts); the window's watch asks
    // nothing while the window is open.
    // The payment's long-poll is waiting (beside the form's order watch, until that one answers).
    await vi.waitFor(() => expect(server.waitingPolls).toBe(2));
    const asked = statusCalls(server, 'wait=0');
    vi.advanceTimersByTime(POPUP_CHECK_MS * 3);
    expect(statusCalls(server, 'wait=0')).toBe(asked);

    // The server still has it pending (the shopper closed the paysafecard page): cancel it.
    server.setStatus({ status: 'pending', action: POPUP_ACTION, method: 'paysafecard' });
    win.closed = true;
    vi.advanceTimersByTime(POPUP_CHECK_MS);
    await vi.waitFor(() => expect(statusCalls(server, 'wait=0')).toBe(asked + 1));
    await vi.waitFor(() => expect(m.state.value).toBe('failed'));
    expect(server.calls.filter((call) => call.path === 'api/checkout/cancel')).toHaveLength(1);
    expect(m.outcome.value?.word).toBe('cancelled');
    expect(events.at(-1)).toMatchObject({ type: 'failed', reasonCode: 'cancelled', method: 'paysafecard' });
    // Watched once only: the interval is gone.
    vi.advanceTimersByTime(POPUP_CHECK_MS * 4);
    expect(statusCalls(server, 'wait=0')).toBe(asked + 1);
  });

  it('a window the return page closed after paying: shows the confirmed outcome, cancels nothing', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const win = fakeWindow();
    const { m, server } = setup({ 'api/checkout/complete': () => POPUP_ACTION }, [win]);
    await payWithPaysafecard(m);
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    // The payment's long-poll is waiting (beside the form's order watch, until that one answers).
    await vi.waitFor(() => expect(server.waitingPolls).toBe(2));
    const asked = statusCalls(server, 'wait=0');
    // Paid, and the return page closed the window before the long-poll heard of it.
    server.setStatus({ status: 'succeeded', method: 'paysafecard', providerReference: 'n-1' });
    win.closed = true;
    vi.advanceTimersByTime(POPUP_CHECK_MS);
    await vi.waitFor(() => expect(statusCalls(server, 'wait=0')).toBe(asked + 1));
    await vi.waitFor(() => expect(m.state.value).toBe('succeeded'));
    expect(server.calls.some((call) => call.path === 'api/checkout/cancel')).toBe(false);
  });

  it('an outcome from the long-poll (e.g. the 30-minute window ran out) closes the window', async () => {
    const win = fakeWindow();
    const { m, server } = setup({ 'api/checkout/complete': () => POPUP_ACTION }, [win]);
    await payWithPaysafecard(m);
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    await vi.waitFor(() => expect(server.waitingPolls).toBe(2));
    server.resolveStatus({ status: 'failed', reasonCode: 'expired', method: 'paysafecard' });
    await vi.waitFor(() => expect(m.state.value).toBe('failed'));
    expect(m.outcome.value?.word).toBe('expired');
    expect(win.closed).toBe(true);
  });

  it('"Cancel payment" closes the window and cancels the attempt', async () => {
    const win = fakeWindow();
    const { m, server } = setup(
      {
        'api/checkout/complete': () => POPUP_ACTION,
        'api/checkout/cancel': () => ({ status: 'failed', reasonCode: 'cancelled' }),
      },
      [win],
    );
    await payWithPaysafecard(m);
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    m.cancel();
    expect(win.closed).toBe(true);
    await vi.waitFor(() => expect(m.outcome.value?.word).toBe('cancelled'));
    expect(server.calls.filter((call) => call.path === 'api/checkout/cancel')).toHaveLength(1);
  });

  it('destroy closes the window and stops watching it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const win = fakeWindow();
    const { m, server, destroy } = setup({ 'api/checkout/complete': () => POPUP_ACTION }, [win]);
    await payWithPaysafecard(m);
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    const asked = statusCalls(server, 'wait=0');
    destroy.abort();
    expect(win.closed).toBe(true);
    vi.advanceTimersByTime(POPUP_CHECK_MS * 4);
    expect(statusCalls(server, 'wait=0')).toBe(asked);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('paysafecard popup: "Show paysafecard window"', () => {
  it('focuses the open window, reopens a closed one at the page URL, and reports a blocked one', async () => {
    const win = fakeWindow();
    const again = fakeWindow();
    const { m, opener } = setup({ 'api/checkout/complete': () => POPUP_ACTION }, [win, again, null]);
    await payWithPaysafecard(m);
    await vi.waitFor(() => expect(m.state.value).toBe('action'));

    expect(showPopup(m, PSC_PAGE)).toBe(true);
    expect(win.focused).toBe(1);
    expect(opener.calls).toHaveLength(1);

    win.closed = true;
    expect(showPopup(m, PSC_PAGE)).toBe(true);
    // The named window if it still exists, else a new one that is sent to the page.
    expect(opener.calls[1]).toEqual({ url: '', name: POPUP_NAME, features: POPUP_FEATURES });
    expect(again.visited).toEqual([PSC_PAGE]);
    expect(again.focused).toBe(1);

    again.closed = true;
    expect(showPopup(m, PSC_PAGE)).toBe(false);
    closePopup(m);
  });

  it('after a page reload finds the named window on the provider’s page and only focuses it', async () => {
    const existing = fakeWindow();
    existing.crossOrigin = true;
    const { m } = setup({}, [existing]);
    await m.load();
    expect(showPopup(m, PSC_PAGE)).toBe(true);
    expect(existing.visited).toEqual([]);
    expect(existing.focused).toBe(1);
    closePopup(m);
    expect(existing.closed).toBe(true);
  });
});

describe('redirectUrl', () => {
  it('reads paymentOption.redirectUrl or a top-level redirectURL, http(s) only', () => {
    expect(redirectUrl(paysafecardRedirect())).toBe(PSC_PAGE);
    expect(redirectUrl({ redirectURL: 'https://psc.example/a' })).toBe('https://psc.example/a');
    expect(redirectUrl({ paymentOption: { redirectUrl: 'javascript:alert(1)' } })).toBeUndefined();
    expect(redirectUrl({ result: 'DECLINED' })).toBeUndefined();
  });
});
