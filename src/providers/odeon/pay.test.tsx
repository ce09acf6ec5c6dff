import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountWidget, resetDom } from '../../test-dom.ts';
import { fakeOdeonPay, odeonCheckout, removeOdeonPay, widgetAction } from './odeon-fixtures.ts';
import { failureReason } from './payment-js.ts';

afterEach(() => {
  vi.restoreAllMocks();
  removeOdeonPay();
  resetDom();
});

type Widget = ReturnType<typeof mountWidget>;
const status = (widget: Widget) => widget.ui.getByRole('status').textContent ?? '';
const starts = (widget: Widget) => widget.server.calls.filter((call) => call.path === 'api/checkout/start');

/** The widget flow: "Card" chosen, `start` answered with the `widget` action, payment.js (fake) ready. */
async function widgetFlow(
  complete: (body: unknown) => unknown = () => ({ type: 'done', status: 'succeeded' }),
) {
  const odeon = fakeOdeonPay();
  const widget = mountWidget({
    'api/checkout': () => odeonCheckout('widget'),
    'api/checkout/start': () => widgetAction(),
    'api/checkout/complete': complete,
  });
  fireEvent.click(await widget.ui.findByRole('radio', { name: 'Card' }));
  const pay = await widget.ui.findByRole('button', { name: 'Pay €12.50' });
  await waitFor(() => expect(pay.getAttribute('aria-busy')).toBeNull());
  return { widget, odeon, pay };
}

describe('Odeon card widget (payment.js) flow', () => {
  it('prepares on selection, then charges synchronously inside the Pay click with the amount as a number', async () => {
    const { widget, odeon, pay } = await widgetFlow();
    expect(starts(widget).map((call) => call.body)).toEqual([{ method: 'odeon-card' }]);
    expect(widget.ui.getByText('You’ll enter your card details in the secure OdeonPay window.')).toBeTruthy();
    expect(widget.ui.queryByLabelText('Card number')).toBeNull();
    fireEvent.click(pay);
    // Before any await: the dialog opened within the click's user activation.
    expect(odeon.charges).toHaveLength(1);
    expect(odeon.last()?.options).toEqual({
      publicId: 'pbid_sandbox',
      amount: 12.5,
      currency: 'EUR',
      invoiceId: 'tx_9',
      description: 'Order 1001',
      accountId: 'maria@example.com',
      locale: 'en_US',
    });
    await waitFor(() => expect(status(widget)).toBe('Complete the payment in the OdeonPay window'));
    expect(widget.state()).toBe('action');
    expect(widget.events.map((event) => event.type)).toContain('action');
  });

  it('reports success to complete and shows the server’s outcome', async () => {
    const { widget, odeon, pay } = await widgetFlow();
    fireEvent.click(pay);
    odeon.last()?.onSuccess({ invoiceId: 'tx_9' });
    await waitFor(() => expect(status(widget)).toMatch(/^Payment successful/));
    expect(widget.server.calls.find((call) => call.path === 'api/checkout/complete')?.body).toEqual({
      transactionId: 'tx_9',
      result: { outcome: 'success' },
    });
    expect(widget.state()).toBe('succeeded');
  });

  it('reports a closed dialog as cancelled and a decline with its reason; the server decides the outcome', async () => {
    const bodies: unknown[] = [];
    const { widget, odeon, pay } = await widgetFlow((body) => {
      bodies.push(body);
      return { type: 'done', status: 'failed', reasonCode: 'cancelled' };
    });
    fireEvent.click(pay);
    odeon.last()?.onFail('User has cancelled the payment');
    await waitFor(() => expect(status(widget)).toMatch(/^Payment cancelled/));
    expect(bodies).toEqual([{ transactionId: 'tx_9', result: { outcome: 'failure', reason: 'cancelled' } }]);
    expect(widget.state()).toBe('failed');
    // Try again prepares a new dialog for the next click.
    fireEvent.click(widget.ui.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(starts(widget)).toHaveLength(2));
    expect(failureReason('Insufficient funds')).toBe('Insufficient funds');
    expect(failureReason(undefined)).toBe('failed');
    expect(failureReason({ message: 'Widget closed' })).toBe('cancelled');
  });

  it('fails as a provider error when payment.js throws in charge', async () => {
    const { widget, pay } = await widgetFlow();
    (globalThis as { OdeonPay?: unknown }).OdeonPay = class {
      charge() {
        throw new Error('boom');
      }
    };
    fireEvent.click(pay);
    await waitFor(() => expect(widget.state()).toBe('error'));
    expect(widget.events.at(-1)).toMatchObject({ type: 'error', code: 'PROVIDER' });
  });

  it('back after a reload with the `widget` action current: returns to the form and prepares a new dialog', async () => {
    const odeon = fakeOdeonPay();
    const widget = mountWidget({
      'api/checkout': () => ({
        ...odeonCheckout('widget', { method: 'odeon-card' }),
        action: widgetAction(),
      }),
      'api/checkout/start': () => widgetAction(),
      'api/checkout/complete': () => ({ type: 'done', status: 'succeeded' }),
    });
    const pay = await widget.ui.findByRole('button', { name: 'Pay €12.50' });
    await waitFor(() => expect(pay.getAttribute('aria-busy')).toBeNull());
    expect(widget.state()).toBe('ready');
    expect(starts(widget)).toHaveLength(1);
    expect(widget.events.map((event) => event.type)).not.toContain('action');
    fireEvent.click(pay);
    expect(odeon.charges).toHaveLength(1);
  });
});

describe('Odeon card on Odeon’s page (redirect and checkout flows)', () => {
  it('shows a one-line note, and starts with the effective theme and no fields', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...location, assign });
    const widget = mountWidget(
      {
        'api/checkout': () => odeonCheckout('checkout'),
        'api/checkout/start': () => ({ type: 'redirect', url: 'https://odeon.example/checkout/1' }),
      },
      { options: { theme: { accent: '#172650', radius: '4px' } } },
    );
    widget.host.parentElement?.style.setProperty('--kassa-text', '#111111');
    fireEvent.click(await widget.ui.findByRole('radio', { name: 'Card' }));
    expect(
      await widget.ui.findByText('You’ll enter your card details on the secure OdeonPay page.'),
    ).toBeTruthy();
    fireEvent.click(widget.ui.getByRole('button', { name: 'Pay €12.50' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://odeon.example/checkout/1'));
    expect(starts(widget)[0]?.body).toEqual({
      method: 'odeon-card',
      theme: {
        accent: '#172650',
        accentText: '#fff',
        text: expect.any(String),
        mutedText: '#4b5563',
        background: '#fff',
        border: '#6b7280',
        error: '#b91c1c',
        font: 'system-ui,sans-serif',
        radius: '4px',
      },
    });
    // Not a card form's redirect: the ordinary line, not the bank's.
    expect(status(widget)).toBe('Taking you to the payment page…');
  });
});
