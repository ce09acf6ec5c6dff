import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { mountWidget, resetDom } from '../test-dom.ts';
import { checkoutAnswer, sdkAction, voucherAction } from '../test-fixtures.ts';

afterEach(resetDom);

const status = (ui: ReturnType<typeof mountWidget>['ui']) => ui.getByRole('status').textContent ?? '';

describe('outcome screens', () => {
  it('turns a paid voucher into "Payment successful"', async () => {
    const { ui, server, state, events } = mountWidget({
      'api/checkout': () => checkoutAnswer({ method: 'okto-cash', action: voucherAction() }),
    });
    await waitFor(() => expect(status(ui)).toMatch(/^Payment pending/));
    await waitFor(() => expect(server.waitingPolls).toBe(1));
    server.resolveStatus({ status: 'succeeded', providerReference: 'n-1' });
    await waitFor(() => expect(status(ui)).toMatch(/^Payment successful/));
    expect(state()).toBe('succeeded');
    expect(ui.queryByRole('img')).toBeNull();
    expect(ui.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(events.at(-1)).toEqual({
      type: 'succeeded',
      orderId: 'ord_1',
      method: 'okto-cash',
      providerReference: 'n-1',
    });
  });

  it('shows "Payment failed" with Try again, which returns to the picker', async () => {
    const { ui, state } = mountWidget(
      {
        'api/checkout': () => checkoutAnswer(),
        'api/checkout/start': () => sdkAction(),
        'api/checkout/complete': () => ({ type: 'done', status: 'failed', reasonCode: 'declined' }),
      },
      { results: [{ result: 'DECLINED' }] },
    );
    fireEvent.click(await ui.findByRole('radio', { name: 'OKTO Cash' }));
    const pay = await ui.findByRole('button', { name: 'Pay €10.00' });
    await waitFor(() => expect((pay as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(pay);
    await waitFor(() => expect(status(ui)).toMatch(/^Payment failed/));
    expect(state()).toBe('failed');
    // Focus goes to the outcome's heading (never <body>); the amount and the reason follow it.
    const heading = ui.getByRole('heading', { name: 'Payment failed' });
    const root = heading.getRootNode() as ShadowRoot;
    await waitFor(() => expect(root.activeElement).toBe(heading));
    expect(status(ui)).toContain('€10.00');
    expect(status(ui)).toContain('OKTO Cash declined the payment.');
    fireEvent.click(ui.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(state()).toBe('ready'));
    expect((ui.getByRole('radio', { name: 'OKTO Cash' }) as HTMLInputElement).checked).toBe(true);
    await ui.findByRole('button', { name: 'Pay €10.00' });
    // Back at the picker, focus is on its label, not lost with the Try again button.
    await waitFor(() => expect(root.activeElement?.textContent).toBe('Payment method'));
  });

  it.each([
    ['failed', 'cancelled', 'failed', /^Payment cancelled/],
    ['failed', 'expired', 'failed', /^Payment expired/],
    ['cancelled', undefined, 'cancelled', /^Payment cancelled/],
    ['expired', undefined, 'expired', /^Payment expired/],
  ] as const)('words order %s (%s) as %s: %s', async (orderStatus, reasonCode, widgetState, text) => {
    const { ui, state } = mountWidget({
      'api/checkout': () =>
        checkoutAnswer({
          order: { ...checkoutAnswer().order, status: orderStatus },
          ...(reasonCode ? { reasonCode } : {}),
        }),
    });
    await waitFor(() => expect(status(ui)).toMatch(text));
    expect(state()).toBe(widgetState);
    expect(Boolean(ui.queryByRole('button', { name: 'Try again' }))).toBe(widgetState === 'failed');
  });

  it('words payouts as payouts', async () => {
    const { ui } = mountWidget({
      'api/checkout': () =>
        checkoutAnswer({ order: { ...checkoutAnswer().order, kind: 'payout', status: 'succeeded' } }),
    });
    await waitFor(() => expect(status(ui)).toMatch(/^Payout successful/));
  });

  it('shows a message and Try again when the server cannot be reached, and retries what failed', async () => {
    let attempts = 0;
    const { ui, state, events } = mountWidget({
      'api/checkout': () => {
        attempts++;
        if (attempts === 1)
          throw { status: 504, body: { error: { code: 'PROVIDER_TIMEOUT', message: 'slow' } } };
        return checkoutAnswer();
      },
    });
    await waitFor(() => expect(state()).toBe('error'));
    expect(status(ui)).toBe('The payment provider is not responding. Please try again.');
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'PROVIDER' });
    fireEvent.click(ui.getByRole('button', { name: 'Try again' }));
    await ui.findByRole('radiogroup', { name: 'Payment method' });
    expect(attempts).toBe(2);
  });

  it('explains an expired client token', async () => {
    const { ui, state } = mountWidget({
      'api/checkout': () => {
        throw { status: 401, body: { error: { code: 'TOKEN_EXPIRED', message: 'expired' } } };
      },
    });
    await waitFor(() => expect(state()).toBe('error'));
    expect(status(ui)).toBe(
      'This checkout session has expired. Please start the checkout again from the shop.',
    );
    // Trying again cannot help: the same token stays expired.
    expect(ui.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
