import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckoutMethod } from '../contract/checkout.ts';
import { mountWidget, resetDom } from '../test-dom.ts';
import { checkoutAnswer, sdkAction, voucherAction } from '../test-fixtures.ts';

afterEach(resetDom);

const RO_OKTO: CheckoutMethod = {
  id: 'okto-cash',
  label: 'OKTO Cash',
  icon: 'cash',
  provider: 'nuvei',
  flow: 'sdk',
  fields: [
    { name: 'firstName', required: true },
    { name: 'lastName', required: true },
    { name: 'email', required: true },
    { name: 'phone', required: true },
    { name: 'dateOfBirth', required: true },
    { name: 'identification', required: true },
  ],
};

function okto(results: Record<string, unknown>[] = [{ result: 'PENDING', errCode: 0 }]) {
  return mountWidget(
    {
      'api/checkout': () => checkoutAnswer(),
      'api/checkout/start': () => sdkAction(),
      'api/checkout/complete': () => voucherAction(),
    },
    { results },
  );
}

describe('method picker', () => {
  it('is a radiogroup named "Payment method" of native radios named by label, none chosen', async () => {
    const { ui } = okto();
    const group = await ui.findByRole('radiogroup', { name: 'Payment method' });
    const radios = ui.getAllByRole('radio');
    expect(radios.map((radio) => radio.getAttribute('name'))).toEqual(['kassa-method', 'kassa-method']);
    expect(group.contains(ui.getByRole('radio', { name: 'OKTO Cash' }))).toBe(true);
    expect(ui.getByRole('radio', { name: 'paysafecard' })).toBeTruthy();
    expect(radios.every((radio) => !(radio as HTMLInputElement).checked)).toBe(true);
    expect(ui.queryByRole('button')).toBeNull();
  });

  it('is a radiogroup even with one method', async () => {
    const { ui } = mountWidget({ 'api/checkout': () => checkoutAnswer({ methods: [RO_OKTO] }) });
    await ui.findByRole('radiogroup', { name: 'Payment method' });
    expect(ui.getAllByRole('radio')).toHaveLength(1);
  });

  it('reveals the chosen method’s form in place, prefilled from the order, with the Pay button', async () => {
    const { ui, events } = okto();
    fireEvent.click(await ui.findByRole('radio', { name: 'OKTO Cash' }));
    expect((ui.getByRole('radio', { name: 'OKTO Cash' }) as HTMLInputElement).checked).toBe(true);
    expect(((await ui.findByLabelText('First name')) as HTMLInputElement).value).toBe('Maria');
    expect((ui.getByLabelText('Last name') as HTMLInputElement).value).toBe('Papadopoulou');
    expect((ui.getByLabelText('Email') as HTMLInputElement).type).toBe('email');
    const pay = await ui.findByRole('button', { name: 'Pay €10.00' });
    await waitFor(() => expect((pay as HTMLButtonElement).disabled).toBe(false));
    expect(events.map((event) => event.type)).toEqual(['ready', 'method-selected']);
  });

  it('switches forms as arrow keys change the native radio selection', async () => {
    const { ui } = mountWidget({
      'api/checkout': () =>
        checkoutAnswer({
          methods: [RO_OKTO, { ...RO_OKTO, id: 'paysafecard', label: 'paysafecard', fields: [] }],
        }),
      'api/checkout/start': () => sdkAction(),
    });
    fireEvent.click(await ui.findByRole('radio', { name: 'OKTO Cash' }));
    await ui.findByLabelText('Date of birth');
    // An arrow key on a native radio checks the next radio of the same name and fires change.
    const next = ui.getByRole('radio', { name: 'paysafecard' }) as HTMLInputElement;
    next.checked = true;
    fireEvent.change(next);
    await waitFor(() => expect(ui.queryByLabelText('Date of birth')).toBeNull());
    expect(ui.getByRole('button', { name: 'Pay €10.00' })).toBeTruthy();
  });

  it('opens a session only for the method the selection rests on (design §3 start), or at the first touch of its form', async () => {
    const starts: string[] = [];
    const { ui, server } = mountWidget({
      'api/checkout': () => checkoutAnswer(),
      'api/checkout/start': (body) => {
        starts.push((body as { method: string }).method);
        return sdkAction();
      },
    });
    fireEvent.click(await ui.findByRole('radio', { name: 'OKTO Cash' }));
    // Passed over at once (an arrow key), before the selection rested: no session for OKTO Cash.
    fireEvent.click(ui.getByRole('radio', { name: 'paysafecard' }));
    await waitFor(() => expect(starts).toEqual(['paysafecard']), { timeout: 2_000 });
    // Back to OKTO Cash and straight into its form: the session opens without waiting.
    fireEvent.click(ui.getByRole('radio', { name: 'OKTO Cash' }));
    fireEvent.focusIn(await ui.findByLabelText('First name'));
    await waitFor(() => expect(starts).toEqual(['paysafecard', 'okto-cash']));
    expect(server.calls.filter((call) => call.path === 'api/checkout/start')).toHaveLength(2);
  });

  it('shows every RO field with the contract’s names; date of birth is a date input', async () => {
    const { ui } = mountWidget({
      'api/checkout': () => checkoutAnswer({ methods: [RO_OKTO] }),
      'api/checkout/start': () => sdkAction(),
    });
    fireEvent.click(await ui.findByRole('radio', { name: 'OKTO Cash' }));
    for (const name of ['First name', 'Last name', 'Email', 'Phone', 'ID number'])
      await ui.findByLabelText(name);
    const birth = ui.getByLabelText('Date of birth') as HTMLInputElement;
    expect(birth.type).toBe('date');
    expect(birth.required).toBe(true);
  });
});

describe('method form', () => {
  it('marks invalid fields with aria-invalid and a described message, and focuses the first', async () => {
    const { ui, safeCharge } = okto();
    fireEvent.click(await ui.findByRole('radio', { name: 'OKTO Cash' }));
    const email = (await ui.findByLabelText('Email')) as HTMLInputElement;
    fireEvent.input(email, { target: { value: 'maria@' } });
    fireEvent.input(ui.getByLabelText('Last name'), { target: { value: '' } });
    const pay = await ui.findByRole('button', { name: 'Pay €10.00' });
    await waitFor(() => expect((pay as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(pay);
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const message = email.getRootNode() as ShadowRoot;
    expect(message.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Enter an email address like name@example.com.',
    );
    expect(ui.getByLabelText('Last name').getAttribute('aria-invalid')).toBe('true');
    expect((ui.getByLabelText('First name') as HTMLInputElement).getAttribute('aria-invalid')).toBeNull();
    expect(message.activeElement).toBe(ui.getByLabelText('Last name'));
    expect(safeCharge.payments).toHaveLength(0);
    // Fixing a field clears its error.
    fireEvent.input(email, { target: { value: 'maria@example.com' } });
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBeNull());
    expect(email.getAttribute('aria-describedby')).toBeNull();
  });

  it('pays with the SDK on submit and shows the processing state', async () => {
    const { ui, safeCharge, state } = okto();
    fireEvent.click(await ui.findByRole('radio', { name: 'OKTO Cash' }));
    const pay = await ui.findByRole('button', { name: 'Pay €10.00' });
    await waitFor(() => expect((pay as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(pay);
    expect(safeCharge.payments).toHaveLength(1);
    expect(state()).toBe('processing');
    await waitFor(() => expect(state()).toBe('action'));
  });

  it('words payouts as "Withdraw", and maps the server’s 400 field errors onto the inputs', async () => {
    const payout: CheckoutMethod = {
      id: 'paysafecard',
      label: 'paysafecard',
      icon: 'prepaid',
      provider: 'nuvei',
      flow: 'server',
      fields: [{ name: 'account', required: true }],
    };
    const { ui } = mountWidget({
      'api/checkout': () =>
        checkoutAnswer({ methods: [payout], order: { ...checkoutAnswer().order, kind: 'payout' } }),
      'api/checkout/start': () => {
        throw {
          status: 400,
          body: {
            error: {
              code: 'VALIDATION',
              message: 'Invalid',
              fields: [{ path: 'fields.account', message: 'bad' }],
            },
          },
        };
      },
    });
    fireEvent.click(await ui.findByRole('radio', { name: 'paysafecard' }));
    const account = (await ui.findByLabelText('paysafecard account')) as HTMLInputElement;
    fireEvent.input(account, { target: { value: '12345' } });
    fireEvent.click(ui.getByRole('button', { name: 'Withdraw €10.00' }));
    await waitFor(() => expect(account.getAttribute('aria-invalid')).toBe('true'));
    expect(ui.getByRole('status').textContent).toBe('Please check the highlighted fields.');
  });
});
