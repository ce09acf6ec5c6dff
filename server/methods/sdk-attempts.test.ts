/**
 * One provider session per order and method across instances (design §3 `start`, "Several
 * instances"): two SdkAttempts over one store are what two instances on one database are.
 */
import { describe, expect, it } from 'vitest';
import type { NextAction } from '../../src/contract/schemas.ts';
import { SandboxClock } from '../clock.ts';
import { createLogger } from '../log.ts';
import { OrderService } from '../orders/service.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import type { OrderRecord, TransactionRecord } from '../store/types.ts';
import { SdkAttempts } from './sdk-attempts.ts';
import type { MethodContext, ServerMethod } from './types.ts';

async function setup() {
  const store = await openStore(':memory:');
  const clock = new SandboxClock();
  const orders = new OrderService(store, clock, createLogger({ silent: true }));
  const order = (await orders.create({
    kind: 'payment',
    amountMinor: 1000,
    currency: 'EUR',
    country: 'GR',
    description: 'd',
    customer: { id: 'c', firstName: 'A', lastName: 'B', email: 'a@b.co' },
    returnUrl: 'https://shop.example/',
    methods: null,
    reference: null,
    metadata: null,
    cardFlow: null,
    expiresAt: clock.now() + 60_000,
  })) as OrderRecord;
  const opened: string[] = [];
  const action = (tx: TransactionRecord): NextAction =>
    ({ type: 'sdk', transactionId: tx.id, sessionToken: `session-of-${tx.id}` }) as unknown as NextAction;
  // A provider whose session takes a while to open, and stays valid once open (like Nuvei's).
  const method = {
    id: 'okto-cash',
    provider: 'nuvei',
    async start(_ctx: MethodContext, tx: TransactionRecord) {
      opened.push(tx.id);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await orders.saveTransaction(tx.id, { data: { sessionToken: `session-of-${tx.id}` } });
      return action(tx);
    },
    resume: (_ctx: MethodContext, tx: TransactionRecord) => (tx.data.sessionToken ? action(tx) : null),
  } as unknown as ServerMethod;
  const ctx = { order, orders, store } as unknown as MethodContext;
  return { store, orders, order, opened, method, ctx };
}

describe('SdkAttempts across instances', () => {
  it('opens one provider session when two instances get the same start at once', async () => {
    const { store, orders, opened, method, ctx } = await setup();
    const a = new SdkAttempts(store, orders);
    const b = new SdkAttempts(store, orders);
    const answers = await Promise.all([a.start(ctx, method), b.start(ctx, method), b.start(ctx, method)]);
    expect(opened).toHaveLength(1);
    expect(new Set(answers.map((x) => JSON.stringify(x))).size).toBe(1);
    await store.close();
  });

  it('takes over the claim of an instance that died while opening', async () => {
    const { store, orders, order, opened, method, ctx } = await setup();
    let now = 1_000_000;
    const dead = (s: Store) =>
      s.records.insert('kassa.sdk-opening', { id: `${order.id}\nokto-cash`, data: {} }, now);
    await dead(store);
    now += 61_000;
    const b = new SdkAttempts(store, orders, () => now);
    await b.start(ctx, method);
    expect(opened).toHaveLength(1);
    await store.close();
  });
});
