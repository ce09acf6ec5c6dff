import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckoutMethod } from '../contract/checkout.ts';
import { mountWidget, resetDom } from '../test-dom.ts';
import { checkoutAnswer } from '../test-fixtures.ts';

afterEach(resetDom);

/** paysafecard in withdraw mode, as the server lists it for a payout order (seed's payout fields). */
const PAYOUT: CheckoutMethod = {
  id: 'paysafecard',
  label: 'paysafecard',
  icon: 'prepaid',
  provider: 'nuvei',
  flow: 'server',
  fields: [
    { name: 'account', required: true },
    { name: 'firstName', required: true },
    { name: 'lastName', required: true },
    { name: 'dateOfBirth', required: true },
    { name: 'email', required: true },
  ],
};

const payoutCheckout = () =>
  checkoutAnswer({ methods: [PAYOUT], order: { ...checkoutAnswer().order, kind: 'payout' } });

const status = (ui: ReturnType<typeof mountWidget>['ui']) => ui.getByRole('status').textContent ?? '';

async function fillPayout(widget: ReturnType<typeof mountWidget>, account = '2233678') {
  const { ui } = widget;
  fireEvent.click(await ui.findByRole('radio', { name: 'paysafecard' }));
  fireEvent.input(await ui.findByLabelText('paysafecard account'), { target: { value: account } });
  fireEvent.input(ui.getByLabelText('Date of birth'), { target: { value: '1990-04-12' } });
}

describe('payout form (withdraw mode)', () => {
  it('labels the seed’s payout fields, prefills the customer, and withdraws with them', async () => {
    const widget = mountWidget({
      'api/checkout': payoutCheckout,
      'api/checkout/start': () => ({ type: 'done', status: 'succeeded' }),
    });
    const { ui, server, state, events } = widget;
    fireEvent.click(await ui.findByRole('radio', { name: 'paysafecard' }));
    const labels = ['paysafecard account', 'First name', 'Last name', 'Date of birth', 'Email'];
    const inputs = await Promise.all(labels.map((label) => ui.findByLabelText(label)));
    expect(inputs.map((input) => (input as HTMLInputElement).type)).toEqual([
      'text',
      'text',
      'text',
      'date',
      'email',
    ]);
    expect((ui.getByLabelText('First name') as HTMLInputElement).value).toBe('Maria');
    expect(ui.queryByRole('button', { name: /^Pay / })).toBeNull();

    await fillPayout(widget);
    fireEvent.click(ui.getByRole('button', { name: 'Withdraw €10.00' }));
    await waitFor(() => expect(status(ui)).toMatch(/^Payout successful/));
    expect(state()).toBe('succeeded');
    expect(server.calls.find((call) => call.path === 'api/checkout/start')?.body).toEqual({
      method: 'paysafecard',
      fields: {
        account: '2233678',
        firstName: 'Maria',
        lastName: 'Papadopoulou',
        dateOfBirth: '1990-04-12',
        email: 'maria@example.com',
      },
    });
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', method: 'paysafecard' });
  });

  it('sends nothing with missing details: each empty field is marked and described', async () => {
    const widget = mountWidget({ 'api/checkout': payoutCheckout });
    const { ui, server } = widget;
    fireEvent.click(await ui.findByRole('radio', { name: 'paysafecard' }));
    const account = await ui.findByLabelText('paysafecard account');
    fireEvent.click(ui.getByRole('button', { name: 'Withdraw €10.00' }));
    await waitFor(() => expect(account.getAttribute('aria-invalid')).toBe('true'));
    const birth = ui.getByLabelText('Date of birth');
    expect(birth.getAttribute('aria-invalid')).toBe('true');
    expect(
      (widget.shadow.getElementById(birth.getAttribute('aria-describedby') ?? '') as HTMLElement).textContent,
    ).toBe('Fill in this field.');
    expect((widget.shadow as unknown as Document).activeElement).toBe(account);
    expect(server.calls.some((call) => call.path === 'api/checkout/start')).toBe(false);
  });

  it('shows "Payout pending" and keeps asking until the payout DMN settles it', async () => {
    const widget = mountWidget({
      'api/checkout': payoutCheckout,
      'api/checkout/start': () => ({ type: 'done', status: 'pending' }),
    });
    await fillPayout(widget);
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €10.00' }));
    await waitFor(() => expect(status(widget.ui)).toMatch(/^Payout pending/));
    expect(widget.state()).toBe('pending');
    await waitFor(() => expect(widget.server.waitingPolls).toBeGreaterThan(0));
    widget.server.resolveStatus({ status: 'succeeded', method: 'paysafecard' });
    await waitFor(() => expect(status(widget.ui)).toMatch(/^Payout successful/));
  });

  it('words a declined payout "Payout failed"; Try again keeps what was typed', async () => {
    const widget = mountWidget({
      'api/checkout': payoutCheckout,
      'api/checkout/start': () => ({ type: 'done', status: 'failed', reasonCode: 'declined' }),
    });
    await fillPayout(widget, '9999999');
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €10.00' }));
    await waitFor(() => expect(status(widget.ui)).toMatch(/^Payout failed/));
    expect(status(widget.ui)).toContain('paysafecard did not accept the payout.');
    expect(widget.state()).toBe('failed');
    fireEvent.click(widget.ui.getByRole('button', { name: 'Try again' }));
    const account = (await widget.ui.findByLabelText('paysafecard account')) as HTMLInputElement;
    expect(account.value).toBe('9999999');
    widget.ui.getByRole('button', { name: 'Withdraw €10.00' });
  });

  it('maps the server’s 400 field errors (date of birth, email) onto those inputs', async () => {
    const widget = mountWidget({
      'api/checkout': payoutCheckout,
      'api/checkout/start': () => {
        throw {
          status: 400,
          body: {
            error: {
              code: 'VALIDATION',
              message: 'Invalid',
              fields: [
                { path: 'fields.dateOfBirth', message: 'must be a date as YYYY-MM-DD' },
                { path: 'fields.email', message: 'must be an email address' },
              ],
            },
          },
        };
      },
    });
    await fillPayout(widget);
    fireEvent.click(widget.ui.getByRole('button', { name: 'Withdraw €10.00' }));
    const birth = widget.ui.getByLabelText('Date of birth');
    await waitFor(() => expect(birth.getAttribute('aria-invalid')).toBe('true'));
    expect(widget.ui.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(widget.ui.getByLabelText('paysafecard account').getAttribute('aria-invalid')).toBeNull();
    expect(widget.state()).toBe('ready');
    expect(status(widget.ui)).toBe('Please check the highlighted fields.');
  });
});
