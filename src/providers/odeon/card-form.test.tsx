import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NextAction } from '../../contract/actions.ts';
import { mountWidget, resetDom } from '../../test-dom.ts';
import { AMEX, odeonCheckout, VISA } from './odeon-fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
  resetDom();
});

type Widget = ReturnType<typeof mountWidget>;
const input = (widget: Widget, label: string) => widget.ui.getByLabelText(label) as HTMLInputElement;
const status = (widget: Widget) => widget.ui.getByRole('status').textContent ?? '';
const active = (widget: Widget) => (widget.shadow as unknown as Document).activeElement;
/** A month that has not ended: next year's December. */
const FUTURE = `12/${String((new Date().getUTCFullYear() + 1) % 100).padStart(2, '0')}`;

/** Mounts the direct card flow and chooses "Card"; `start` answers with `answer`. */
async function cardForm(answer: () => unknown = () => ({ type: 'done', status: 'succeeded' })) {
  const widget = mountWidget({
    'api/checkout': () => odeonCheckout('direct'),
    'api/checkout/start': answer,
  });
  fireEvent.click(await widget.ui.findByRole('radio', { name: 'Card' }));
  await widget.ui.findByLabelText('Card number');
  return widget;
}

function type(widget: Widget, label: string, value: string) {
  fireEvent.input(input(widget, label), { target: { value } });
}

function fill(widget: Widget, number = VISA, expiry = FUTURE, cvc = '123') {
  type(widget, 'Card number', number);
  type(widget, 'Expiry date', expiry);
  type(widget, 'Security code', cvc);
  type(widget, 'Name on card', 'Maria Papadopoulou');
}

describe('Odeon card form (direct flow)', () => {
  it('is one form with the exact labels, card autocomplete and numeric keyboards', async () => {
    const widget = await cardForm();
    const inputs = ['Card number', 'Expiry date', 'Security code', 'Name on card'].map((label) =>
      input(widget, label),
    );
    expect(inputs.map((field) => field.getAttribute('autocomplete'))).toEqual([
      'cc-number',
      'cc-exp',
      'cc-csc',
      'cc-name',
    ]);
    expect(inputs.map((field) => field.getAttribute('inputmode'))).toEqual([
      'numeric',
      'numeric',
      'numeric',
      'text',
    ]);
    expect(new Set(inputs.map((field) => field.closest('form')))).toHaveProperty('size', 1);
    expect(widget.ui.getByRole('button', { name: 'Pay €12.50' })).toBeTruthy();
  });

  it('groups the number as typed (4-4-4-4, Amex 4-6-5) and shows the brand, which describes the number', async () => {
    const widget = await cardForm();
    type(widget, 'Card number', VISA);
    const number = input(widget, 'Card number');
    expect(number.value).toBe('4242 4242 4242 4242');
    await waitFor(() => expect(widget.ui.getByText('Visa')).toBeTruthy());
    expect(number.getAttribute('aria-describedby')).toBe('kassa-card-brand');
    type(widget, 'Card number', `${AMEX}999`);
    await waitFor(() => expect(input(widget, 'Card number').value).toBe('3782 822463 10005'));
    expect(widget.ui.getByText('American Express')).toBeTruthy();
    type(widget, 'Card number', '5555 5555-5555 4444 12345');
    await waitFor(() => expect(input(widget, 'Card number').value).toBe('5555 5555 5555 4444 123'));
    expect(widget.ui.getByText('Mastercard')).toBeTruthy();
  });

  it('formats the expiry as MM/YY, also from autofill’s four-digit year, and keeps the code to digits', async () => {
    const widget = await cardForm();
    type(widget, 'Expiry date', '4');
    expect(input(widget, 'Expiry date').value).toBe('04');
    type(widget, 'Expiry date', '1229');
    expect(input(widget, 'Expiry date').value).toBe('12/29');
    type(widget, 'Expiry date', '11/2031');
    expect(input(widget, 'Expiry date').value).toBe('11/31');
    type(widget, 'Security code', '1a23 4');
    expect(input(widget, 'Security code').value).toBe('1234');
    type(widget, 'Card number', VISA);
    type(widget, 'Security code', '1234');
    expect(input(widget, 'Security code').value).toBe('123');
  });

  it('checks on blur, never while typing: a wrong number is marked and described only when left', async () => {
    const widget = await cardForm();
    type(widget, 'Card number', '4242424242424241');
    const number = input(widget, 'Card number');
    expect(number.getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(number);
    await waitFor(() => expect(number.getAttribute('aria-invalid')).toBe('true'));
    const message = widget.shadow.getElementById(
      number.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '',
    );
    expect(message?.textContent).toBe('Enter a valid card number.');
    // Typing again clears the mark until the field is left again.
    type(widget, 'Card number', VISA);
    await waitFor(() => expect(number.getAttribute('aria-invalid')).toBeNull());
    fireEvent.blur(number);
    expect(number.getAttribute('aria-invalid')).toBeNull();
    // Passing through an empty field says nothing before submit.
    fireEvent.blur(input(widget, 'Name on card'));
    expect(input(widget, 'Name on card').getAttribute('aria-invalid')).toBeNull();
  });

  it('refuses a past expiry and a code of the wrong length for the brand (4 for Amex)', async () => {
    const widget = await cardForm();
    type(widget, 'Card number', AMEX);
    type(widget, 'Expiry date', '01/20');
    fireEvent.blur(input(widget, 'Expiry date'));
    type(widget, 'Security code', '123');
    fireEvent.blur(input(widget, 'Security code'));
    await waitFor(() => expect(input(widget, 'Security code').getAttribute('aria-invalid')).toBe('true'));
    expect(input(widget, 'Expiry date').getAttribute('aria-invalid')).toBe('true');
    expect(widget.ui.getByText('Enter an expiry date as MM/YY that has not passed.')).toBeTruthy();
    expect(widget.ui.getByText('Enter the 4-digit security code.')).toBeTruthy();
  });

  it('on submit with errors sends nothing and moves focus to the first invalid field', async () => {
    const widget = await cardForm();
    type(widget, 'Card number', VISA);
    type(widget, 'Security code', '12');
    fireEvent.click(widget.ui.getByRole('button', { name: 'Pay €12.50' }));
    await waitFor(() => expect(active(widget)).toBe(input(widget, 'Expiry date')));
    expect(input(widget, 'Card number').getAttribute('aria-invalid')).toBeNull();
    expect(input(widget, 'Expiry date').getAttribute('aria-invalid')).toBe('true');
    expect(input(widget, 'Security code').getAttribute('aria-invalid')).toBe('true');
    expect(input(widget, 'Name on card').getAttribute('aria-invalid')).toBe('true');
    expect(widget.ui.getByText('Enter the 3-digit security code.')).toBeTruthy();
    expect(widget.server.calls.some((call) => call.path === 'api/checkout/start')).toBe(false);
  });

  it('starts with digits only, MM/YY and browserData, then forgets the card data while the answer is awaited', async () => {
    let answer: (action: NextAction) => void = () => {};
    const widget = await cardForm(() => new Promise((resolve) => (answer = resolve)));
    fill(widget, '4242 4242 4242 4242');
    fireEvent.click(widget.ui.getByRole('button', { name: 'Pay €12.50' }));
    await waitFor(() =>
      expect(widget.server.calls.some((call) => call.path === 'api/checkout/start')).toBe(true),
    );
    const body = widget.server.calls.find((call) => call.path === 'api/checkout/start')?.body;
    expect(body).toEqual({
      method: 'odeon-card',
      fields: { cardNumber: VISA, expiry: FUTURE, cvc: '123', cardholderName: 'Maria Papadopoulou' },
      browserData: {
        colorDepth: expect.stringMatching(/^\d+$/),
        javaEnabled: 'false',
        screenHeight: expect.stringMatching(/^\d+$/),
        screenWidth: expect.stringMatching(/^\d+$/),
        language: expect.stringMatching(/^[a-z]{2}(_[A-Z]{2})?$/),
        timeZoneOffset: expect.stringMatching(/^[+-]\d+$/),
        userAgent: expect.any(String),
      },
    });
    expect(widget.state()).toBe('processing');
    await waitFor(() => expect(input(widget, 'Card number').value).toBe(''));
    expect(input(widget, 'Expiry date').value).toBe('');
    expect(input(widget, 'Security code').value).toBe('');
    expect(input(widget, 'Name on card').value).toBe('Maria Papadopoulou');
    expect(JSON.stringify(widget.events)).not.toContain('4242');
    answer({ type: 'done', status: 'succeeded' });
    await waitFor(() => expect(status(widget)).toMatch(/^Payment successful/));
  });

  it('shows “Redirecting to your bank…” with a progress indicator and posts the 3-D Secure form', async () => {
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    const widget = await cardForm(() => ({
      type: 'form-post',
      url: 'https://acs.example/3ds',
      fields: { PaReq: 'pareq', MD: '504', TermUrl: 'https://pay.example/return/odeon/3ds?tx=tx_1' },
    }));
    fill(widget, VISA);
    fireEvent.click(widget.ui.getByRole('button', { name: 'Pay €12.50' }));
    await waitFor(() => expect(status(widget)).toBe('Redirecting to your bank…'));
    expect(widget.state()).toBe('action');
    expect(widget.ui.getByRole('status').querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(submit).toHaveBeenCalledTimes(1);
    const form = document.body.querySelector<HTMLFormElement>('form[action="https://acs.example/3ds"]');
    expect(form?.method).toBe('post');
    // Not framed here: the page itself is the top window.
    expect(form?.target).toBe('');
    expect(JSON.stringify(widget.events)).not.toContain('4242');
  });

  it('says “Redirecting to your bank…” for a Redirect 3-D Secure answer too', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...location, assign });
    const widget = await cardForm(() => ({ type: 'redirect', url: 'https://acs.example/redirect' }));
    fill(widget, VISA);
    fireEvent.click(widget.ui.getByRole('button', { name: 'Pay €12.50' }));
    await waitFor(() => expect(status(widget)).toBe('Redirecting to your bank…'));
    expect(assign).toHaveBeenCalledWith('https://acs.example/redirect');
  });
});
