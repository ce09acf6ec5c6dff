/**
 * A second provider is one module and one list entry: a stand-in provider registered next to Nuvei
 * gets its variables validated, its public settings and method offered, its webhook, return routes and
 * emulator mounted, and its pending transactions reconciled by the sweep — with no edit to the core.
 */
import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp, type KassaApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { defineMethod } from '../methods/types.ts';
import { processNotification } from '../notifications/pipeline.ts';
import { returnHandler } from '../routes/return.ts';
import { asMerchant, asWidget, createOrder, MERCHANT_KEY, merchantOrder, TEST_SECRET } from '../testing.ts';
import { PROVIDERS } from './index.ts';
import { defineProvider } from './registry.ts';

interface StandIn {
  key: string;
  asked: string[];
}

const standInMethod = defineMethod<StandIn>({
  id: 'oct-card',
  label: 'Card',
  icon: 'card',
  provider: 'oct',
  flow: 'server',
  kinds: ['payment'],
  fields: () => [],
  async start(ctx, tx) {
    await ctx.orders.settle(
      tx.id,
      { status: 'pending', providerTransactionId: `p-${ctx.provider.key}` },
      'server',
    );
    return { type: 'done', status: 'pending' };
  },
  complete: async () => ({ type: 'done', status: 'pending' }),
});

const sign = (body: string) => createHmac('sha256', 'stand-in-secret').update(body).digest('hex');

/** A provider under a name the contract knows (`oct`), built only from the registry's interface. */
const standIn = defineProvider({
  name: 'oct',
  label: 'Stand-in',
  env: z.object({ STANDIN_KEY: z.optional(z.string().min(3, 'must be at least 3 characters')) }),
  configure: (env, ctx) => {
    if (env.STANDIN_KEY === 'nope') ctx.problems.push('  STANDIN_KEY: refused');
    return env.STANDIN_KEY ? { key: env.STANDIN_KEY } : undefined;
  },
  createRuntime: (config): StandIn => ({ key: config.key, asked: [] }),
  publicSettings: (runtime) => ({ publicKey: runtime.key }),
  methods: [standInMethod],
  webhook(services) {
    const app = new Hono();
    app.post('/', async (c) => {
      const raw = await c.req.text();
      const body = JSON.parse(raw) as Record<string, string>;
      const result = await processNotification(
        services,
        {
          provider: 'oct',
          label: 'Stand-in',
          noun: 'notification',
          signatureName: 'signature',
          source: 'notification',
          verify: () => c.req.header('x-signature') === sign(raw),
          parse: (m) => (typeof m.tx === 'string' && typeof m.status === 'string' ? m : undefined),
          claimedTransactionId: (m) => m.tx,
          match: async (m) => ({
            transactionId: m.tx ?? '',
            tx: await services.store.getTransaction(m.tx ?? ''),
          }),
          dedupeKey: (m, txId) => `${txId}:${m.status}`,
          amount: (m) => ({ minor: Number(m.amount), currency: m.currency ?? '' }),
          contradicts: (m, recorded) => m.ref !== undefined && m.ref !== recorded,
          outcome: (m) => ({
            status: m.status === 'ok' ? 'succeeded' : 'failed',
            reasonCode: m.status ?? '',
          }),
          payload: (m) => m,
          bounded: (m) => ({ tx: (m.tx ?? '').slice(0, 64) }),
        },
        body,
      );
      if (result.kind === 'unauthorized') return c.json({ code: 401 }, 401);
      return c.json({ code: 0, result: result.kind });
    });
    return app;
  },
  returns(services) {
    const app = new Hono();
    app.get(
      '/done',
      returnHandler(services, async () => undefined),
    );
    return app;
  },
  reconcile: {
    sweepAfterMs: 60_000,
    async check(services, runtime, tx) {
      runtime.asked.push(tx.id);
      await services.orders.settle(tx.id, { status: 'succeeded' }, 'status');
    },
  },
  sandbox: () => ({
    app: new Hono().get('/stand-in/ping', (c) => c.text('pong')),
    start: () => undefined,
    stop: () => undefined,
    flush: async () => undefined,
    shiftSchedule: async () => undefined,
  }),
});

// The stand-in takes the name `oct` (one the contract knows), so the real OCT module steps aside.
const LIST = [...PROVIDERS.filter((p) => p.name !== 'oct'), standIn];
let kassa: KassaApp | undefined;
afterEach(async () => kassa?.stop());

function appWith(env: Record<string, string>): KassaApp {
  const config = loadConfig(
    {
      KASSA_DB: ':memory:',
      KASSA_MERCHANT_KEY: MERCHANT_KEY,
      KASSA_SECRET: TEST_SECRET,
      KASSA_PUBLIC_URL: 'http://kassa.test',
      ...env,
    },
    LIST,
  );
  kassa = createApp({ config, log: createLogger({ silent: true }), providers: LIST });
  kassa.start();
  return kassa;
}

async function pendingStandIn(app: KassaApp) {
  const { orderId, clientToken } = await createOrder(app);
  const res = await app.app.request('/api/checkout/start', asWidget(clientToken, { method: 'oct-card' }));
  expect(await res.json()).toEqual({ type: 'done', status: 'pending' });
  const tx = (await merchantOrder(app, orderId)).transactions[0]!;
  return { orderId, clientToken, tx };
}

describe('provider registry', () => {
  it("validates a provider's variables with the rest, naming each after the core's", () => {
    expect(() => loadConfig({ PORT: 'x', STANDIN_KEY: 'ab' }, LIST)).toThrow(
      /PORT: .*\n {2}STANDIN_KEY: must be at least 3 characters/,
    );
    expect(() => loadConfig({ STANDIN_KEY: 'nope' }, LIST)).toThrow('STANDIN_KEY: refused');
    expect(loadConfig({ STANDIN_KEY: 'abc' }, LIST).providers).toMatchObject({ oct: { key: 'abc' } });
  });

  it('offers its method and public settings only when configured, next to Nuvei', async () => {
    const off = appWith({});
    const { clientToken } = await createOrder(off);
    const summary = (await (await off.app.request('/api/checkout', asWidget(clientToken))).json()) as {
      methods: { id: string }[];
      providers: Record<string, unknown>;
    };
    expect(summary.methods.map((m) => m.id)).not.toContain('oct-card');
    expect(Object.keys(summary.providers)).toEqual(['nuvei', 'odeon']);
    await off.stop();

    const on = appWith({ STANDIN_KEY: 'abc' });
    const order = await createOrder(on);
    const body = (await (await on.app.request('/api/checkout', asWidget(order.clientToken))).json()) as {
      methods: { id: string; provider: string }[];
      providers: Record<string, unknown>;
    };
    expect(body.methods).toContainEqual(expect.objectContaining({ id: 'oct-card', provider: 'oct' }));
    expect(body.providers.oct).toEqual({ publicKey: 'abc' });
  });

  it('runs its method with its runtime as ctx.provider', async () => {
    const app = appWith({ STANDIN_KEY: 'abc' });
    const { tx } = await pendingStandIn(app);
    expect(tx).toMatchObject({ provider: 'oct', status: 'pending', providerTransactionId: 'p-abc' });
  });

  it('mounts its webhook on the shared pipeline: 401 unsigned, applied once, duplicates and contradictions kept apart', async () => {
    const app = appWith({ STANDIN_KEY: 'abc' });
    const { orderId, tx } = await pendingStandIn(app);
    const post = (message: Record<string, string>, signature?: string) => {
      const raw = JSON.stringify(message);
      return app.app.request('/webhooks/oct', {
        method: 'POST',
        headers: { 'x-signature': signature ?? sign(raw) },
        body: raw,
      });
    };
    const ok = { tx: tx.id, status: 'ok', amount: '1000', currency: 'EUR' };
    expect((await post(ok, 'bad')).status).toBe(401);
    expect(await (await post({ ...ok, ref: 'p-other' })).json()).toMatchObject({ result: 'rejected' });
    expect(await (await post({ ...ok, amount: '999' })).json()).toMatchObject({ result: 'rejected' });
    expect(await (await post(ok)).json()).toMatchObject({ result: 'applied' });
    expect(await (await post(ok)).json()).toMatchObject({ result: 'duplicate' });
    expect((await merchantOrder(app, orderId)).status).toBe('succeeded');
    const stored = await app.services.store.listWebhooks('oct');
    expect(stored.map((w) => w.outcome)).toEqual([
      'unauthorized',
      'rejected',
      'rejected',
      'applied',
      'duplicate',
    ]);
    // A message not applied is kept bounded: only what its adapter keeps.
    expect(stored[1]?.payload).toEqual({ tx: tx.id });
  });

  it('mounts its return routes and its emulator', async () => {
    const app = appWith({ STANDIN_KEY: 'abc' });
    const { orderId, tx } = await pendingStandIn(app);
    const back = await app.app.request(`/return/oct/done?tx=${tx.id}`);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toContain(`kassa_order=${orderId}`);
    expect(await (await app.app.request('/sandbox/stand-in/ping')).text()).toBe('pong');
  });

  it('reconciles a transaction pending past its sweep delay, and not before', async () => {
    const app = appWith({ STANDIN_KEY: 'abc' });
    const { orderId } = await pendingStandIn(app);
    const clock = (advanceSeconds: number) =>
      app.app.request('/sandbox/clock', asMerchant({ advanceSeconds }));
    await clock(30);
    expect((await merchantOrder(app, orderId)).status).toBe('pending');
    await clock(31);
    expect((await merchantOrder(app, orderId)).status).toBe('succeeded');
  });
});
