import { describe, expect, it, vi } from 'vitest';
import type { NextAction } from '../contract/actions.ts';
import type { OrderKind, OrderStatus } from '../contract/checkout.ts';
import { dispatchAction, isResumed } from '../core/actions.ts';
import { createCheckoutMachine } from '../core/checkout.machine.ts';
import * as flow from '../core/flow.ts';
import { applyStatus } from '../core/status.ts';
import { en } from '../i18n/en.ts';
import { enMore } from '../i18n/en-more.ts';
import { createTranslate } from '../i18n/index.ts';
import { checkoutAnswer, PSC_PAGE } from '../test-fixtures.ts';
import { outcomeDetail, statusText } from './status-text.ts';

const t = createTranslate(en, enMore);

/** A machine showing an order of `kind` with paysafecard selected; its API never answers. */
function machine(kind: OrderKind) {
  const m = createCheckoutMachine({
    api: { fetchJson: () => new Promise(() => {}) },
    emit: () => {},
    signal: new AbortController().signal,
    navigate: { assign: vi.fn(), postForm: vi.fn() },
    server: new URL('https://pay.example/'),
    loadFlow: async () => flow,
  });
  const answer = checkoutAnswer({ order: { ...checkoutAnswer().order, kind } });
  m.checkout.value = answer as typeof m.checkout.value;
  m.selected.value = 'paysafecard';
  m.flow.value = flow;
  return m;
}

const wording = (kind: OrderKind, status: OrderStatus, reasonCode?: string, method = 'paysafecard') => {
  const m = machine(kind);
  m.selected.value = method;
  applyStatus(m, { status, ...(reasonCode ? { reasonCode } : {}) });
  const outcome = m.outcome.value;
  return {
    text: statusText(m, t),
    detail: outcome ? outcomeDetail(m, outcome, t) : '',
    state: m.state.value,
  };
};

describe('outcome wording (design §2 Outcome)', () => {
  it.each([
    ['payment', 'succeeded', undefined, 'Payment successful', 'succeeded'],
    ['payment', 'pending', undefined, 'Payment pending', 'pending'],
    ['payment', 'failed', 'declined', 'Payment failed', 'failed'],
    ['payment', 'failed', 'error', 'Payment failed', 'failed'],
    ['payment', 'failed', 'cancelled', 'Payment cancelled', 'failed'],
    ['payment', 'failed', 'expired', 'Payment expired', 'failed'],
    ['payment', 'cancelled', undefined, 'Payment cancelled', 'cancelled'],
    ['payment', 'expired', undefined, 'Payment expired', 'expired'],
    ['payout', 'succeeded', undefined, 'Payout successful', 'succeeded'],
    ['payout', 'pending', undefined, 'Payout pending', 'pending'],
    ['payout', 'failed', 'declined', 'Payout failed', 'failed'],
  ] as const)('%s %s (%s) reads "%s…" in state %s', (kind, status, reason, start, state) => {
    const shown = wording(kind, status, reason);
    expect(shown.text).toBe(start);
    expect(shown.state).toBe(state);
  });

  it.each([
    ['payment', 'failed', 'declined', 'paysafecard', 'The PIN was not accepted.'],
    ['payment', 'failed', 'declined', 'okto-cash', 'OKTO Cash declined the payment.'],
    ['payment', 'failed', 'cancelled', 'paysafecard', 'The payment was cancelled in the paysafecard window.'],
    ['payment', 'failed', 'expired', 'okto-cash', 'The code expired before it was paid.'],
    ['payment', 'failed', 'expired', 'paysafecard', 'The time to pay with paysafecard ran out.'],
    ['payment', 'failed', 'error', 'okto-cash', 'OKTO Cash could not be reached. Please try again.'],
    ['payment', 'cancelled', undefined, 'okto-cash', 'The shop cancelled this order.'],
    ['payment', 'expired', undefined, 'okto-cash', 'This order has expired.'],
    ['payment', 'succeeded', undefined, 'okto-cash', 'Paid with OKTO Cash.'],
    ['payout', 'failed', 'declined', 'paysafecard', 'paysafecard did not accept the payout.'],
  ] as const)('explains %s %s (%s) with %s: "%s"', (kind, status, reason, method, detail) => {
    const shown = wording(kind, status, reason, method);
    expect(shown.detail).toBe(detail);
    // Kassa never tells a shopper inside a merchant's page to close it (design §2 States).
    expect(shown.detail).not.toMatch(/close this page/i);
  });

  it('leaves out a line naming the method when the closed order lists none (coming back later)', () => {
    const m = machine('payment');
    m.checkout.value = { ...(m.checkout.value as NonNullable<typeof m.checkout.value>), methods: [] };
    m.selected.value = 'okto-cash';
    applyStatus(m, { status: 'succeeded' });
    const outcome = m.outcome.value;
    if (!outcome) throw new Error('no outcome');
    expect(outcomeDetail(m, outcome, t)).toBe('');
  });

  it('says "You cancelled the payment." when the widget\'s own Cancel ended the attempt', () => {
    const m = machine('payment');
    applyStatus(m, { status: 'failed', reasonCode: 'cancelled' });
    const outcome = m.outcome.value;
    if (!outcome) throw new Error('no outcome');
    expect(outcomeDetail(m, { ...outcome, byShopper: true }, t)).toBe('You cancelled the payment.');
  });
});

describe('provider page in progress', () => {
  const show = (action: NextAction, resume: boolean) => {
    const m = machine('payment');
    dispatchAction(m, action, resume);
    return statusText(m, t);
  };

  it('words the popup, a redirect being taken and a redirect the shopper came back to', () => {
    expect(show({ type: 'redirect', url: PSC_PAGE, popup: true }, false)).toBe(
      'Continue in the paysafecard window',
    );
    expect(show({ type: 'redirect', url: PSC_PAGE, popup: false }, false)).toBe(
      'Taking you to the payment page…',
    );
    expect(show({ type: 'redirect', url: PSC_PAGE, popup: false }, true)).toBe(
      'Your paysafecard payment is not finished. Continue to paysafecard to pay, or cancel it.',
    );
  });

  it('offers a 3-D Secure form post found on coming back instead of posting it again (Back from the bank)', () => {
    const posted: string[] = [];
    const m = machine('payment');
    m.deps.navigate = { assign: () => undefined, postForm: (url) => posted.push(url) };
    const bank: NextAction = {
      type: 'form-post',
      url: 'https://acs.example/',
      fields: { PaReq: 'p', MD: '1' },
    };
    dispatchAction(m, bank, true);
    expect(posted).toEqual([]);
    expect(isResumed(m.action.value)).toBe(true);
    expect(statusText(m, t)).toBe(
      'Your bank has not confirmed this card payment yet. Continue to your bank to confirm it, or cancel the payment.',
    );
    dispatchAction(m, { ...bank }, false);
    expect(posted).toEqual(['https://acs.example/']);
  });
});
