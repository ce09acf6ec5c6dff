/**
 * Widget routes (design §3 "Widget"): the checkout summary, attempts, long-polled status, abandoning a
 * voucher ("Choose another method") and cancel.
 */
import { hash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { formatAmount } from '../../src/contract/money.ts';
import { CompleteBody, type NextAction, StartBody, type StatusResponse } from '../../src/contract/schemas.ts';
import { requireClient } from '../auth.ts';
import { HttpError, validationError } from '../http-error.ts';
import { methodsFor } from '../methods/index.ts';
import { SdkAttempts } from '../methods/sdk-attempts.ts';
import type { MethodContext, ServerMethod } from '../methods/types.ts';
import type { Services } from '../services.ts';
import type { OrderRecord, TransactionRecord } from '../store/types.ts';
import { expectNothing, parseJsonBody, parseQuery } from '../validate.ts';
import { clientIp } from './client-ip.ts';

const StatusQuery = z.strictObject({
  wait: z.optional(
    z
      .string()
      .regex(/^\d+$/, 'must be an integer from 0 to 30')
      .transform(Number)
      .pipe(z.number().max(30, 'must be at most 30')),
  ),
  /** The `version` the widget last saw: answer at once when it differs (no lost updates between polls). */
  since: z.optional(z.string().max(64)),
});
const OPEN = new Set(['created', 'pending', 'failed']);

/** Creates the checkout routes. */
export function checkoutRoutes(services: Services): Hono {
  const app = new Hono();
  const { store, orders, waiters } = services;
  const runtimeOf = (provider: ServerMethod['provider']) => services.providers.get(provider)?.runtime;
  const sdkAttempts = new SdkAttempts(store, orders);

  /** Applies a due expiry before answering, so no answer shows an order past its time as open. */
  const load = (order: OrderRecord | Promise<OrderRecord>): Promise<OrderRecord> =>
    Promise.resolve(order).then((o) => orders.expireIfDue(o));

  /** What `method` runs with: `ctx.provider` is its provider's runtime. */
  const context = (
    c: Parameters<typeof clientIp>[0],
    order: OrderRecord,
    method: ServerMethod,
  ): MethodContext =>
    services.providers.bindRuntime(
      {
        order,
        config: services.config,
        orders,
        store,
        clock: services.clock,
        log: services.log,
        ip: clientIp(c, services.config.trustProxy),
      },
      method,
    );

  const offeredFor = (order: OrderRecord) =>
    methodsFor(order, runtimeOf, services.methods, services.config.cardPayouts);

  const currentTransaction = (order: OrderRecord) =>
    order.currentTransactionId
      ? store.getTransaction(order.currentTransactionId)
      : Promise.resolve(undefined);

  const currentAction = (order: OrderRecord, tx: TransactionRecord | undefined): NextAction | undefined => {
    if (!tx || !OPEN.has(order.status)) return undefined;
    return tx.status === 'pending' && tx.action ? (tx.action as NextAction) : undefined;
  };

  /** Why the order's last ended attempt ended, while the order is `failed` (even after a new, unpaid attempt began). */
  const endedReason = async (order: OrderRecord): Promise<{ reasonCode?: string }> => {
    if (order.status !== 'failed') return {};
    const ended = (await store.listTransactions(order.id))
      .filter((t) => t.status === 'failed' && t.reasonCode)
      .at(-1);
    return ended?.reasonCode ? { reasonCode: ended.reasonCode } : {};
  };

  const status = async (order: OrderRecord): Promise<StatusResponse & { version: string }> => {
    const tx = await currentTransaction(order);
    const action = currentAction(order, tx);
    const body: StatusResponse = {
      status: order.status,
      method: tx?.method ?? null,
      ...(action ? { action } : {}),
      ...(await endedReason(order)),
      ...(tx?.providerTransactionId ? { providerReference: tx.providerTransactionId } : {}),
    };
    const version = hash('sha256', JSON.stringify(body), 'hex').slice(0, 16);
    return { ...body, version };
  };

  app.get('/', async (c) => {
    await expectNothing(c);
    const order = await load(requireClient(c, services, { allowExpired: true }));
    const offered = OPEN.has(order.status) ? offeredFor(order) : [];
    const tx = await currentTransaction(order);
    const action = currentAction(order, tx);
    const { customer } = order;
    return c.json({
      order: {
        id: order.id,
        kind: order.kind,
        status: order.status,
        amount: formatAmount(order.amountMinor, order.currency),
        amountMinor: order.amountMinor,
        currency: order.currency,
        country: order.country,
        description: order.description,
        expiresAt: new Date(order.expiresAt).toISOString(),
        // Design §3 env table: absent when unset, and the widget shows the description instead.
        ...(services.config.merchantName ? { merchantName: services.config.merchantName } : {}),
        customer: {
          firstName: customer.firstName,
          lastName: customer.lastName,
          email: customer.email,
          ...(customer.phone ? { phone: customer.phone } : {}),
          ...(customer.dateOfBirth ? { dateOfBirth: customer.dateOfBirth } : {}),
          ...(customer.identification ? { identification: customer.identification } : {}),
          // Recipient details the OCT card form is prefilled with (design §3 "OCT").
          ...(customer.address ? { address: customer.address } : {}),
          ...(customer.city ? { city: customer.city } : {}),
          ...(customer.postalCode ? { postalCode: customer.postalCode } : {}),
        },
      },
      methods: await Promise.all(
        offered.map(async ({ method, view }) => {
          const savedCards = method.savedCards ? await method.savedCards(context(c, order, method)) : [];
          return savedCards.length > 0 ? { ...view, savedCards } : view;
        }),
      ),
      providers: services.providers.publicSettings(),
      ...(action ? { action } : {}),
      method: tx?.method ?? null,
      ...(await endedReason(order)),
      // Outcome screens show the provider's reference (design §2 States), as the status answer does.
      ...(tx?.providerTransactionId ? { providerReference: tx.providerTransactionId } : {}),
    });
  });

  app.post('/start', async (c) => {
    const order = await load(requireClient(c, services));
    const body = await parseJsonBody(c, StartBody);
    if (!OPEN.has(order.status)) throw new HttpError(409, 'ORDER_CLOSED', `This order is ${order.status}.`);
    const entry = offeredFor(order).find((m) => m.method.id === body.method);
    if (!entry) throw validationError([{ path: 'method', message: 'is not offered for this order' }]);
    if (body.savedCardId !== undefined && !entry.method.savedCards)
      throw validationError([{ path: 'savedCardId', message: 'is not offered for this method' }]);
    // A saved card stands for the new card's fields (design §3 `start`); the method checks it.
    if (entry.view.flow === 'server' && body.savedCardId === undefined) {
      // Fields sent in another form (an encrypted card number) are the method's own to check.
      const own = entry.method.checkedByMethod ?? [];
      const checked = entry.view.fields.filter((f) => !own.includes(f.name));
      const missing = checked.filter((f) => f.required && !body.fields?.[f.name]);
      // A method's own rule of a field (MethodField.pattern, e.g. a 13-digit CNIC), as the widget applies it.
      const unlike = checked.filter((f) => {
        const value = body.fields?.[f.name];
        return f.pattern !== undefined && value !== undefined && !new RegExp(f.pattern).test(value);
      });
      if (missing.length + unlike.length > 0)
        throw validationError([
          ...missing.map((f) => ({ path: `fields.${f.name}`, message: 'is required' })),
          ...unlike.map((f) => ({
            path: `fields.${f.name}`,
            message: 'does not have the form this method needs',
          })),
        ]);
    }
    const kind = order.kind === 'payout' ? 'payout' : 'payment';
    const request = { browserData: body.browserData, theme: body.theme, savedCardId: body.savedCardId };
    // Before anything is recorded: a refused start leaves no attempt and never holds the payout claim.
    await entry.method.checkStart?.(context(c, order, entry.method), body.fields, request);
    // Design §3 `start`: a method paid through the provider SDK keeps one session per order while valid.
    if (entry.view.flow === 'sdk')
      return c.json(await sdkAttempts.start(context(c, order, entry.method), entry.method));
    if (kind === 'payout') {
      // A payout is never sent twice for one order (design §3 Rules): its transaction claims the
      // order's payout in the same database transaction that creates it; a repeated request — a double
      // click, a retry, another instance — gets the status of the one holding the claim.
      const begun = await orders.beginPayout(order, entry.method.provider, entry.method.id);
      if (!begun.claimed) {
        const status = begun.holder?.status === 'succeeded' ? 'succeeded' : 'pending';
        return c.json({ type: 'done', status } satisfies NextAction);
      }
      return c.json(
        await entry.method.start(context(c, order, entry.method), begun.tx, body.fields, request),
      );
    }
    const tx = await orders.beginAttempt(order, entry.method.provider, entry.method.id, kind);
    return c.json(await entry.method.start(context(c, order, entry.method), tx, body.fields, request));
  });

  app.post('/complete', async (c) => {
    const order = await load(requireClient(c, services));
    const body = await parseJsonBody(c, CompleteBody);
    const tx = await store.getTransaction(body.transactionId);
    if (!tx || tx.orderId !== order.id)
      throw validationError([{ path: 'transactionId', message: 'is not an attempt of this order' }]);
    const method = services.methods.find((m) => m.id === tx.method);
    if (!method) throw validationError([{ path: 'transactionId', message: 'has no known method' }]);
    if (tx.status !== 'created' && tx.status !== 'pending') {
      return c.json({
        type: 'done',
        status: order.status,
        ...(tx.reasonCode ? { reasonCode: tx.reasonCode } : {}),
      });
    }
    return c.json(await method.complete(context(c, order, method), tx, body.result));
  });

  app.get('/status', async (c) => {
    const query = parseQuery(c, StatusQuery);
    let order = await load(requireClient(c, services, { allowExpired: true }));
    const wait = query.wait ?? 0;
    // Registered before reading, so a change committed while the answer is computed is not missed.
    const woken = wait > 0 && OPEN.has(order.status) ? waiters.waiter(order.id) : undefined;
    try {
      const first = await status(order);
      const changed = query.since !== undefined && query.since !== first.version;
      if (!woken || changed) return c.json(first);
      await woken.wait(wait * 1000, c.req.raw.signal);
      order = await load((await store.getOrder(order.id)) ?? order);
      return c.json(await status(order));
    } finally {
      woken?.cancel();
    }
  });

  app.post('/abandon', async (c) => {
    const order = await load(requireClient(c, services));
    await expectNothing(c);
    if (order.status === 'succeeded')
      throw new HttpError(409, 'ORDER_SUCCEEDED', 'This order is already paid.');
    if (!OPEN.has(order.status)) throw new HttpError(409, 'ORDER_CLOSED', `This order is ${order.status}.`);
    if (!(await orders.abandonAttempt(order.id))) {
      throw new HttpError(
        409,
        'NOTHING_TO_ABANDON',
        'No voucher is shown for this order, so there is no attempt to abandon.',
      );
    }
    return c.json(await status((await store.getOrder(order.id)) ?? order));
  });

  app.post('/cancel', async (c) => {
    await expectNothing(c);
    const order = await load(requireClient(c, services));
    if (order.status === 'succeeded')
      throw new HttpError(409, 'ORDER_SUCCEEDED', 'This order is already paid.');
    if (OPEN.has(order.status)) await orders.cancelAttempt(order);
    return c.json(await status((await store.getOrder(order.id)) ?? order));
  });

  return app;
}
