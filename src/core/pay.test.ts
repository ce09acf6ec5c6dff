import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutMethod } from '../contract/checkout.ts';
import { checkoutAnswer, type fakeServer, sdkAction, voucherAction } from '../test-fixtures.ts';
import { machineHarness } from './machine-harness.ts';

const _SERVER = new URL('https://pay.example/');

function setup(routes: Parameters<typeof fakeServer>[0], results: Record<string, unknown>[] = []) {
  return machineHarness(routes, { results });
}

async function selected(m: ReturnType<typeof setup>['m'], id: string) {
  await m.load();
  m.select(id);
  await vi.waitFor(() => expect(m.flow.value).not.toBeNull());
  await vi.waitFor(() => expect(m.preparing.value).toBe(false));
}

const PAYOUT: CheckoutMethod = {
  id: 'paysafecard',
  label: 'paysafecard',
  icon: 'prepaid',
  provider: 'nuvei',
  flow: 'server',
  fields: [{ name: 'account', required: true }],
};

afterEach(() => vi.unstubAllGlobals());

describe('checkout machine: paying', () => {
  it('pays OKTO inside the click: createPayment with the seed’s params, complete, then the voucher', async () => {
    const { m, server, safeCharge, types } = setup(
      {
        'api/checkout': () => checkoutAnswer(),
        'api/checkout/start': () => sdkAction(),
        'api/checkout/complete': () => voucherAction(),
      },
      [{ result: 'PENDING', errCode: 0, transactionId: 'n1' }],
    );
    await selected(m, 'okto-cash');
    expect(m.pay()).toBe(true);
    // Synchronous: the SDK was called before pay() returned (user activation, platform notes "Popups").
    expect(safeCharge.payments).toEqual([
      {
        sessionToken: 'session-1',
        paymentOption: { alternativePaymentMethod: { paymentMethod: 'apmgw_OKTO_CASH' } },
        deviceDetails: { ipAddress: '203.0.113.7' },
        billingAddress: {
          firstName: 'Maria',
          lastName: 'Papadopoulou',
          country: 'GR',
          email: 'maria@example.com',
        },
        userDetails: {
          firstName: 'Maria',
          lastName: 'Papadopoulou',
          country: 'GR',
          email: 'maria@example.com',
        },
      },
    ]);
    expect(m.state.value).toBe('processing');
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    expect(server.calls.find((call) => call.path === 'api/checkout/complete')?.body).toEqual({
      transactionId: 'tx_1',
      result: { result: 'PENDING', errCode: 0, transactionId: 'n1' },
    });
    expect(m.action.value).toMatchObject({ type: 'voucher', format: 'qr' });
    expect(types()).toEqual(['ready', 'method-selected', 'action']);
    // Long-polls while the voucher is shown, and the POS payment ends it. (The form's order watch is
    // still out too; it stops at its next answer.)
    await vi.waitFor(() => expect(server.waitingPolls).toBe(2));
    // The long-poll asks at once for the current version, then waits for a change from it.
    expect(server.calls.at(-1)?.path).toBe('api/checkout/status?wait=25&since=v0');
    server.resolveStatus({ status: 'pending', action: voucherAction(), version: 'v1' });
    await vi.waitFor(() => expect(server.calls.at(-1)?.path).toBe('api/checkout/status?wait=25&since=v1'));
    expect(types()).toEqual(['ready', 'method-selected', 'action']);
    server.resolveStatus({ status: 'succeeded', providerReference: 'n1', version: 'v2' });
    await vi.waitFor(() => expect(m.state.value).toBe('succeeded'));
    expect(types()).toEqual(['ready', 'method-selected', 'action', 'succeeded']);
  });

  it('does not pay with invalid fields and reports which ones', async () => {
    const { m, safeCharge } = setup({
      'api/checkout': () => checkoutAnswer(),
      'api/checkout/start': () => sdkAction(),
    });
    await selected(m, 'okto-cash');
    m.values.value = { ...m.values.value, email: 'not-an-email', lastName: '' };
    expect(m.pay()).toBe(false);
    expect(m.fieldErrors.value).toEqual({ email: 'error_email', lastName: 'error_required' });
    expect(safeCharge.payments).toEqual([]);
    expect(m.state.value).toBe('ready');
  });

  it('renews an expired Nuvei session (errCode 1069) once, then gives up', async () => {
    let completes = 0;
    const { m, safeCharge, events } = setup(
      {
        'api/checkout': () => checkoutAnswer(),
        'api/checkout/start': () => sdkAction(),
        'api/checkout/complete': () => sdkAction(`session-${++completes + 1}`),
      },
      [{ errCode: 1069 }, { errCode: 1069 }],
    );
    await selected(m, 'okto-cash');
    m.pay();
    await vi.waitFor(() => expect(m.state.value).toBe('error'));
    expect(safeCharge.created.map((config) => config.sessionToken)).toEqual(['session-1', 'session-2']);
    expect(safeCharge.payments.map((params) => params.sessionToken)).toEqual(['session-1', 'session-2']);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'PROVIDER' });
  });

  it('ends a declined attempt as failed; Try again returns to the picker with a new session', async () => {
    let starts = 0;
    const { m, events } = setup(
      {
        'api/checkout': () => checkoutAnswer(),
        'api/checkout/start': () => sdkAction(`session-${++starts}`),
        'api/checkout/complete': () => ({ type: 'done', status: 'failed', reasonCode: 'declined' }),
      },
      [{ result: 'DECLINED' }],
    );
    await selected(m, 'okto-cash');
    m.pay();
    await vi.waitFor(() => expect(m.state.value).toBe('failed'));
    expect(events.at(-1)).toMatchObject({ type: 'failed', reasonCode: 'declined', method: 'okto-cash' });
    m.retry();
    expect(m.state.value).toBe('ready');
    await vi.waitFor(() => expect(starts).toBe(2));
  });

  it('starts server-flow methods on the click with the fields, and shows server field errors', async () => {
    const body = checkoutAnswer({ methods: [PAYOUT], order: { ...checkoutAnswer().order, kind: 'payout' } });
    const { m, server } = setup({
      'api/checkout': () => body,
      'api/checkout/start': () => {
        throw {
          status: 400,
          body: {
            error: { code: 'VALIDATION', message: 'bad', fields: [{ path: 'fields.account', message: 'x' }] },
          },
        };
      },
    });
    await selected(m, 'paysafecard');
    expect(server.calls.some((call) => call.path === 'api/checkout/start')).toBe(false);
    m.values.value = { account: '9999999' };
    m.pay();
    await vi.waitFor(() => expect(m.state.value).toBe('ready'));
    expect(server.calls.at(-1)).toMatchObject({
      path: 'api/checkout/start',
      body: { method: 'paysafecard', fields: { account: '9999999' } },
    });
    expect(m.fieldErrors.value).toEqual({ account: 'error_invalid' });
  });

  it('leaves the page for redirect and form-post actions (3-D Secure PaReq/MD/TermUrl)', async () => {
    const formPost = {
      type: 'form-post',
      url: 'https://acs.example/3ds',
      fields: { PaReq: 'p', MD: 'm', TermUrl: 't' },
    };
    const answers = [formPost, { type: 'redirect', url: 'https://psc.example/pay' }];
    const { m, navigate, types } = setup({
      'api/checkout': () => checkoutAnswer({ methods: [{ ...PAYOUT, fields: [] }] }),
      'api/checkout/start': () => answers.shift(),
    });
    await selected(m, 'paysafecard');
    m.pay();
    await vi.waitFor(() => expect(navigate.postForm).toHaveBeenCalledWith(formPost.url, formPost.fields));
    expect(m.state.value).toBe('action');
    expect(types().at(-1)).toBe('action');
  });

  it('cancels the current attempt from a popup and shows “cancelled”', async () => {
    const { m, types } = setup({
      'api/checkout': () => checkoutAnswer({ methods: [{ ...PAYOUT, fields: [] }] }),
      'api/checkout/start': () => ({ type: 'redirect', url: 'https://psc.example/pay', popup: true }),
      'api/checkout/cancel': () => ({ status: 'failed', reasonCode: 'cancelled' }),
    });
    await selected(m, 'paysafecard');
    m.pay();
    await vi.waitFor(() => expect(m.state.value).toBe('action'));
    m.cancel();
    await vi.waitFor(() => expect(m.state.value).toBe('failed'));
    expect(m.outcome.value?.word).toBe('cancelled');
    expect(types().at(-1)).toBe('failed');
  });
});

describe('checkout machine: Try again after a failed start', () => {
  it('re-opens the session after a provider error; after a 409 asks for the order before offering Try again', async () => {
    let startAnswer: 'timeout' | 'closed' | 'ok' = 'timeout';
    let starts = 0;
    const { m, server } = setup({
      'api/checkout': () => checkoutAnswer(),
      'api/checkout/start': () => {
        starts++;
        if (startAnswer === 'timeout')
          throw { status: 504, body: { error: { code: 'PROVIDER_TIMEOUT', message: 't' } } };
        if (startAnswer === 'closed')
          throw { status: 409, body: { error: { code: 'ORDER_CLOSED', message: 'c' } } };
        return sdkAction();
      },
    });
    await m.load();
    m.select('okto-cash');
    await vi.waitFor(() => expect(m.state.value).toBe('error'));
    expect(m.error.value?.code).toBe('PROVIDER');
    startAnswer = 'closed';
    m.retry();
    await vi.waitFor(() =>
      expect(server.calls.map((call) => call.path)).toContain('api/checkout/status?wait=0'),
    );
    // The order is still open (some other conflict): the error, and Try again returns to the form.
    server.resolveStatus({ status: 'created' });
    await vi.waitFor(() => expect(m.state.value).toBe('error'));
    expect(m.error.value?.status).toBe(409);
    startAnswer = 'ok';
    m.retry();
    await vi.waitFor(() => expect(m.preparing.value).toBe(false));
    expect(m.state.value).toBe('ready');
    expect(starts).toBe(3);
  });

  it.each([
    ['cancelled', 409, 'ORDER_CLOSED'],
    ['expired', 401, 'TOKEN_EXPIRED'],
  ] as const)(
    'shows an order %s under the shopper (start answered %s) as its outcome',
    async (status, code, name) => {
      const { m, server, types } = setup({
        'api/checkout': () => checkoutAnswer(),
        'api/checkout/start': () => {
          throw { status: code, body: { error: { code: name, message: 'closed' } } };
        },
      });
      await m.load();
      m.select('okto-cash');
      await vi.waitFor(() =>
        expect(server.calls.map((call) => call.path)).toContain('api/checkout/status?wait=0'),
      );
      server.resolveStatus({ status });
      await vi.waitFor(() => expect(m.state.value).toBe(status));
      expect(m.outcome.value?.word).toBe(status);
      expect(types()).toEqual(['ready', 'method-selected', status]);
    },
  );
});
