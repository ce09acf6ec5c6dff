import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountWidget, resetDom } from '../../../test-dom.ts';
import { checkoutAnswer, PAY_CODE, voucherAction } from '../../../test-fixtures.ts';
import { HOUR_MS, MINUTE_MS } from './countdown.ts';

afterEach(() => {
  vi.useRealTimers();
  resetDom();
});

function showVoucher(action = voucherAction()) {
  return mountWidget({ 'api/checkout': () => checkoutAnswer({ method: 'okto-cash', action }) });
}

describe('OKTO voucher', () => {
  it('draws the QR code as SVG shapes named "Pay code QR code" and toggles to the GS1-128 barcode', async () => {
    const { ui, shadow } = showVoucher();
    const qr = await ui.findByRole('img', { name: 'Pay code QR code' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M4 4h7v1h-7z/);
    fireEvent.click(ui.getByRole('button', { name: 'Show barcode' }));
    const barcode = await ui.findByRole('img', { name: 'Pay code barcode' });
    expect(barcode.querySelectorAll('rect').length).toBeGreaterThan(20);
    expect(ui.queryByRole('img', { name: 'Pay code QR code' })).toBeNull();
    fireEvent.click(ui.getByRole('button', { name: 'Show QR code' }));
    await ui.findByRole('img', { name: 'Pay code QR code' });
    expect(shadow.querySelector('[style]')).toBeNull();
  });

  it('shows a barcode only, without a toggle, where there is no alternate form (IT, RO, DE)', async () => {
    const { ui } = showVoucher(voucherAction({ format: 'gs1-128', alternateFormat: undefined }));
    await ui.findByRole('img', { name: 'Pay code barcode' });
    expect(ui.queryByRole('button', { name: /Show/ })).toBeNull();
  });

  it('shows the code as read-only text, the amount and the expiry', async () => {
    const { ui } = showVoucher();
    const code = (await ui.findByLabelText('Pay code')) as HTMLTextAreaElement;
    // Grouped by GS1 element so it wraps at 320 px and is read out group by group (design §2).
    expect(code.value).toBe('(415)5412345678908 (3902)001000 (8020)1234567890');
    expect(code.value.replace(/ /g, '')).toBe(PAY_CODE);
    expect(code.readOnly).toBe(true);
    expect(ui.getByRole('heading', { name: 'Pay €10.00 in cash' })).toBeTruthy();
    expect(ui.getByText('Order 1001')).toBeTruthy();
    expect(ui.getByText(/pay €10\.00 in cash/)).toBeTruthy();
    expect(ui.getByText(/^Expires /).textContent).toContain('2026');
  });

  it('names the shop when the merchant set KASSA_MERCHANT_NAME', async () => {
    const answer = checkoutAnswer({ method: 'okto-cash', action: voucherAction() });
    const { ui } = mountWidget({
      'api/checkout': () => ({ ...answer, order: { ...answer.order, merchantName: 'Kassa Books' } }),
    });
    await ui.findByText('to Kassa Books');
    expect(ui.queryByText('Order 1001')).toBeNull();
  });

  it('copies the code exactly as shown and announces “Copied” outside the status element', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { ui, shadow } = showVoucher();
    fireEvent.click(await ui.findByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith(
      ((await ui.findByLabelText('Pay code')) as HTMLTextAreaElement).value,
    );
    const live = shadow.querySelector('[aria-live=polite]');
    await waitFor(() => expect(live?.textContent).toBe('Copied'));
    expect(live?.getAttribute('role')).toBeNull();
    expect(ui.getAllByRole('status')).toHaveLength(1);
    expect(ui.getByRole('button', { name: 'Copy code' })).toBeTruthy();
  });

  it('links to the store locator in a new tab and prints', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const { ui, host } = showVoucher();
    const link = await ui.findByRole('link', { name: 'Find a store' });
    expect(link.getAttribute('href')).toBe('https://okto.example/stores');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    fireEvent.click(ui.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    // While a voucher is shown, only the widget prints (a document-level constructed sheet).
    await waitFor(() => expect(host.hasAttribute('data-kassa-print')).toBe(true));
    expect(
      document.adoptedStyleSheets.some((sheet) =>
        [...sheet.cssRules].some((r) => r.cssText.includes('print')),
      ),
    ).toBe(true);
  });

  it('announces the time left at step changes, not every second', async () => {
    const start = Date.parse('2026-11-22T10:00:00Z');
    vi.useFakeTimers({ now: start, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const expiresAt = new Date(start + HOUR_MS + 30_000).toISOString();
    const { ui, shadow } = showVoucher(voucherAction({ expiresAt }));
    // vi.waitFor polls with real timers; Testing Library's waitFor would poll with the faked setInterval.
    await vi.waitFor(() => ui.getByText('Time left: 1 hour 1 minute'));
    const live = () => shadow.querySelector('[aria-live=polite]')?.textContent;
    expect(live()).toBe('');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(live()).toBe('');
    await vi.advanceTimersByTimeAsync(15_000);
    await vi.waitFor(() => expect(live()).toBe('Time left: 1 hour'));
    await vi.advanceTimersByTimeAsync(14 * MINUTE_MS);
    expect(live()).toBe('Time left: 1 hour');
    await vi.advanceTimersByTimeAsync(MINUTE_MS);
    await vi.waitFor(() => expect(live()).toBe('Time left: 45 minutes'));
    // The visible line (refreshed every 15 s) now matches the announcement.
    await vi.waitFor(() => expect(ui.getAllByText('Time left: 45 minutes')).toHaveLength(2));
  });

  it('"Choose another method" abandons the attempt and shows the picker with nothing chosen', async () => {
    const { ui, server, state } = mountWidget({
      'api/checkout': () => checkoutAnswer({ method: 'okto-cash', action: voucherAction() }),
      'api/checkout/abandon': () => ({ status: 'created', method: null }),
    });
    fireEvent.click(await ui.findByRole('button', { name: 'Choose another method' }));
    await waitFor(() => expect(state()).toBe('ready'));
    expect(server.calls.filter((call) => call.path === 'api/checkout/abandon')).toHaveLength(1);
    const radios = ui.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.some((radio) => radio.checked)).toBe(false);
    const root = radios[0]?.getRootNode() as ShadowRoot;
    await waitFor(() => expect(root.activeElement?.textContent).toBe('Payment method'));
  });

  it('an order closed meanwhile (abandon answers 409) shows as its outcome, not an error', async () => {
    const { ui, server, state } = mountWidget({
      'api/checkout': () => checkoutAnswer({ method: 'okto-cash', action: voucherAction() }),
      'api/checkout/abandon': () => {
        throw { status: 409, body: { error: { code: 'ORDER_CLOSED', message: 'This order is cancelled.' } } };
      },
    });
    const leave = await ui.findByRole('button', { name: 'Choose another method' });
    server.setStatus({ status: 'cancelled', method: 'okto-cash' });
    fireEvent.click(leave);
    await waitFor(() => expect(state()).toBe('cancelled'));
    expect(ui.getByRole('status').textContent).toMatch(/^Payment cancelled/);
    expect(ui.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
