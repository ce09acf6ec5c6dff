import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountWidget, resetDom } from '../../test-dom.ts';
import { odeonPayoutCheckout, VISA } from './odeon-fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
  resetDom();
});

type Widget = ReturnType<typeof mountWidget>;
const input = (widget: Widget, label: string) => widget.ui.getByLabelText(label) as HTMLInputElement;
const status = (widget: Widget) => widget.ui.getByRole('status').textContent ?? '';
const active = (widget: Widget) => (widget.shadow as unknown as Document).activeElement;
const startBodies = (widget: Widget) =>
  widget.server.calls.filter((call) => call.path === 'api/checkout/start').map((call) => call.body);
const SAVED = [
  { id: 'card_0a1b2c3d4e5f60718293', label: 'Card •••• 4242' },
  { id: 'card_99aa88bb77cc66dd55ee', label: 'Card •••• 1111' },
];

/** Mounts a payout order with `odeon-card` (the only method, so it is selected at once). */
async function payoutForm(
  saved = SAVED,
  answer: () => unknown = () => ({ type: 'done', status: 'succeeded' }),
) {
  const widget = mountWidget({
    'api/checkout': () => odeonPayoutCheckout(saved),
    'api/checkout/start': answer,
  });
  await widget.ui.findByRole('button', { name: 'Withdraw €12.50' });
  return widget;
}

function type(widget: Widget, label: string, value: string) {
  fireEvent.input(input(widget, label), { target: { value } });
}

describe('Odeon card payout form', () => {
  it('offers "Pay out to" with each saved card and "New card", the newest card chosen', async () => {
    const widget = await payoutForm();
    const group = await widget.ui.findByRole('radiogroup', { name: 'Pay out to' });
    const radios = Array.from(group.querySelectorAll<HTMLInputElement>('input[type=radio]'));
    expect(radios.map((radio) => radio.labels?.[0]?.textContent)).toEqual([
      'Card •••• 4242',
      'Card •••• 1111',
      'New card',
    ]);
    expect(widget.ui.getByRole('radio', { name: 'Card •••• 4242' })).toHaveProperty('checked', true);
    expect(widget.ui.getByRole('radio', { name: 'Card •••• 1111' })).toHaveProperty('checked', false);
    expect(widget.ui.getByRole('radio', { name: 'New card' })).toHaveProperty('checked', false);
    // The picker's own group stays apart from it.
    expect(widget.ui.getByRole('radiogroup', { name: 'Payout method' })).not.toBe(group);
    expect(widget.ui.queryByLabelText('Card number')).toBeNull();
  });

  it('withdraws to the chosen saved card with only its id: no fields, nothing else', async () => {
    const widget = await payoutForm();
    fireEvent.click(widget.ui.getByRole('radio', { name: 'Card •••• 1111' }));
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €12.50' }));
    await waitFor(() => expect(status(widget)).toMatch(/^Payout successful/));
    expect(startBodies(widget)).toEqual([{ method: 'odeon-card', savedCardId: 'card_99aa88bb77cc66dd55ee' }]);
  });

  it('"New card" shows "Card number" (grouped, brand) and "Name on card" only, checked on blur and submit', async () => {
    const widget = await payoutForm();
    fireEvent.click(widget.ui.getByRole('radio', { name: 'New card' }));
    const number = await widget.ui.findByLabelText('Card number');
    expect(input(widget, 'Name on card').getAttribute('autocomplete')).toBe('cc-name');
    expect(widget.ui.queryByLabelText('Expiry date')).toBeNull();
    expect(widget.ui.queryByLabelText('Security code')).toBeNull();
    type(widget, 'Card number', '4242424242424241');
    expect(number.getAttribute('aria-invalid')).toBeNull(); // never on a keystroke
    fireEvent.blur(number);
    await waitFor(() => expect(number.getAttribute('aria-invalid')).toBe('true'));
    expect(widget.ui.getByText('Enter a valid card number.')).toBeTruthy();
    type(widget, 'Card number', VISA);
    expect((input(widget, 'Card number') as HTMLInputElement).value).toBe('4242 4242 4242 4242');
    expect(widget.ui.getByText('Visa')).toBeTruthy();
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €12.50' }));
    // The name is missing: nothing is sent, and focus goes to it.
    await waitFor(() => expect(input(widget, 'Name on card').getAttribute('aria-invalid')).toBe('true'));
    expect(active(widget)).toBe(input(widget, 'Name on card'));
    expect(startBodies(widget)).toEqual([]);
  });

  it('withdraws to a new card with its number and name, then forgets the number', async () => {
    const widget = await payoutForm();
    fireEvent.click(widget.ui.getByRole('radio', { name: 'New card' }));
    await widget.ui.findByLabelText('Card number');
    type(widget, 'Card number', VISA);
    type(widget, 'Name on card', 'Maria Papadopoulou');
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €12.50' }));
    await waitFor(() => expect(status(widget)).toMatch(/^Payout successful/));
    expect(startBodies(widget)).toEqual([
      { method: 'odeon-card', fields: { cardNumber: VISA, cardholderName: 'Maria Papadopoulou' } },
    ]);
    expect(JSON.stringify(widget.events)).not.toContain(VISA);
  });

  it('sends no card number typed before a saved card was chosen', async () => {
    const widget = await payoutForm();
    fireEvent.click(widget.ui.getByRole('radio', { name: 'New card' }));
    await widget.ui.findByLabelText('Card number');
    type(widget, 'Card number', VISA);
    fireEvent.click(widget.ui.getByRole('radio', { name: 'Card •••• 4242' }));
    await waitFor(() => expect(widget.ui.queryByLabelText('Card number')).toBeNull());
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €12.50' }));
    await waitFor(() => expect(status(widget)).toMatch(/^Payout successful/));
    expect(startBodies(widget)).toEqual([{ method: 'odeon-card', savedCardId: 'card_0a1b2c3d4e5f60718293' }]);
  });

  it('shows just the new card fields, no empty group, when the customer has no saved card', async () => {
    const widget = await payoutForm([]);
    await widget.ui.findByLabelText('Card number');
    expect(widget.ui.queryByRole('radiogroup', { name: 'Pay out to' })).toBeNull();
    expect(widget.ui.queryByRole('radio', { name: 'New card' })).toBeNull();
    type(widget, 'Card number', VISA);
    type(widget, 'Name on card', 'Maria Papadopoulou');
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €12.50' }));
    await waitFor(() => expect(status(widget)).toMatch(/^Payout successful/));
    expect(startBodies(widget)).toEqual([
      { method: 'odeon-card', fields: { cardNumber: VISA, cardholderName: 'Maria Papadopoulou' } },
    ]);
  });

  it('announces a pending payout', async () => {
    const widget = await payoutForm(SAVED, () => ({ type: 'done', status: 'pending' }));
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €12.50' }));
    await waitFor(() => expect(status(widget)).toMatch(/^Payout pending/));
  });

  it('announces a saved card the server refused, with "Try again" back to "Pay out to"', async () => {
    const widget = await payoutForm(SAVED, () => {
      throw {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION',
            message: 'The request has invalid fields.',
            fields: [{ path: 'savedCardId', message: 'is not a saved card of this customer' }],
          },
        },
      };
    });
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €12.50' }));
    await waitFor(() => expect(widget.state()).toBe('error'));
    expect(status(widget)).not.toBe('');
    fireEvent.click(widget.ui.getByRole('button', { name: 'Try again' }));
    await widget.ui.findByRole('radiogroup', { name: 'Pay out to' });
  });
});
