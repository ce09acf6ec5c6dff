/**
 * Method `odeon-card` in-process against the OdeonPay emulator (issue 9 item 6): each flow, the 3-D
 * Secure TermUrl (a foreign MD refused, a replayed PaRes calling post3ds once), returns confirmed with
 * Odeon, and the reconciliation sweep settling what no notification reached.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NextAction } from '../../../src/contract/schemas.ts';
import { createApp, type KassaApp } from '../../app.ts';
import type { SandboxClock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../log.ts';
import { reconcileDue } from '../../orders/reconcile.ts';
import { asMerchant, asWidget, MERCHANT_KEY, orderBody, TEST_SECRET } from '../../testing.ts';

const PUBLIC_URL = 'http://kassa.test';
const EXPIRY = `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
const card = (cardNumber: string, cvc = '123') => ({
  cardNumber,
  expiry: EXPIRY,
  cvc,
  cardholderName: 'John Smith',
});

let kassa: KassaApp;
let lines: string[];

/** The app in sandbox mode; `timers: false` keeps the sweep and the emulator's notifications still. */
function start(env: Record<string, string> = {}, timers = true) {
  lines = [];
  const config = loadConfig({
    KASSA_DB: ':memory:',
    KASSA_MERCHANT_KEY: MERCHANT_KEY,
    KASSA_SECRET: TEST_SECRET,
    KASSA_PUBLIC_URL: PUBLIC_URL,
    KASSA_PROVIDER_TIMEOUT_MS: '300',
    ...env,
  });
  kassa = createApp({ config, log: createLogger({ write: (line) => lines.push(line) }) });
  if (timers) kassa.start();
  return kassa;
}

afterEach(async () => {
  await kassa?.stop();
});

async function cardOrder(cardFlow: string, overrides: Record<string, unknown> = {}) {
  const res = await kassa.app.request(
    '/api/orders',
    asMerchant(orderBody({ methods: ['odeon-card'], cardFlow, ...overrides })),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { orderId: string; clientToken: string };
}

async function startCard(token: string, body: Record<string, unknown> = {}) {
  const res = await kassa.app.request(
    '/api/checkout/start',
    asWidget(token, { method: 'odeon-card', ...body }),
  );
  return { status: res.status, body: (await res.json()) as NextAction & { error?: { fields?: unknown[] } } };
}

async function order(orderId: string) {
  const res = await kassa.app.request(`/api/orders/${orderId}`, asMerchant());
  return (await res.json()) as {
    status: string;
    transactions: {
      id: string;
      status: string;
      reasonCode: string | null;
      providerTransactionId: string | null;
    }[];
    events: { type: string; data: Record<string, unknown> }[];
  };
}

/** The bank's page: the ACS form post, the passphrase, and the page that posts MD and PaRes back. */
async function passAcs(action: Extract<NextAction, { type: 'form-post' }>, passphrase: string) {
  const acsPath = new URL(action.url).pathname;
  const page = await kassa.app.request(acsPath, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(action.fields).toString(),
  });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('3-D Secure');
  const confirm = await kassa.app.request(`${acsPath}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...action.fields, passphrase, action: 'confirm' }).toString(),
  });
  const html = await confirm.text();
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { MD: value('MD'), PaRes: value('PaRes') };
}

function postTermUrl(termUrl: string, fields: Record<string, string>) {
  const url = new URL(termUrl);
  return kassa.app.request(`${url.pathname}${url.search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const post3dsCalls = () =>
  lines.filter((l) => l.includes('"odeon call"') && l.includes('payments/post3ds')).length;

describe('odeon-card, direct flow (Kassa card form → /payments/charge/card)', () => {
  it('4242… succeeds at once; only the masked card is kept; the order is paid', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('direct');
    const answer = await startCard(clientToken, {
      fields: card('4242424242424242'),
      browserData: { colorDepth: '24', screenWidth: '1280', language: 'en_US' },
    });
    expect(answer.body).toEqual({ type: 'done', status: 'succeeded' });
    const view = await order(orderId);
    expect(view.status).toBe('succeeded');
    expect(view.transactions[0]?.providerTransactionId).toMatch(/^\d+$/);
    const tx = await kassa.services.store.getTransaction(view.transactions[0]?.id ?? '');
    expect(tx?.data.cardMask).toBe('424242******4242');
    expect(JSON.stringify(tx)).not.toContain('4242424242424242');
    expect(lines.join('\n')).not.toContain('4242424242424242');
  });

  it('CVV 333 is declined: the attempt and the order fail with reason declined', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('direct');
    const answer = await startCard(clientToken, { fields: card('4242424242424242', '333') });
    expect(answer.body).toMatchObject({ type: 'done', status: 'failed', reasonCode: 'declined' });
    const view = await order(orderId);
    expect(view.status).toBe('failed');
    expect(view.transactions[0]).toMatchObject({ status: 'failed', reasonCode: 'declined' });
  });

  it('refuses missing and impossible card fields with 400s naming them, before any charge', async () => {
    start();
    const { clientToken } = await cardOrder('direct');
    const missing = await startCard(clientToken, { fields: { cardNumber: '4242424242424242' } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('fields.cvc');
    const luhn = await startCard(clientToken, { fields: card('4242424242424241') });
    expect(luhn.status).toBe(400);
    expect(JSON.stringify(luhn.body)).toContain('fields.cardNumber');
    expect(JSON.stringify(luhn.body)).not.toContain('4242424242424241');
    const past = await startCard(clientToken, { fields: { ...card('4242424242424242'), expiry: '01/20' } });
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body)).toContain('fields.expiry');
    expect(post3dsCalls()).toBe(0);
    expect(lines.filter((l) => l.includes('payments/charge/card'))).toEqual([]);
  });

  it('Advanced 3-DS: a form post to the ACS with PaReq, MD and the TermUrl; passphrase 4 then pays', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('direct');
    const answer = await startCard(clientToken, { fields: card('4111111111111111') });
    expect(answer.body.type).toBe('form-post');
    const action = answer.body as Extract<NextAction, { type: 'form-post' }>;
    const tx = (await order(orderId)).transactions[0];
    expect(action.url).toBe(`${PUBLIC_URL}/sandbox/odeon/acs`);
    expect(action.fields.MD).toBe(tx?.providerTransactionId);
    expect(action.fields.TermUrl).toBe(`${PUBLIC_URL}/return/odeon/3ds?tx=${tx?.id}`);
    expect(action.fields.PaReq).not.toBe('');
    // Shown again to a shopper coming back (GET /api/checkout), and pending meanwhile.
    expect((await order(orderId)).status).toBe('pending');

    const answered = await passAcs(action, '4');
    expect(answered.MD).toBe(action.fields.MD);
    const back = await postTermUrl(action.fields.TermUrl ?? '', answered);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(
      `https://shop.example/return?kassa_order=${orderId}&kassa_status=succeeded`,
    );
    expect((await order(orderId)).status).toBe('succeeded');
  });

  it('Advanced 3-DS failed (wrong passphrase) ends the attempt as declined', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('direct');
    const action = (await startCard(clientToken, { fields: card('4111111111111111') })).body as Extract<
      NextAction,
      { type: 'form-post' }
    >;
    const back = await postTermUrl(action.fields.TermUrl ?? '', await passAcs(action, 'nope'));
    expect(back.headers.get('location')).toContain('kassa_status=failed');
    expect((await order(orderId)).transactions[0]).toMatchObject({
      status: 'failed',
      reasonCode: 'declined',
    });
  });

  it('the TermUrl refuses a foreign MD (400, nothing applied) and calls post3ds once for a replayed PaRes', async () => {
    start();
    const first = await cardOrder('direct');
    const second = await cardOrder('direct');
    const a = (await startCard(first.clientToken, { fields: card('4111111111111111') })).body as Extract<
      NextAction,
      { type: 'form-post' }
    >;
    const b = (await startCard(second.clientToken, { fields: card('4111111111111111') })).body as Extract<
      NextAction,
      { type: 'form-post' }
    >;
    const answeredB = await passAcs(b, '4');
    // The other order's MD and PaRes posted to this attempt's TermUrl: refused, nothing changes.
    const foreign = await postTermUrl(a.fields.TermUrl ?? '', answeredB);
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(await foreign.json())).toContain('MD');
    expect((await order(first.orderId)).status).toBe('pending');
    expect((await order(second.orderId)).status).toBe('pending');
    expect(post3dsCalls()).toBe(0);

    const done = await postTermUrl(b.fields.TermUrl ?? '', answeredB);
    expect(done.status).toBe(303);
    expect(post3dsCalls()).toBe(1);
    const again = await postTermUrl(b.fields.TermUrl ?? '', answeredB);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toContain('kassa_status=succeeded');
    expect(post3dsCalls()).toBe(1);
    // Another PaRes for an attempt already authenticated is refused.
    const other = await postTermUrl(b.fields.TermUrl ?? '', {
      MD: answeredB.MD,
      PaRes: 'c29tZXRoaW5nIGVsc2U=',
    });
    expect(other.status).toBe(400);
    expect(post3dsCalls()).toBe(1);
    // A TermUrl naming an attempt that never went to 3-D Secure is refused too.
    const plain = await cardOrder('direct');
    expect((await startCard(plain.clientToken, { fields: card('4242424242424242') })).body.type).toBe('done');
    const plainTx = (await order(plain.orderId)).transactions[0];
    const notAwaiting = await postTermUrl(`${PUBLIC_URL}/return/odeon/3ds?tx=${plainTx?.id}`, answeredB);
    expect(notAwaiting.status).toBe(400);
  });

  it('Redirect 3-DS answers a redirect to the bank page; its return is confirmed with Odeon', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('direct');
    const action = (await startCard(clientToken, { fields: card('4200000000000000') })).body;
    expect(action.type).toBe('redirect');
    const url = new URL((action as { url: string }).url);
    const page = await kassa.app.request(`${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ passphrase: '4', action: 'confirm' }).toString(),
    });
    expect([302, 303]).toContain(page.status);
    const returnTo = new URL(page.headers.get('location') ?? '');
    expect(returnTo.pathname).toBe('/return/odeon/success');
    const back = await kassa.app.request(`${returnTo.pathname}${returnTo.search}`);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toContain('kassa_status=succeeded');
    expect((await order(orderId)).status).toBe('succeeded');
  });

  it('a charge answered with a server error stays pending (it may have been charged) and the sweep asks /payments/status/invoice', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('direct');
    await armFault('http500');
    const answer = await startCard(clientToken, { fields: card('4242424242424242') });
    expect(answer.body).toEqual({ type: 'done', status: 'pending' });
    expect((await order(orderId)).status).toBe('pending');
    // Two minutes later the sweep asks Odeon; the emulator never charged (the fault answered first).
    await (kassa.services.clock as SandboxClock).advance(121);
    await reconcileDue(kassa.services);
    expect((await order(orderId)).status).toBe('pending');
    expect(lines.some((l) => l.includes('payments/status/invoice'))).toBe(true);
  });

  it('a charge made but not answered in time, its notification lost, is settled by the sweep', async () => {
    // No timers: the emulator's notification is never sent, as if it were lost.
    start({}, false);
    const { orderId, clientToken } = await cardOrder('direct');
    await armFault('timeout');
    const answer = await startCard(clientToken, { fields: card('4242424242424242') });
    expect(answer.body).toEqual({ type: 'done', status: 'pending' });
    await (kassa.services.clock as SandboxClock).advance(60);
    await reconcileDue(kassa.services);
    // Not yet two minutes: not asked.
    expect((await order(orderId)).status).toBe('pending');
    await (kassa.services.clock as SandboxClock).advance(61);
    await reconcileDue(kassa.services);
    const view = await order(orderId);
    expect(view.status).toBe('succeeded');
    expect(view.events.find((e) => e.type === 'transaction.succeeded')?.data.source).toBe('reconcile');
  });
});

async function armFault(fault: 'http500' | 'timeout') {
  const res = await kassa.app.request('/sandbox/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'odeon', endpoint: 'payments/charge/card', fault }),
  });
  expect(res.status).toBe(200);
}

describe('odeon-card, hosted flows', () => {
  it('redirect: the hosted page URL carries every parameter and Kassa return URLs', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('redirect');
    const action = (await startCard(clientToken)).body as { type: string; url: string };
    expect(action.type).toBe('redirect');
    const url = new URL(action.url);
    const tx = (await order(orderId)).transactions[0];
    expect(url.pathname).toBe('/sandbox/odeon/payments/redirect/pbid_sandbox');
    expect(url.searchParams.get('amount')).toBe('10.00');
    expect(url.searchParams.get('currency')).toBe('EUR');
    expect(url.searchParams.get('invoiceId')).toBe(tx?.id);
    expect(url.searchParams.get('successUrl')).toBe(`${PUBLIC_URL}/return/odeon/success?tx=${tx?.id}`);
    expect(url.searchParams.get('cancelUrl')).toBe(`${PUBLIC_URL}/return/odeon/cancel?tx=${tx?.id}`);
  });

  it('cancel before paying on the hosted page ends the attempt as cancelled', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('redirect');
    await startCard(clientToken);
    const tx = (await order(orderId)).transactions[0];
    const back = await kassa.app.request(`/return/odeon/cancel?tx=${tx?.id}`);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toContain('kassa_status=failed');
    expect((await order(orderId)).transactions[0]).toMatchObject({
      status: 'failed',
      reasonCode: 'cancelled',
    });
  });

  it('a return URL with a success word but no Odeon payment changes nothing (never trusted)', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('redirect');
    await startCard(clientToken);
    const tx = (await order(orderId)).transactions[0];
    const back = await kassa.app.request(`/return/odeon/success?tx=${tx?.id}`);
    expect(back.headers.get('location')).toContain('kassa_status=pending');
    expect((await order(orderId)).status).toBe('pending');
  });

  it('checkout: /checkout/link with the page painted from the widget theme and the merchant title', async () => {
    start({ KASSA_MERCHANT_NAME: 'Kassa Test Shop' });
    const { clientToken } = await cardOrder('checkout');
    const action = (
      await startCard(clientToken, {
        theme: { accent: '#7a1f5c', font: 'Georgia, serif', radius: '4px' },
      })
    ).body as { type: string; url: string };
    expect(action.type).toBe('redirect');
    const url = new URL(action.url);
    const html = await (await kassa.app.request(`${url.pathname}${url.search}`)).text();
    expect(html).toContain('Kassa Test Shop');
    const css = await (await kassa.app.request(`${url.pathname.replace(/\/$/, '')}/theme.css`)).text();
    expect(css.toLowerCase()).toContain('#7a1f5c');
  });

  it('a theme value that could break out of CSS is refused with a 400 naming it', async () => {
    start();
    const { clientToken } = await cardOrder('checkout');
    const bad = await startCard(clientToken, { theme: { accent: 'red;}body{display:none' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('theme.accent');
  });
});

describe('odeon-card, widget flow (payment.js)', () => {
  it('start on selection answers the widget action; the same start again answers the same attempt', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('widget');
    const summary = (await (await kassa.app.request('/api/checkout', asWidget(clientToken))).json()) as {
      methods: { id: string; flow: string; fields: unknown[] }[];
      providers: Record<string, unknown>;
    };
    expect(summary.methods).toEqual([expect.objectContaining({ id: 'odeon-card', flow: 'sdk', fields: [] })]);
    expect(summary.providers.odeon).toEqual({ publicId: 'pbid_sandbox' });
    const first = (await startCard(clientToken)).body as Extract<NextAction, { type: 'widget' }>;
    expect(first).toMatchObject({
      type: 'widget',
      provider: 'odeon',
      scriptUrl: `${PUBLIC_URL}/sandbox/odeon/payment.js`,
      params: {
        publicId: 'pbid_sandbox',
        amount: '10.00',
        currency: 'EUR',
        accountId: 'john.smith@email.com',
      },
    });
    const again = (await startCard(clientToken)).body as Extract<NextAction, { type: 'widget' }>;
    expect(again.params.invoiceId).toBe(first.params.invoiceId);
    expect((await order(orderId)).transactions).toHaveLength(1);
  });

  it('complete is confirmed with Odeon: a success the browser claims without an Odeon payment is only pending', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('widget');
    const action = (await startCard(clientToken)).body as Extract<NextAction, { type: 'widget' }>;
    const res = await kassa.app.request(
      '/api/checkout/complete',
      asWidget(clientToken, { transactionId: action.params.invoiceId, result: { outcome: 'success' } }),
    );
    expect(await res.json()).toEqual({ type: 'done', status: 'pending' });
    expect((await order(orderId)).status).toBe('pending');
  });

  it('a closed dialog with no Odeon payment ends the attempt as cancelled', async () => {
    start();
    const { orderId, clientToken } = await cardOrder('widget');
    const action = (await startCard(clientToken)).body as Extract<NextAction, { type: 'widget' }>;
    const res = await kassa.app.request(
      '/api/checkout/complete',
      asWidget(clientToken, {
        transactionId: action.params.invoiceId,
        result: { outcome: 'failure', reason: 'cancelled' },
      }),
    );
    expect(await res.json()).toEqual({ type: 'done', status: 'failed', reasonCode: 'cancelled' });
    expect((await order(orderId)).transactions[0]).toMatchObject({
      status: 'failed',
      reasonCode: 'cancelled',
    });
  });
});
