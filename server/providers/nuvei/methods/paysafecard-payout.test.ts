import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NextAction } from '../../../../src/contract/schemas.ts';
import type { KassaApp } from '../../../app.ts';
import { createPayoutStore } from '../../../sandbox/nuvei/payout-store.ts';
import { asWidget, createOrder, merchantOrder, testApp } from '../../../testing.ts';
import { moveClock, widgetStatus } from './paysafecard.fixture.ts';

let kassa: KassaApp;
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  await kassa?.stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const FIELDS = {
  account: '2233678',
  firstName: 'John',
  lastName: 'Smith',
  dateOfBirth: '1995-11-15',
  email: 'john.smith@email.com',
};

const payoutOrder = (app: KassaApp, customerId = 'cust-1') =>
  createOrder(app, {
    kind: 'payout',
    country: 'AT',
    amount: '10.50',
    customer: { id: customerId, firstName: 'John', lastName: 'Smith', email: 'john.smith@email.com' },
  });

async function start(app: KassaApp, token: string, fields: Record<string, string> = FIELDS) {
  const res = await app.app.request(
    '/api/checkout/start',
    asWidget(token, { method: 'paysafecard', fields }),
  );
  return {
    status: res.status,
    body: (await res.json()) as NextAction & { error?: { fields: { path: string }[] } },
  };
}

/** The emulator's records: Nuvei's side of the story. */
const nuvei = async (app: KassaApp) => {
  const store = createPayoutStore(app.services.store);
  const [payouts, upos, user, users] = await Promise.all([
    store.payouts(),
    store.upos('cust-1'),
    store.user('cust-1'),
    store.users(),
  ]);
  return { payouts, upos: () => upos, user: () => user, users };
};

describe('paysafecard payouts (issue 3)', () => {
  it('offers paysafecard for a payout order as a server flow with the payout fields', async () => {
    kassa = testApp();
    const { clientToken } = await payoutOrder(kassa);
    const body = (await (await kassa.app.request('/api/checkout', asWidget(clientToken))).json()) as {
      methods: { id: string; flow: string; fields: { name: string }[] }[];
    };
    const psc = body.methods.find((m) => m.id === 'paysafecard');
    expect(psc?.flow).toBe('server');
    expect(psc?.fields.map((f) => f.name)).toEqual([
      'account',
      'firstName',
      'lastName',
      'dateOfBirth',
      'email',
    ]);
  });

  it('pays out: createUser, addUPOAPM, payout → order succeeded with one payout transaction', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await payoutOrder(kassa);
    const answer = await start(kassa, clientToken);
    expect(answer).toEqual({ status: 200, body: { type: 'done', status: 'succeeded' } });
    expect(JSON.stringify(answer.body)).not.toMatch(/1995-11-15|secret/i);
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('succeeded');
    expect(order.transactions).toEqual([
      expect.objectContaining({
        kind: 'payout',
        status: 'succeeded',
        providerTransactionId: expect.stringMatching(/^\d{18}$/),
      }),
    ]);
    const sent = await nuvei(kassa);
    expect(sent.user()).toMatchObject({ countryCode: 'AT', email: 'john.smith@email.com' });
    expect(sent.upos()).toEqual([
      expect.objectContaining({ accountId: '2233678', paymentMethod: 'apmgw_PaySafeCard' }),
    ]);
    expect(sent.payouts).toEqual([
      expect.objectContaining({
        clientUniqueId: order.transactions[0]?.id,
        amount: '10.50',
        currency: 'EUR',
      }),
    ]);
    // The payout DMN arrives a moment later and confirms what the answer said.
    await moveClock(kassa, 5);
    const dmn = (await kassa.services.store.listWebhooks('nuvei')).map((w) => [
      w.outcome,
      w.payload.type,
      w.payload.Status,
    ]);
    expect(dmn).toEqual([['applied', 'WITHDRAWAL', 'APPROVED']]);
    expect((await merchantOrder(kassa, orderId)).status).toBe('succeeded');
  });

  it('declines a payout to account 9999999: order failed', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await payoutOrder(kassa);
    const answer = await start(kassa, clientToken, { ...FIELDS, account: '9999999' });
    expect(answer.body).toEqual({ type: 'done', status: 'failed', reasonCode: 'declined' });
    await moveClock(kassa, 5);
    expect((await merchantOrder(kassa, orderId)).transactions[0]).toMatchObject({
      kind: 'payout',
      status: 'failed',
    });
    expect(await widgetStatus(kassa, clientToken)).toMatchObject({
      status: 'failed',
      reasonCode: 'declined',
    });
  });

  it('reuses the stored UPO for a second payout to the same customer and account (one addUPOAPM)', async () => {
    kassa = testApp();
    for (let i = 0; i < 2; i++) {
      const { clientToken } = await payoutOrder(kassa);
      expect((await start(kassa, clientToken)).body).toMatchObject({ status: 'succeeded' });
    }
    const sent = await nuvei(kassa);
    expect(sent.upos()).toHaveLength(1);
    expect(sent.payouts).toHaveLength(2);
    expect(new Set(sent.payouts.map((p) => p.upoId))).toEqual(new Set([sent.upos()[0]?.id]));
    // Another account of the same customer is another UPO; the user is registered only once.
    const { clientToken } = await payoutOrder(kassa);
    await start(kassa, clientToken, { ...FIELDS, account: '5550001' });
    expect((await nuvei(kassa)).upos()).toHaveLength(2);
    expect((await nuvei(kassa)).users).toHaveLength(1);
  });

  it('never sends a second /payout for one order, for repeated or concurrent starts', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await payoutOrder(kassa);
    // A double click: the second request arrives while the first is still registering the user.
    const [first, second] = await Promise.all([start(kassa, clientToken), start(kassa, clientToken)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await nuvei(kassa)).payouts).toHaveLength(1);
    expect(new Set([first.body, second.body].map((b) => b.type))).toEqual(new Set(['done']));
    // A repeat once it was paid: the order is closed, nothing is sent.
    const again = await start(kassa, clientToken);
    expect(again.status).toBe(409);
    expect((await nuvei(kassa)).payouts).toHaveLength(1);
    expect(
      (await merchantOrder(kassa, orderId)).transactions.filter((t) => t.kind === 'payout'),
    ).toHaveLength(1);
  });

  it('sends the payout exactly once across a server restart while its answer was lost, and settles by the DMN', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-payout-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { KASSA_DB: join(dir, 'kassa.sqlite') };
    kassa = testApp(env);
    const { orderId, clientToken } = await payoutOrder(kassa);
    // Nuvei processes the payout but its answer never arrives (held past the server's provider timeout).
    kassa.services.sandbox?.faults.arm('nuvei', 'timeout', 'payout');
    expect((await start(kassa, clientToken)).body).toEqual({ type: 'done', status: 'pending' });
    expect((await nuvei(kassa)).payouts).toHaveLength(1);
    expect((await merchantOrder(kassa, orderId)).status).toBe('pending');
    await kassa.stop(); // the process goes away before the payout DMN could be delivered

    kassa = testApp(env);
    expect(await widgetStatus(kassa, clientToken)).toMatchObject({ status: 'pending' });
    // The widget repeats its request: the payout in flight answers, nothing is sent again.
    expect((await start(kassa, clientToken)).body).toEqual({ type: 'done', status: 'pending' });
    expect((await nuvei(kassa)).payouts).toHaveLength(1);
    await moveClock(kassa, 5); // the emulator's durable queue delivers the DMN to the new process
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('succeeded');
    expect(order.transactions).toEqual([expect.objectContaining({ kind: 'payout', status: 'succeeded' })]);
    expect(order.events.find((e) => e.type === 'transaction.succeeded')?.data.source).toBe('dmn');
    expect((await nuvei(kassa)).payouts).toHaveLength(1);
  });

  it('never resends a /payout whose outcome is unknown, even after a restart; the stored UPO is reused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-payout-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { KASSA_DB: join(dir, 'kassa.sqlite') };
    kassa = testApp(env);
    const { orderId, clientToken } = await payoutOrder(kassa);
    // /payout answers HTTP 500 after /addUPOAPM: the server cannot know whether Nuvei took it, so it
    // keeps the payout as sent (pending, waiting for a DMN) and never sends it again.
    kassa.services.sandbox?.faults.arm('nuvei', 'http500', 'payout');
    expect((await start(kassa, clientToken)).body).toEqual({ type: 'done', status: 'pending' });
    await kassa.stop();
    kassa = testApp(env);
    expect((await start(kassa, clientToken)).body).toEqual({ type: 'done', status: 'pending' });
    expect((await nuvei(kassa)).payouts).toHaveLength(0);
    expect((await nuvei(kassa)).upos()).toHaveLength(1);
    // A new payout order for the same account goes straight to /payout with the stored UPO.
    const next = await payoutOrder(kassa);
    expect((await start(kassa, next.clientToken)).body).toMatchObject({ status: 'succeeded' });
    expect((await nuvei(kassa)).upos()).toHaveLength(1);
    expect((await merchantOrder(kassa, orderId)).status).toBe('pending');
    expect((await nuvei(kassa)).payouts).toHaveLength(1);
  });

  it('answers 400 naming the missing or bad payout fields, and sends nothing', async () => {
    kassa = testApp();
    const { clientToken } = await payoutOrder(kassa);
    const missing = await start(kassa, clientToken, { firstName: 'John' });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.fields.map((f) => f.path)).toEqual([
      'fields.account',
      'fields.lastName',
      'fields.dateOfBirth',
      'fields.email',
    ]);
    const bad = await start(kassa, clientToken, { ...FIELDS, dateOfBirth: '15/11/1995', email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields.map((f) => f.path).sort()).toEqual(['fields.dateOfBirth', 'fields.email']);
    expect((await nuvei(kassa)).user()).toBeUndefined();
    expect((await nuvei(kassa)).payouts).toHaveLength(0);
  });
});
