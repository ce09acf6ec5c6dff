import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NextAction } from '../contract/actions.ts';
import { POPUP_NAME } from '../core/popup.ts';
import { odeonCard } from '../providers/odeon/odeon-fixtures.ts';
import { mountWidget, resetDom } from '../test-dom.ts';
import {
  checkoutAnswer,
  fakeOpener,
  fakeWindow,
  PSC_PAGE,
  paysafecardRedirect,
  paysafecardSdkAction,
} from '../test-fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
  resetDom();
});

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

const POPUP_ACTION: NextAction = { type: 'redirect', url: PSC_PAGE, popup: true };
const paysafecardCheckout = (extra: Parameters<typeof checkoutAnswer>[0] = {}) =>
  checkoutAnswer({ methods: [{ ...PAYSAFECARD, fields: [...PAYSAFECARD.fields] }], ...extra });

const status = (ui: ReturnType<typeof mountWidget>['ui']) => ui.getByRole('status').textContent ?? '';

/** Replaces `window.open` with a scriptable one. */
function stubOpen(windows: Parameters<typeof fakeOpener>[0]) {
  const opener = fakeOpener(windows);
  vi.spyOn(window, 'open').mockImplementation(
    (url, name, features) => opener.open(String(url), String(name), String(features)) as never,
  );
  return opener;
}

/** Mounts paysafecard, selects it and presses Pay; the server answers the popup action. */
async function payInPopup(routes: Parameters<typeof mountWidget>[0] = {}) {
  const widget = mountWidget(
    {
      'api/checkout': () => paysafecardCheckout(),
      'api/checkout/start': () => paysafecardSdkAction(),
      'api/checkout/complete': () => POPUP_ACTION,
      ...routes,
    },
    { results: [paysafecardRedirect()] },
  );
  fireEvent.click(await widget.ui.findByRole('radio', { name: 'paysafecard' }));
  const pay = await widget.ui.findByRole('button', { name: 'Pay €10.00' });
  await waitFor(() => expect((pay as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(pay);
  await waitFor(() => expect(widget.state()).toBe('action'));
  return widget;
}

describe('paysafecard popup in progress (design §2)', () => {
  it('opens the window in the click and shows "Continue in the paysafecard window" with its two buttons', async () => {
    const win = fakeWindow();
    const opener = stubOpen([win]);
    const { ui, shadow } = await payInPopup();
    expect(opener.calls[0]).toMatchObject({ url: 'about:blank', name: POPUP_NAME });
    await waitFor(() => expect(win.visited).toEqual([PSC_PAGE]));
    expect(status(ui)).toBe('Continue in the paysafecard window');
    const show = await ui.findByRole('button', { name: 'Show paysafecard window' });
    ui.getByRole('button', { name: 'Cancel payment' });
    // The Pay button is gone: focus moves to the status that says where the payment goes on.
    await waitFor(() => expect(shadow.activeElement).toBe(ui.getByRole('status')));
    expect(ui.getAllByRole('status')).toHaveLength(1);

    fireEvent.click(show);
    expect(win.focused).toBe(1);
    expect(opener.calls).toHaveLength(1);
  });

  it('"Cancel payment" closes the window and shows "Payment cancelled" with Try again', async () => {
    const win = fakeWindow();
    stubOpen([win]);
    const { ui, server, state } = await payInPopup({
      'api/checkout/cancel': () => ({ status: 'failed', reasonCode: 'cancelled', method: 'paysafecard' }),
    });
    fireEvent.click(await ui.findByRole('button', { name: 'Cancel payment' }));
    expect(win.closed).toBe(true);
    await waitFor(() => expect(status(ui)).toMatch(/^Payment cancelled/));
    expect(state()).toBe('failed');
    ui.getByRole('button', { name: 'Try again' });
    expect(server.calls.filter((call) => call.path === 'api/checkout/cancel')).toHaveLength(1);
  });

  it('reopens a closed window at the paysafecard page, and says so when the browser blocks it', async () => {
    const win = fakeWindow();
    const again = fakeWindow();
    stubOpen([win, again, null]);
    const { ui } = await payInPopup();
    const show = await ui.findByRole('button', { name: 'Show paysafecard window' });
    win.closed = true;
    fireEvent.click(show);
    expect(again.visited).toEqual([PSC_PAGE]);
    expect(ui.queryByRole('alert')).toBeNull();
    again.closed = true;
    fireEvent.click(show);
    await waitFor(() =>
      expect(ui.getByRole('alert').textContent).toBe(
        'Your browser blocked the paysafecard window. Allow pop-ups, then press “Show paysafecard window”.',
      ),
    );
  });

  it('the outcome closes the window; destroy closes it too', async () => {
    const first = fakeWindow();
    stubOpen([first]);
    const paid = await payInPopup();
    // The payment's long-poll waits (beside the form's order watch, until that one answers).
    await waitFor(() => expect(paid.server.waitingPolls).toBe(2));
    paid.server.resolveStatus({ status: 'succeeded', method: 'paysafecard' });
    await waitFor(() => expect(status(paid.ui)).toMatch(/^Payment successful/));
    expect(first.closed).toBe(true);
    paid.handle.destroy();
    resetDom();

    const second = fakeWindow();
    stubOpen([second]);
    const left = await payInPopup();
    left.handle.destroy();
    expect(second.closed).toBe(true);
  });
});

describe('a full-page redirect the shopper came back from unfinished', () => {
  it('offers "Continue to paysafecard" and "Cancel payment" instead of leaving the page again', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const { ui, state } = mountWidget({
      'api/checkout': () =>
        paysafecardCheckout({
          method: 'paysafecard',
          action: { type: 'redirect', url: PSC_PAGE, popup: false },
        }),
    });
    await waitFor(() => expect(state()).toBe('action'));
    await waitFor(() =>
      expect(status(ui)).toBe(
        'Your paysafecard payment is not finished. Continue to paysafecard to pay, or cancel it.',
      ),
    );
    ui.getByRole('button', { name: 'Continue to paysafecard' });
    ui.getByRole('button', { name: 'Cancel payment' });
    expect(assign).not.toHaveBeenCalled();
    fireEvent.click(ui.getByRole('button', { name: 'Continue to paysafecard' }));
    expect(assign).toHaveBeenCalledWith(PSC_PAGE);
  });

  it('after Back from the bank: "Continue to your bank" posts the 3-D Secure form again, on click only', async () => {
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    const bank: NextAction = {
      type: 'form-post',
      url: 'https://acs.example/3ds',
      fields: { PaReq: 'p', MD: '1' },
    };
    const { ui, state } = mountWidget({
      'api/checkout': () =>
        checkoutAnswer({ methods: [odeonCard('direct')], method: 'odeon-card', action: bank }),
    });
    await waitFor(() => expect(state()).toBe('action'));
    await waitFor(() =>
      expect(status(ui)).toBe(
        'Your bank has not confirmed this card payment yet. Continue to your bank to confirm it, or cancel the payment.',
      ),
    );
    expect(ui.queryByRole('button', { name: 'Continue to Card' })).toBeNull();
    ui.getByRole('button', { name: 'Cancel payment' });
    expect(submit).not.toHaveBeenCalled();
    fireEvent.click(ui.getByRole('button', { name: 'Continue to your bank' }));
    expect(submit).toHaveBeenCalledTimes(1);
    const form = submit.mock.contexts[0] as HTMLFormElement;
    expect(form.action).toBe('https://acs.example/3ds');
    expect(new FormData(form).get('PaReq')).toBe('p');
  });

  it('reloads the checkout when Back restores the page from the back/forward cache', async () => {
    const server = {
      id: 'paysafecard',
      label: 'paysafecard',
      icon: 'prepaid',
      provider: 'nuvei',
      flow: 'server',
      fields: [],
    } as const;
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    let loads = 0;
    let redirect: NextAction = { type: 'redirect', url: 'about:blank#psc', popup: false };
    const widget = mountWidget({
      'api/checkout': () => {
        loads++;
        return checkoutAnswer({
          methods: [{ ...server, fields: [] }],
          ...(loads > 1 ? { method: 'paysafecard', action: redirect } : {}),
        });
      },
      'api/checkout/start': () => redirect,
    });
    fireEvent.click(await widget.ui.findByRole('radio', { name: 'paysafecard' }));
    fireEvent.click(await widget.ui.findByRole('button', { name: 'Pay €10.00' }));
    await waitFor(() => expect(widget.state()).toBe('action'));
    expect(status(widget.ui)).toBe('Taking you to the payment page…');
    expect(assign).toHaveBeenCalledWith('about:blank#psc');
    redirect = { ...redirect };
    // happy-dom's PageTransitionEvent ignores `persisted`; a restored page's event has it true.
    const restored = new Event('pageshow');
    Object.defineProperty(restored, 'persisted', { value: true });
    window.dispatchEvent(restored);
    await waitFor(() => expect(loads).toBe(2));
    await widget.ui.findByRole('button', { name: 'Continue to paysafecard' });
  });
});
