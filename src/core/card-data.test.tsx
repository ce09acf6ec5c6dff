import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutMethod } from '../contract/checkout.ts';
import { checkoutAnswer } from '../test-fixtures.ts';
import { validateCard } from './card-fields.ts';
import { checkField, forgetCardData, validateFields } from './fields.ts';
import { machineHarness } from './machine-harness.ts';
import { browserNavigator, isFramed } from './navigate.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const CARD: CheckoutMethod['fields'] = [
  { name: 'cardNumber', required: true },
  { name: 'expiry', required: true },
  { name: 'cvc', required: true },
  { name: 'cardholderName', required: true },
];
const JUNE_2026 = new Date('2026-06-15T12:00:00Z');

describe('card fields in core', () => {
  it('validates Luhn, an expiry month not over and the brand’s code length', () => {
    const ok = { cardNumber: '4242424242424242', expiry: '06/26', cvc: '123', cardholderName: 'M P' };
    expect(validateFields(CARD, ok, JUNE_2026, validateCard)).toEqual({});
    expect(
      validateFields(
        CARD,
        { ...ok, cardNumber: '4242424242424241', expiry: '05/26' },
        JUNE_2026,
        validateCard,
      ),
    ).toEqual({ cardNumber: 'error_card_number', expiry: 'error_expiry' });
    expect(validateFields(CARD, { ...ok, cvc: '1234' }, JUNE_2026, validateCard)).toEqual({
      cvc: 'error_cvc',
    });
    expect(validateFields(CARD, { ...ok, cardNumber: '378282246310005' }, JUNE_2026, validateCard)).toEqual({
      cvc: 'error_cvc_amex',
    });
    expect(validateFields(CARD, { ...ok, expiry: '13/26' }, JUNE_2026, validateCard)).toEqual({
      expiry: 'error_expiry',
    });
  });

  it('checks one field on blur, leaving an empty one (and its submit error) alone', async () => {
    const { m } = machineHarness({ 'api/checkout': () => checkoutAnswer() });
    m.values.value = { cardNumber: '4242424242424241' };
    checkField(m, 'cardNumber', validateCard);
    expect(m.fieldErrors.value).toEqual({ cardNumber: 'error_card_number' });
    m.fieldErrors.value = { ...m.fieldErrors.value, expiry: 'error_required' };
    checkField(m, 'expiry', validateCard);
    expect(m.fieldErrors.value).toEqual({ cardNumber: 'error_card_number', expiry: 'error_required' });
    m.values.value = { cardNumber: '4242424242424242' };
    checkField(m, 'cardNumber', validateCard);
    expect(m.fieldErrors.value).toEqual({ expiry: 'error_required' });
  });

  it('forgets card number, expiry and code (not the name) on demand, on a method change and on destroy', async () => {
    const { m, destroy } = machineHarness({ 'api/checkout': () => checkoutAnswer() });
    const card = { cardNumber: '4242424242424242', expiry: '12/30', cvc: '123', cardholderName: 'M P' };
    m.values.value = { ...card, email: 'a@b.example' };
    forgetCardData(m);
    expect(m.values.value).toEqual({ cardholderName: 'M P', email: 'a@b.example' });
    await m.load();
    m.select('okto-cash');
    await vi.waitFor(() => expect(m.flow.value).not.toBeNull());
    m.values.value = { ...m.values.value, ...card };
    m.select('paysafecard');
    expect(m.values.value.cardNumber).toBeUndefined();
    m.values.value = { ...m.values.value, ...card };
    destroy.abort();
    expect(m.values.value.cardNumber).toBeUndefined();
    expect(m.values.value.cvc).toBeUndefined();
  });
});

describe('3-D Secure form post', () => {
  function post() {
    vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    browserNavigator.postForm('https://acs.example/3ds', {
      PaReq: 'p',
      MD: '1',
      TermUrl: 'https://t.example',
    });
    return document.body.querySelector('form') as HTMLFormElement;
  }

  it('posts from the page itself when it is the top window', () => {
    expect(isFramed()).toBe(false);
    const form = post();
    expect(form.target).toBe('');
    expect([...new FormData(form).keys()]).toEqual(['PaReq', 'MD', 'TermUrl']);
  });

  it('targets the top window when the widget runs inside a frame, a cross-origin one included', () => {
    vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
    expect(isFramed()).toBe(true);
    expect(post().target).toBe('_top');
    vi.spyOn(window, 'top', 'get').mockImplementation(() => {
      throw new DOMException('Blocked a frame', 'SecurityError');
    });
    expect(isFramed()).toBe(true);
  });
});
