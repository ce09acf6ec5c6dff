/**
 * Odeon APM methods in-process (issue 11 items 2, 3 and 6): which types an order is offered; the
 * `/payments/link` request a start sends (through the real client over a fake fetch injected at the
 * runtime) with the KRW amount in 0 decimals and the EasyPaisa CNIC checked before anything is sent;
 * link payments approved and declined on the OdeonPay emulator's APM page; a late notification
 * reconciled through `/payments/status/invoice`; APM payouts sent once and settled by the payout
 * notification; an APM refund through `/payments/apm/refund`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckoutMethod, NextAction } from '../../../../src/contract/schemas.ts';
import type { KassaApp } from '../../../app.ts';
import { reconcileDue } from '../../../orders/reconcile.ts';
import type { OrderRecord } from '../../../store/types.ts';
import { asMerchant, asWidget, createOrder, testApp } from '../../../testing.ts';
import { createOdeonClient } from '../client.ts';
import { type FakeAnswer, fakeFetch, memoryLog } from '../fake-fetch.fixture.ts';
import type { OdeonRuntime } from '../runtime.ts';
import { APM_CATALOGUE, apmType } from './catalogue.ts';
import { offersApm } from './methods.ts';

let kassa: KassaApp | undefined;
afterEach(async () => {
  await kassa?.stop();
  kassa = undefined;
});

function k(): KassaApp {
  kassa ??= testApp();
  return kassa;
}

const odeonRuntime = () => k().services.providers.get('odeon')?.runtime as OdeonRuntime;

const customer = (extra: Record<string, unknown> = {}) => ({
  id: 'cust-apm',
  firstName: 'John',
  lastName: 'Deer',
  email: 'john@deer.com',
  ...extra,
});

/** An order of `kind` in `country` / `currency`; `methods` limits the picker. */
async function order(country: string, currency: string, amount: string, extra: Record<string, unknown> = {}) {
  return createOrder(k(), { country, currency, amount, customer: customer(), ...extra });
}

async function summary(clientToken: string) {
  const res = await k().app.request('/api/checkout', asWidget(clientToken));
  return (await res.json()) as { methods: CheckoutMethod[] };
}

const apmIds = (methods: CheckoutMethod[]) =>
  methods.filter((m) => m.id.startsWith('odeon-apm-')).map((m) => Number(m.id.slice('odeon-apm-'.length)));

async function start(clientToken: string, method: string, fields: Record<string, string> = {}) {
  const res = await k().app.request('/api/checkout/start', asWidget(clientToken, { method, fields }));
  return { status: res.status, body: (await res.json()) as NextAction & { error?: ErrorBody } };
}

interface ErrorBody {
  code: string;
  fields?: { path: string }[];
}

interface OrderView {
  status: string;
  refundedAmount?: string;
  transactions: {
    id: string;
    kind: string;
    status: string;
    method: string;
    amount: string;
    reasonCode: string | null;
    providerTransactionId: string | null;
  }[];
}

async function view(orderId: string): Promise<OrderView> {
  return (await (await k().app.request(`/api/orders/${orderId}`, asMerchant())).json()) as OrderView;
}

/**
 * Replaces the named client calls with the real client over a fake fetch (the rest still reach the
 * emulator); answers what was sent.
 */
function fakeOdeon(calls: (keyof OdeonRuntime['client'])[], ...answers: FakeAnswer[]) {
  const { fetch, sent } = fakeFetch(...answers);
  const odeon = odeonRuntime();
  const client = createOdeonClient({
    baseUrl: odeon.config.apiUrl,
    publicId: odeon.config.publicId,
    apiSecret: odeon.config.apiSecret,
    fetch,
    timeoutMs: 300,
    log: memoryLog().log,
  });
  for (const call of calls) Object.assign(odeon.client, { [call]: client[call] });
  return sent;
}

/** The seed's Link answer (status Created) for `invoiceId`. */
const linkAnswer = (amount: number, currency: string, invoiceId: string) =>
  JSON.stringify({
    success: true,
    message: null,
    model: {
      transactionId: 356244,
      amount,
      currency,
      invoiceId,
      accountId: 'john@deer.com',
      description: 'Test order',
      statusCode: 10,
      status: 'Created',
      reasonCode: 0,
      reason: 'Approved',
    },
    link: { method: 'get', action: 'https://checkout.odeonpay.test/?f8927-3928f-2398-3939' },
  });

const linkFor =
  (amount: number, currency: string): FakeAnswer =>
  async (request) =>
    new Response(linkAnswer(amount, currency, JSON.parse(request.body).invoiceId), {
      headers: { 'content-type': 'application/json' },
    });

/** Lets the emulator's queued notifications (and self-settling payouts) go out on the sandbox clock. */
async function deliverNotifications() {
  for (let i = 0; i < 2; i += 1) {
    const res = await k().app.request('/sandbox/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 3 }),
    });
    expect(res.status).toBe(200);
  }
}

/** Answers the emulator's APM page like the shopper, then comes back through Kassa's return route. */
async function answerPage(url: string, action: 'approve' | 'decline' | 'cancel') {
  const page = new URL(url);
  const answered = await k().app.request(`${page.pathname}${page.search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }).toString(),
  });
  expect(answered.status).toBe(303);
  const back = new URL(answered.headers.get('location') ?? '');
  expect(back.pathname).toMatch(/^\/return\/odeon\/(success|failure|cancel)$/);
  const returned = await k().app.request(`${back.pathname}${back.search}`);
  expect(returned.status).toBe(303);
}

describe('which APM types an order is offered', () => {
  it('BR / BRL: the Brazilian types, the test payment and the worldwide one, in the catalogue order', async () => {
    const { clientToken } = await order('BR', 'BRL', '100.00');
    const { methods } = await summary(clientToken);
    expect(apmIds(methods)).toEqual([
      1, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 2041, 4011, 4012, 4013,
    ]);
    const bradesco = methods.find((m) => m.id === 'odeon-apm-1005');
    expect(bradesco).toEqual({
      id: 'odeon-apm-1005',
      label: 'Bradesco Pague Facil (1005)',
      icon: 'cash',
      provider: 'odeon',
      flow: 'server',
      fields: [
        { name: 'personId', required: true },
        { name: 'phone', required: true },
      ],
    });
  });

  it('IN / INR: every Indian Link type; payouts: the APM Payout ones', async () => {
    const { clientToken } = await order('IN', 'INR', '500.25');
    const ids = apmIds((await summary(clientToken)).methods);
    const indian = APM_CATALOGUE.filter((t) => t.country === 'IN' && t.link).map((t) => t.typeId);
    expect(indian).toHaveLength(56);
    expect(ids.sort((a, b) => a - b)).toEqual([1, ...indian, 2041].sort((a, b) => a - b));
    const payout = await order('IN', 'INR', '700.00', { kind: 'payout' });
    const payoutIds = apmIds((await summary(payout.clientToken)).methods);
    expect(payoutIds).toEqual([
      2, 2053, 2081, 2082, 2083, 2084, 2085, 2086, 2087, 2088, 2090, 2091, 2092, 3020, 3021,
    ]);
  });

  it('PK / PKR: EasyPaisa and JazzCash with the 13-digit CNIC; KR / KRW: Virtual Banking', async () => {
    const pk = await summary((await order('PK', 'PKR', '10000.00')).clientToken);
    expect(apmIds(pk.methods)).toEqual([1, 2041, 56500, 56501]);
    expect(pk.methods.find((m) => m.id === 'odeon-apm-56500')?.fields).toEqual([
      { name: 'personId', required: true },
      { name: 'phone', required: true },
      { name: 'documentId', required: true, pattern: '^\\d{13}$' },
    ]);
    const kr = await summary((await order('KR', 'KRW', '60000')).clientToken);
    expect(apmIds(kr.methods)).toEqual([1, 2041, 50033]);
  });

  it('not for other countries or currencies: GR / EUR gets the rows of no single country only', async () => {
    const gr = await summary((await order('GR', 'EUR', '10.00')).clientToken);
    expect(apmIds(gr.methods)).toEqual([1, 2041, 6001]);
    // India's types in another currency, Brazil's in another country: none.
    const inUsd = await summary((await order('IN', 'USD', '10.00')).clientToken);
    expect(apmIds(inUsd.methods)).toEqual([1, 2041]);
    const ptBrl = await summary((await order('PT', 'BRL', '10.00')).clientToken);
    expect(apmIds(ptBrl.methods)).toEqual([1, 2041]);
  });

  it('never a non-ISO currency (USDT, BTC); the test types in sandbox mode only', () => {
    const odeon = odeonRuntime();
    const base = { kind: 'payment', country: 'VN', currency: 'VND' } as OrderRecord;
    const type = (id: number) => {
      const t = apmType(id);
      if (!t) throw new Error(`no type ${id}`);
      return t;
    };
    expect(offersApm(type(7000), base, odeon)).toBe(true);
    expect(offersApm(type(7009), base, odeon)).toBe(false);
    expect(offersApm(type(7009), { ...base, currency: 'USDT' }, odeon)).toBe(false);
    expect(offersApm(type(10100), { ...base, currency: 'BTC' }, odeon)).toBe(false);
    const live = { ...odeon, config: { ...odeon.config, sandbox: false } };
    expect(offersApm(type(1), base, odeon)).toBe(true);
    expect(offersApm(type(1), base, live)).toBe(false);
    expect(offersApm(type(2), { ...base, kind: 'payout' }, live)).toBe(false);
    expect(offersApm(type(2041), base, live)).toBe(true);
  });
});

describe('link payments: the /payments/link request', () => {
  it('UPI in INR: invoiceId, return URLs, paymentTypeId, the fields and payer data; a full-page redirect', async () => {
    const sent = fakeOdeon(['paymentLink'], linkFor(500.25, 'INR'));
    const { orderId, clientToken } = await order('IN', 'INR', '500.25', { methods: ['odeon-apm-2000'] });
    const started = await start(clientToken, 'odeon-apm-2000', {
      personId: 'john@upi',
      phone: '9555777666',
    });
    expect(started).toEqual({
      status: 200,
      body: { type: 'redirect', url: 'https://checkout.odeonpay.test/?f8927-3928f-2398-3939' },
    });
    const tx = (await view(orderId)).transactions[0];
    expect(tx).toMatchObject({ kind: 'payment', status: 'pending', method: 'odeon-apm-2000' });
    const txId = tx?.id ?? '';
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toMatch(/\/payments\/link$/);
    const body = sent[0]?.body ?? '';
    expect(body).toContain('"amount":500.25,');
    expect(JSON.parse(body)).toEqual({
      amount: 500.25,
      currency: 'INR',
      description: 'Test order',
      invoiceId: txId,
      accountId: 'john@deer.com',
      successUrl: `http://kassa.test/return/odeon/success?tx=${txId}`,
      failureUrl: `http://kassa.test/return/odeon/failure?tx=${txId}`,
      pendingUrl: `http://kassa.test/return/odeon/pending?tx=${txId}`,
      cancelUrl: `http://kassa.test/return/odeon/cancel?tx=${txId}`,
      ip: expect.any(String),
      data: {
        firstName: 'John',
        lastName: 'Deer',
        countryCode: 'IN',
        personId: 'john@upi',
        phone: '9555777666',
        paymentTypeId: 2000,
      },
    });
    // The shopper coming back to the widget gets the same redirect again.
    const status = await k().app.request('/api/checkout/status', asWidget(clientToken));
    expect(await status.json()).toMatchObject({
      status: 'pending',
      action: { type: 'redirect', url: 'https://checkout.odeonpay.test/?f8927-3928f-2398-3939' },
    });
  });

  it('Virtual Banking in KRW: the amount with 0 decimals', async () => {
    const sent = fakeOdeon(['paymentLink'], linkFor(60000, 'KRW'));
    const { clientToken } = await order('KR', 'KRW', '60000');
    const started = await start(clientToken, 'odeon-apm-50033', {
      personId: '17181927934',
      phone: '9555777666',
    });
    expect(started.body).toMatchObject({ type: 'redirect' });
    const body = sent[0]?.body ?? '';
    expect(body).toContain('"amount":60000,');
    expect(JSON.parse(body)).toMatchObject({
      currency: 'KRW',
      data: { personId: '17181927934', phone: '9555777666', countryCode: 'KR', paymentTypeId: 50033 },
    });
  });

  it('EasyPaisa: a 12-digit CNIC is a 400 naming fields.documentId and nothing is sent', async () => {
    const sent = fakeOdeon(['paymentLink'], linkFor(10000, 'PKR'));
    const { orderId, clientToken } = await order('PK', 'PKR', '10000.00');
    const fields = { personId: '03014333611', phone: '03014333611' };
    const short = await start(clientToken, 'odeon-apm-56500', { ...fields, documentId: '344028923855' });
    expect(short.status).toBe(400);
    expect(short.body.error?.fields?.map((f) => f.path)).toEqual(['fields.documentId']);
    // A value of spaces is no value (the route checks presence, the method what it relies on).
    const blank = await start(clientToken, 'odeon-apm-56500', {
      ...fields,
      personId: '   ',
      documentId: '3440289238550',
    });
    expect(blank.status).toBe(400);
    expect(blank.body.error?.fields?.map((f) => f.path)).toEqual(['fields.personId']);
    expect(sent).toHaveLength(0);
    expect((await view(orderId)).transactions).toEqual([]);

    const good = await start(clientToken, 'odeon-apm-56500', { ...fields, documentId: '3440289238550' });
    expect(good.body).toMatchObject({ type: 'redirect' });
    expect(JSON.parse(sent[0]?.body ?? '{}').data).toMatchObject({
      personId: '03014333611',
      phone: '03014333611',
      documentId: '3440289238550',
      paymentTypeId: 56500,
    });
  });

  it('a link Odeon refuses ends the attempt and answers a provider error', async () => {
    const sent = fakeOdeon(
      ['paymentLink'],
      JSON.stringify({ success: false, message: 'Invalid Amount value' }),
    );
    const { orderId, clientToken } = await order('BR', 'BRL', '100.00');
    const started = await start(clientToken, 'odeon-apm-1000', {
      personId: '4000878749933',
      phone: '+5511999999999',
    });
    expect(started.status).toBe(502);
    expect(sent).toHaveLength(1);
    expect((await view(orderId)).transactions[0]).toMatchObject({ status: 'failed', reasonCode: 'error' });
  });
});

describe('link payments on the OdeonPay emulator', () => {
  it('Banco Itau in BRL approved: succeeded by the return and the notification', async () => {
    const { orderId, clientToken } = await order('BR', 'BRL', '100.50');
    const started = await start(clientToken, 'odeon-apm-1000', {
      personId: '4000878749933',
      phone: '+5511999999999',
    });
    expect(started.body).toMatchObject({
      type: 'redirect',
      url: expect.stringMatching(/\/sandbox\/odeon\/apm\//),
    });
    await answerPage((started.body as { url: string }).url, 'approve');
    await deliverNotifications();
    const done = await view(orderId);
    expect(done.status).toBe('succeeded');
    expect(done.transactions[0]).toMatchObject({
      status: 'succeeded',
      providerTransactionId: expect.any(String),
    });
  });

  it('declined on the APM page: the attempt fails as declined and the order may try again', async () => {
    const { orderId, clientToken } = await order('IN', 'INR', '500.25');
    const started = await start(clientToken, 'odeon-apm-2000', { personId: 'john@upi', phone: '9555777666' });
    await answerPage((started.body as { url: string }).url, 'decline');
    await deliverNotifications();
    const done = await view(orderId);
    expect(done.status).toBe('failed');
    expect(done.transactions[0]).toMatchObject({ status: 'failed', reasonCode: 'declined' });
  });

  it('a late notification: the sweep settles a pending APM attempt through /payments/status/invoice', async () => {
    const { orderId, clientToken } = await order('KR', 'KRW', '60000');
    const started = await start(clientToken, 'odeon-apm-50033', {
      personId: '17181927934',
      phone: '9555777666',
    });
    // Approved on the page, but the shopper never comes back and no notification has arrived yet.
    const page = new URL((started.body as { url: string }).url);
    await k().app.request(page.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'approve' }).toString(),
    });
    expect((await view(orderId)).status).toBe('pending');
    const invoices: string[] = [];
    const odeon = odeonRuntime();
    const statusInvoice = odeon.client.statusInvoice;
    odeon.client.statusInvoice = (invoiceId) => {
      invoices.push(invoiceId);
      return statusInvoice(invoiceId);
    };
    const clock = k().services.clock as { advance?: (ms: number) => void };
    clock.advance?.(3 * 60_000);
    await reconcileDue(k().services);
    const done = await view(orderId);
    expect(invoices).toEqual([done.transactions[0]?.id]);
    expect(done.status).toBe('succeeded');
  });
});

describe('APM payouts', () => {
  const payoutAnswer = (amount: number, currency: string, statusCode = 10, status = 'Created') =>
    JSON.stringify({
      model: {
        transactionId: 8432893,
        amount,
        currency,
        invoiceId: 'x',
        accountId: 'john@deer.com',
        name: 'John Deer',
        statusCode,
        status,
        reasonCode: 0,
        reason: 'Approved',
      },
      success: true,
      message: null,
    });

  it('Virtual Banking in KRW: sent once (two starts at once), pending with Odeon’s id', async () => {
    const sent = fakeOdeon(['apmPayout'], payoutAnswer(1000, 'KRW'));
    const { orderId, clientToken } = await order('KR', 'KRW', '1000', { kind: 'payout' });
    const fields = {
      personId: 'john123',
      bankName: 'Kwangju Bank',
      bankAccountNumber: '123456789',
      bankAccountHolder: 'John Doe',
    };
    const [a, b] = await Promise.all([
      start(clientToken, 'odeon-apm-50033', fields),
      start(clientToken, 'odeon-apm-50033', fields),
    ]);
    expect([a.body, b.body]).toEqual([
      { type: 'done', status: 'pending' },
      { type: 'done', status: 'pending' },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toMatch(/\/payments\/apm\/payout$/);
    const payout = (await view(orderId)).transactions;
    expect(payout).toHaveLength(1);
    expect(payout[0]).toMatchObject({ kind: 'payout', status: 'pending', providerTransactionId: '8432893' });
    expect(sent[0]?.body).toContain('"amount":1000,');
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({
      amount: 1000,
      accountId: 'john@deer.com',
      currency: 'KRW',
      description: 'Test order',
      invoiceId: payout[0]?.id,
      name: 'John Deer',
      data: { firstName: 'John', lastName: 'Deer', countryCode: 'KR', ...fields, paymentTypeId: 50033 },
    });
    // Again later: the payout is not sent again.
    expect((await start(clientToken, 'odeon-apm-50033', fields)).body).toEqual({
      type: 'done',
      status: 'pending',
    });
    expect(sent).toHaveLength(1);
  });

  it('missing payout details: a 400 before anything is sent, the payout not claimed', async () => {
    const sent = fakeOdeon(['apmPayout'], payoutAnswer(10000, 'PKR'));
    const { orderId, clientToken } = await order('PK', 'PKR', '10000.00', { kind: 'payout' });
    const refused = await start(clientToken, 'odeon-apm-56501', {
      personId: '03401234567',
      phone: '03401234567',
      documentId: '34402892385',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.fields?.map((f) => f.path)).toEqual(['fields.documentId']);
    expect(sent).toHaveLength(0);
    expect((await view(orderId)).transactions).toEqual([]);
    const sentOnce = await start(clientToken, 'odeon-apm-56501', {
      personId: '03401234567',
      phone: '03401234567',
      documentId: '3440289238550',
    });
    expect(sentOnce.body).toEqual({ type: 'done', status: 'pending' });
    expect(JSON.parse(sent[0]?.body ?? '{}').data).toMatchObject({
      documentId: '3440289238550',
      paymentTypeId: 56501,
    });
  });

  it('on the emulator: success@bank paid out, failure@bank declined, by the payout notification', async () => {
    for (const [personId, status] of [
      ['success@bank', 'succeeded'],
      ['failure@bank', 'failed'],
    ] as const) {
      const { orderId, clientToken } = await order('AT', 'EUR', '25.00', {
        kind: 'payout',
        methods: ['odeon-apm-2'],
      });
      const started = await start(clientToken, 'odeon-apm-2', { personId, phone: '9555777666' });
      expect(started.body).toEqual({ type: 'done', status: 'pending' });
      await deliverNotifications();
      const done = await view(orderId);
      expect(done.status, personId).toBe(status);
      expect(done.transactions).toHaveLength(1);
    }
  });
});

describe('APM refunds', () => {
  it('a UPI payment refunded in part through /payments/apm/refund, settled by the refund notification', async () => {
    const { orderId, clientToken } = await order('IN', 'INR', '500.25');
    const started = await start(clientToken, 'odeon-apm-2000', { personId: 'john@upi', phone: '9555777666' });
    await answerPage((started.body as { url: string }).url, 'approve');
    await deliverNotifications();
    const paid = await view(orderId);
    expect(paid.status).toBe('succeeded');

    const calls: unknown[] = [];
    const odeon = odeonRuntime();
    const apmRefund = odeon.client.apmRefund;
    odeon.client.apmRefund = (input) => {
      calls.push(input);
      return apmRefund(input);
    };
    const refunded = await k().app.request(
      `/api/orders/${orderId}/refunds`,
      asMerchant({ amount: '100.25' }),
    );
    expect(refunded.status).toBe(201);
    expect(await refunded.json()).toMatchObject({ status: 'pending', amount: '100.25', currency: 'INR' });
    expect(calls).toEqual([
      { transactionId: paid.transactions[0]?.providerTransactionId, amountMinor: 10025, currency: 'INR' },
    ]);
    await deliverNotifications();
    const after = await view(orderId);
    expect(after.refundedAmount).toBe('100.25');
    expect(after.transactions.find((t) => t.kind === 'refund')).toMatchObject({
      status: 'succeeded',
      method: 'odeon-apm-2000',
    });
  });

  it('sends the APM refund body the seed shows: the payment’s transactionId and the amount', async () => {
    const sent = fakeOdeon(
      ['apmRefund'],
      JSON.stringify({ model: { transactionId: 8432894, statusCode: 10, status: 'Created' }, success: true }),
    );
    const answer = await odeonRuntime().client.apmRefund({
      transactionId: '8432820',
      amountMinor: 70000,
      currency: 'INR',
    });
    expect(answer.model.transactionId).toBe(8432894);
    expect(sent[0]?.url).toMatch(/\/payments\/apm\/refund$/);
    expect(sent[0]?.body).toBe('{"transactionId":8432820,"amount":700.00}');
  });
});
