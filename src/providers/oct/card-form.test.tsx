import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mountWidget, resetDom } from '../../test-dom.ts';
import { octPayoutCheckout, VISA } from './oct-fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
  resetDom();
});

type Widget = ReturnType<typeof mountWidget>;
type StartBody = { method: string; fields?: Record<string, string> };
const input = (widget: Widget, label: string) => widget.ui.getByLabelText(label) as HTMLInputElement;
const status = (widget: Widget) => widget.ui.getByRole('status').textContent ?? '';
const active = (widget: Widget) => (widget.shadow as unknown as Document).activeElement;
const startBodies = (widget: Widget) =>
  widget.server.calls
    .filter((call) => call.path === 'api/checkout/start')
    .map((call) => call.body as StartBody);
const WITHDRAW = 'Withdraw €12.50';
const RECIPIENT = ['First name', 'Last name', 'Email', 'Phone', 'Address', 'City', 'Postal code'];

const keys = (bits: number) =>
  generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
let pair: ReturnType<typeof keys>;
beforeAll(() => {
  pair = keys(2048);
});

/**
 * The test's private key undoes the widget's encryption. Node refuses PKCS#1 v1.5 private decryption
 * (CVE-2023-46809), so: raw RSA, then the type-2 padding stripped here (its checks: rsa-pkcs1.test.ts).
 */
function decrypt(base64: string): string {
  const block = privateDecrypt(
    { key: pair.privateKey, padding: constants.RSA_NO_PADDING },
    Buffer.from(base64, 'base64'),
  );
  expect([block[0], block[1]]).toEqual([0, 2]);
  return block.subarray(block.indexOf(0, 2) + 1).toString('utf8');
}

async function octForm(answer?: () => unknown, publicKey: string | null = pair.publicKey) {
  const widget = mountWidget({
    'api/checkout': () => octPayoutCheckout(publicKey ?? undefined),
    'api/checkout/start': answer ?? (() => ({ type: 'done', status: 'succeeded' })),
  });
  await widget.ui.findByRole('button', { name: WITHDRAW });
  await widget.ui.findByLabelText('Card number');
  return widget;
}

function type(widget: Widget, label: string, value: string) {
  fireEvent.input(input(widget, label), { target: { value } });
}

/** Types the card number and fills what the customer does not prefill. */
function fill(widget: Widget, number = VISA) {
  type(widget, 'Card number', number);
  type(widget, 'Address', '12 Ermou Street');
  type(widget, 'City', 'Athens');
  type(widget, 'Postal code', '10563');
}

describe('OCT card payout form', () => {
  it('asks for "Card number" and the recipient details, no expiry or security code, and "Withdraw <amount>"', async () => {
    const widget = await octForm();
    const number = input(widget, 'Card number');
    expect(number.getAttribute('autocomplete')).toBe('cc-number');
    expect(number.getAttribute('inputmode')).toBe('numeric');
    for (const label of RECIPIENT) expect(input(widget, label)).toBeTruthy();
    expect(input(widget, 'Email').type).toBe('email');
    expect(input(widget, 'Phone').type).toBe('tel');
    expect(widget.ui.queryByLabelText('Expiry date')).toBeNull();
    expect(widget.ui.queryByLabelText('Security code')).toBeNull();
    expect(widget.ui.queryByLabelText('Name on card')).toBeNull();
    expect(widget.ui.getByRole('radio', { name: 'Card' })).toHaveProperty('checked', true);
    // The phone's format is a description, the name stays exactly "Phone".
    const hint = widget.shadow.getElementById(input(widget, 'Phone').getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('In international format, e.g. +306912345678.');
  });

  it('prefills the recipient from the order’s customer, editable', async () => {
    const widget = await octForm();
    expect(input(widget, 'First name').value).toBe('Maria');
    expect(input(widget, 'Last name').value).toBe('Papadopoulou');
    expect(input(widget, 'Email').value).toBe('maria@example.com');
    expect(input(widget, 'Phone').value).toBe('+306912345678');
    expect(input(widget, 'Address').value).toBe('');
    type(widget, 'First name', 'Eleni');
    expect(input(widget, 'First name').value).toBe('Eleni');
  });

  it('groups the number as typed, shows the brand, checks Luhn on blur, never on a keystroke', async () => {
    const widget = await octForm();
    const number = input(widget, 'Card number');
    type(widget, 'Card number', '4242424242424241');
    expect(number.getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(number);
    await waitFor(() => expect(number.getAttribute('aria-invalid')).toBe('true'));
    expect(widget.ui.getByText('Enter a valid card number.')).toBeTruthy();
    type(widget, 'Card number', VISA);
    expect(input(widget, 'Card number').value).toBe('4242 4242 4242 4242');
    expect(widget.ui.getByText('Visa')).toBeTruthy();
    expect(input(widget, 'Card number').getAttribute('aria-invalid')).toBeNull();
  });

  it('sends the number encrypted and masked with the recipient, never the plain number, then forgets it', async () => {
    const widget = await octForm();
    fill(widget);
    type(widget, 'Phone', '+30 691 234 5678');
    const button = widget.ui.getByRole('button', { name: WITHDRAW });
    fireEvent.click(button);
    // Progress at once, while the key is imported and the number encrypted.
    expect(button.getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(status(widget)).toMatch(/^Payout successful/));
    const bodies = startBodies(widget);
    expect(bodies).toHaveLength(1);
    const { encryptedCardNumber, ...fields } = bodies[0]?.fields ?? {};
    expect(bodies[0]?.method).toBe('oct-card');
    expect(fields).toEqual({
      maskedCardNumber: '424242******4242',
      firstName: 'Maria',
      lastName: 'Papadopoulou',
      email: 'maria@example.com',
      phone: '+306912345678',
      address: '12 Ermou Street',
      city: 'Athens',
      postalCode: '10563',
    });
    expect(encryptedCardNumber).toMatch(/^[A-Za-z0-9+/]{342}==$/);
    expect(decrypt(encryptedCardNumber as string)).toBe(VISA);
    const sent = JSON.stringify(widget.server.calls);
    expect(sent).not.toContain(VISA);
    expect(sent).not.toContain('4242 4242');
    expect(JSON.stringify(widget.events)).not.toContain(VISA);
  });

  it('masks any length as first six, ******, last four', async () => {
    const widget = await octForm();
    fill(widget, '378282246310005');
    fireEvent.click(widget.ui.getByRole('button', { name: WITHDRAW }));
    await waitFor(() => expect(startBodies(widget)).toHaveLength(1));
    expect(startBodies(widget)[0]?.fields?.maskedCardNumber).toBe('378282******0005');
    expect(decrypt(startBodies(widget)[0]?.fields?.encryptedCardNumber as string)).toBe('378282246310005');
  });

  it('maps the server’s field errors onto "Phone" and "Card number", the number no longer in the form', async () => {
    const widget = await octForm(() => {
      throw {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION',
            message: 'The request has invalid fields.',
            fields: [
              { path: 'fields.phone', message: 'must be a phone number in E.164' },
              { path: 'fields.cardNumber', message: 'was declined as a card number' },
            ],
          },
        },
      };
    });
    fill(widget);
    fireEvent.click(widget.ui.getByRole('button', { name: WITHDRAW }));
    await waitFor(() => expect(input(widget, 'Phone').getAttribute('aria-invalid')).toBe('true'));
    expect(input(widget, 'Card number').getAttribute('aria-invalid')).toBe('true');
    expect(widget.state()).toBe('ready');
    // The plain number was cleared from the machine once encrypted: the form comes back without it.
    expect(input(widget, 'Card number').value).toBe('');
    expect(input(widget, 'City').value).toBe('Athens');
  });

  it('maps an error on the encrypted number onto "Card number"', async () => {
    const widget = await octForm(() => {
      throw {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION',
            message: 'The request has invalid fields.',
            fields: [{ path: 'fields.encryptedCardNumber', message: 'could not be decrypted' }],
          },
        },
      };
    });
    fill(widget);
    fireEvent.click(widget.ui.getByRole('button', { name: WITHDRAW }));
    await waitFor(() => expect(input(widget, 'Card number').getAttribute('aria-invalid')).toBe('true'));
    expect(widget.ui.getByText('Enter a valid card number.')).toBeTruthy();
  });

  it('asks for the phone in E.164 before sending anything', async () => {
    const widget = await octForm();
    fill(widget);
    type(widget, 'Phone', '6912345678');
    fireEvent.click(widget.ui.getByRole('button', { name: WITHDRAW }));
    await waitFor(() => expect(input(widget, 'Phone').getAttribute('aria-invalid')).toBe('true'));
    expect(
      widget.ui.getByText('Enter the phone number in international format, with + and the country code.'),
    ).toBeTruthy();
    expect(active(widget)).toBe(input(widget, 'Phone'));
    expect(startBodies(widget)).toEqual([]);
    expect(input(widget, 'Card number').value).toBe('4242 4242 4242 4242');
  });

  it.each([
    ['a key under 2048 bits', () => keys(1024).publicKey],
    ['no key', () => null],
  ])('refuses to send with %s: a clear message, nothing sent', async (_name, key) => {
    const widget = await octForm(undefined, key());
    fill(widget);
    fireEvent.click(widget.ui.getByRole('button', { name: WITHDRAW }));
    await waitFor(() => expect(widget.state()).toBe('error'));
    expect(widget.shadow.textContent).toContain(
      'This checkout is not set up correctly. Please contact the shop.',
    );
    expect(widget.events.find((event) => event.type === 'error')).toMatchObject({ code: 'CONFIGURATION' });
    expect(startBodies(widget)).toEqual([]);
    // Trying again cannot mend the merchant's key: no "Try again" (design §2 States).
    expect(widget.ui.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
