/**
 * Merchant backend routes (design §3 "Merchant backend"): create, read, find, cancel and refund orders.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { formatAmount, parseAmount } from '../../src/contract/money.ts';
import { CreateOrderBody } from '../../src/contract/schemas.ts';
import { requireMerchant } from '../auth.ts';
import { HttpError, validationError } from '../http-error.ts';
import { orderSummary, orderSummaryOf, orderView } from '../orders/view.ts';
import type { Services } from '../services.ts';
import type { TransactionRecord } from '../store/types.ts';
import { signClientToken } from '../tokens.ts';
import { expectNothing, parseOrThrow, parseQuery } from '../validate.ts';
import { clientIp } from './client-ip.ts';

const ListQuery = z.strictObject({ reference: z.string().min(1).max(64) });

/**
 * `POST /api/orders/:id/refunds` body: no `amount` refunds everything still refundable. `amount` is a
 * decimal string (a JSON number is a 400 naming it), checked against the order's currency exponent.
 */
const RefundBody = z.strictObject({
  amount: z
    .string({ error: 'must be a decimal string such as "5.00"' })
    .regex(/^(0|[1-9]\d*)(\.\d+)?$/, 'must be a decimal string such as "5.00"')
    .optional(),
  reason: z.string().min(1).max(200).optional(),
});

/** `POST /api/orders/:id/settle` body (design §3): the merchant's word on a pending transaction. */
const SettleBody = z.strictObject({
  status: z.enum(['succeeded', 'failed']),
  reason: z.string().trim().min(1).max(200).optional(),
});

/** The refund answer (design §3): `201 { refundId, status, amount, currency }`. */
const refundAnswer = (tx: TransactionRecord) =>
  JSON.stringify({
    refundId: tx.id,
    status: tx.status,
    amount: formatAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
  });

/** What the merchant's request may not do to this order. */
const notRefundable = (status: string, kind: string) =>
  new HttpError(
    409,
    'ORDER_NOT_REFUNDABLE',
    kind === 'payout'
      ? 'A payout order cannot be refunded.'
      : `Only a succeeded payment order can be refunded; this one is ${status}.`,
  );

/** An answer stored for an Idempotency-Key. */
interface Answer {
  status: number;
  body: string;
}

function allowedReturnUrl(url: string, services: Services): boolean {
  const allowed = services.config.returnOrigins;
  return allowed === '*' || allowed.includes(new URL(url).origin);
}

/** Reads a JSON object body from raw text (kept raw for the Idempotency-Key fingerprint). */
function parseBodyText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw validationError([{ path: '(body)', message: 'is not valid JSON' }], 'The body is not valid JSON.');
  }
}

/** How long (real time) the first request of an Idempotency-Key holds it while in flight. */
const IDEMPOTENCY_LEASE_MS = 30_000;
/** How long a repeated request waits for the first one's answer before giving up. */
const IDEMPOTENCY_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the order routes. */
export function orderRoutes(services: Services): Hono {
  const app = new Hono();
  const { store, orders, clock, config } = services;

  app.use('*', async (c, next) => {
    requireMerchant(c, services);
    await next();
  });

  /** Validates the body and creates the order; `complete` stores the answer in the same transaction. */
  const create = async (raw: string, complete: (answer: string) => Promise<void>): Promise<string> => {
    const body = parseOrThrow(CreateOrderBody, parseBodyText(raw));
    const money = parseAmount(body.amount, body.currency);
    if (typeof money === 'string') throw validationError([{ path: 'amount', message: money }]);
    if (money.minor <= 0) throw validationError([{ path: 'amount', message: 'must be greater than zero' }]);
    if (!allowedReturnUrl(body.returnUrl, services)) {
      throw validationError([{ path: 'returnUrl', message: 'origin is not in KASSA_RETURN_ORIGINS' }]);
    }
    return store.transaction(async () => {
      const order = await orders.create({
        kind: body.kind,
        amountMinor: money.minor,
        currency: body.currency,
        country: body.country,
        description: body.description,
        customer: body.customer,
        returnUrl: body.returnUrl,
        methods: body.methods ?? null,
        reference: body.reference ?? null,
        metadata: body.metadata ?? null,
        cardFlow: body.cardFlow ?? null,
        expiresAt: clock.now() + config.orderTtlMs,
      });
      // The open-reference unique index refused it: another open order has this reference.
      if (!order) {
        throw new HttpError(409, 'REFERENCE_CONFLICT', 'An open order with this reference exists.', [
          { path: 'reference', message: 'is used by an open order' },
        ]);
      }
      const answer = JSON.stringify({
        orderId: order.id,
        clientToken: signClientToken({ o: order.id, e: order.expiresAt }, services.secret),
        expiresAt: new Date(order.expiresAt).toISOString(),
        order: orderSummary(order),
      });
      await complete(answer);
      return answer;
    });
  };

  /**
   * Idempotency-Key (design §3): the first request claims the key in the database; a request with
   * the same key and body waits for its answer (on any instance) and returns it; a different body is
   * a conflict. `run` stores its answer with `complete`, inside the transaction that makes the change
   * (and may store it again once it knows more). A request that fails before storing an answer
   * releases the key, so a retry runs again; one that fails after keeps it, with the error's answer.
   */
  const once = async (
    key: string,
    fingerprint: string,
    run: (complete: (status: number, body: string) => Promise<void>) => Promise<Answer>,
  ): Promise<Answer> => {
    const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      const claim = await store.claimIdempotency(
        key,
        fingerprint,
        clock.now(),
        Date.now(),
        IDEMPOTENCY_LEASE_MS,
      );
      if (claim.state !== 'claimed' && claim.fingerprint !== fingerprint) {
        throw new HttpError(
          409,
          'IDEMPOTENCY_CONFLICT',
          'This Idempotency-Key was used with a different body.',
        );
      }
      if (claim.state === 'done') return { status: claim.status, body: claim.body };
      if (claim.state === 'claimed') {
        let stored = false;
        try {
          return await run(async (status, body) => {
            await store.completeIdempotency(key, status, body);
            stored = true;
          });
        } catch (error) {
          if (!stored) await store.releaseIdempotency(key);
          else if (error instanceof HttpError)
            await store.completeIdempotency(key, error.status, await error.getResponse().text());
          throw error;
        }
      }
      if (Date.now() > deadline) {
        throw new HttpError(
          409,
          'IDEMPOTENCY_IN_PROGRESS',
          'A request with this Idempotency-Key is still in progress; retry later.',
        );
      }
      await sleep(pause);
    }
  };

  /** The Idempotency-Key header, checked (1 to 255 characters) when present. */
  const idempotencyKey = (header: string | undefined): string | undefined => {
    if (header !== undefined && (header.length === 0 || header.length > 255)) {
      throw validationError([{ path: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
    }
    return header;
  };

  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  app.post('/', async (c) => {
    const raw = await c.req.text();
    const key = idempotencyKey(c.req.header('idempotency-key'));
    const answer = key
      ? await once(`orders:${key}`, sha256(raw), async (complete) => ({
          status: 201,
          body: await create(raw, (body) => complete(201, body)),
        }))
      : { status: 201, body: await create(raw, async () => {}) };
    return c.body(answer.body, answer.status as 201, { 'content-type': 'application/json' });
  });

  app.get('/', async (c) => {
    const { reference } = parseQuery(c, ListQuery);
    const found = await store.findOrdersByReference(reference);
    return c.json({ orders: await Promise.all(found.map((order) => orderSummaryOf(store, order))) });
  });

  app.get('/:id', async (c) => {
    await expectNothing(c);
    const order = await store.getOrder(c.req.param('id'));
    if (!order) throw new HttpError(404, 'NOT_FOUND', 'No such order.');
    return c.json(await orderView(store, await orders.expireIfDue(order)));
  });

  app.post('/:id/cancel', async (c) => {
    await expectNothing(c);
    const order = await store.getOrder(c.req.param('id'));
    if (!order) throw new HttpError(404, 'NOT_FOUND', 'No such order.');
    if (!(await orders.cancelOrder(order.id)))
      throw new HttpError(409, 'ORDER_SUCCEEDED', 'A succeeded order cannot be cancelled.');
    return c.json(await orderView(store, (await store.getOrder(order.id)) ?? order));
  });

  /**
   * Settles the order's pending transaction when its provider has no way to report the result (design
   * §3 `POST /api/orders/:id/settle`; the method's `settledByMerchant`, e.g. an OCT payout left
   * PENDING). Anything else is a 409. The change goes through OrderService, so merchant events follow
   * as for any result.
   */
  app.post('/:id/settle', async (c) => {
    parseOrThrow(z.strictObject({}), c.req.query());
    const raw = await c.req.text();
    const body = parseOrThrow(SettleBody, raw.trim() === '' ? {} : parseBodyText(raw));
    const order = await store.getOrder(c.req.param('id'));
    if (!order) throw new HttpError(404, 'NOT_FOUND', 'No such order.');
    const tx = order.currentTransactionId
      ? await store.getTransaction(order.currentTransactionId)
      : undefined;
    const method = services.methods.find((m) => m.id === tx?.method);
    if (!tx || !method?.settledByMerchant)
      throw new HttpError(
        409,
        'NOT_SETTLEABLE',
        "This order's provider reports its results itself, so it cannot be settled by the merchant.",
      );
    if (tx.status !== 'pending')
      throw new HttpError(
        409,
        'NOT_PENDING',
        `Only a pending transaction can be settled; this one is ${tx.status}.`,
      );
    const outcome =
      body.status === 'succeeded'
        ? { status: 'succeeded' as const, ...(body.reason ? { message: body.reason } : {}) }
        : {
            status: 'failed' as const,
            reasonCode: 'declined',
            ...(body.reason ? { message: body.reason } : {}),
          };
    // Guarded: two settles at once (or a settle racing another change) apply once; the loser gets a 409.
    if (!(await orders.settle(tx.id, outcome, 'merchant')))
      throw new HttpError(409, 'NOT_PENDING', 'This transaction is no longer pending.');
    return c.json(await orderView(store, (await store.getOrder(order.id)) ?? order));
  });

  /**
   * Refunds a succeeded payment order (design §3 `POST /api/orders/:id/refunds`). The refund is written
   * `pending` and counted against what is left in one store transaction (OrderService.beginRefund: the
   * database decides the limit), together with the Idempotency-Key's answer; then the payment's method
   * asks its provider (its `refund` hook: no provider names here) and the answer is the refund as it
   * then stands. A method without the hook: 409 `REFUND_UNSUPPORTED`.
   */
  const refund = async (
    orderId: string,
    raw: string,
    ip: string,
    complete: (status: number, body: string) => Promise<void>,
  ): Promise<Answer> => {
    const body = parseOrThrow(RefundBody, raw.trim() === '' ? {} : parseBodyText(raw));
    const order = await store.getOrder(orderId);
    if (!order) throw new HttpError(404, 'NOT_FOUND', 'No such order.');
    if (order.kind !== 'payment' || order.status !== 'succeeded')
      throw notRefundable(order.status, order.kind);
    let amountMinor: number | undefined;
    if (body.amount !== undefined) {
      const money = parseAmount(body.amount, order.currency);
      if (typeof money === 'string') throw validationError([{ path: 'amount', message: money }]);
      if (money.minor <= 0) throw validationError([{ path: 'amount', message: 'must be greater than zero' }]);
      amountMinor = money.minor;
    }
    const payment = order.currentTransactionId
      ? await store.getTransaction(order.currentTransactionId)
      : undefined;
    const method = services.methods.find((m) => m.id === payment?.method);
    if (!payment || !method?.refund) {
      const provider = method
        ? (services.providers.get(method.provider)?.module.label ?? method.provider)
        : '';
      throw new HttpError(
        409,
        'REFUND_UNSUPPORTED',
        method
          ? `${method.label} payments cannot be refunded through Kassa: ${provider} offers no refund for this method.`
          : 'This payment cannot be refunded through Kassa.',
      );
    }
    if (!services.providers.configured(method.provider)) {
      const label = services.providers.get(method.provider)?.module.label ?? method.provider;
      throw new HttpError(409, 'METHOD_UNAVAILABLE', `${label} is not configured on this server.`);
    }
    const begun = await orders.beginRefund(
      order.id,
      amountMinor,
      body.reason ? { reason: body.reason } : {},
      ({ refund: tx }) => complete(201, refundAnswer(tx)),
    );
    if ('refused' in begun) {
      if (begun.refused === 'not-refundable') throw notRefundable(order.status, order.kind);
      const left = formatAmount(begun.leftMinor, order.currency);
      throw new HttpError(
        409,
        'REFUND_EXCEEDS_PAID',
        `Refunds cannot exceed what was paid: ${left} ${order.currency} is left to refund.`,
        [
          {
            path: 'amount',
            message:
              begun.leftMinor === 0
                ? 'nothing is left to refund'
                : `exceeds what is left to refund (${left})`,
          },
        ],
      );
    }
    const ctx = services.providers.bindRuntime(
      { order, config, orders, store, clock, log: services.log, ip },
      method,
    );
    await method.refund(ctx, begun.payment, begun.refund, { full: begun.full });
    const answer = refundAnswer((await store.getTransaction(begun.refund.id)) ?? begun.refund);
    await complete(201, answer);
    return { status: 201, body: answer };
  };

  app.post('/:id/refunds', async (c) => {
    parseOrThrow(z.strictObject({}), c.req.query());
    const orderId = c.req.param('id');
    const raw = await c.req.text();
    const key = idempotencyKey(c.req.header('idempotency-key'));
    const ip = clientIp(c, config.trustProxy);
    // The order is part of the fingerprint: the same key for another order's refund is a conflict.
    const answer = key
      ? await once(`refunds:${key}`, sha256(`${orderId}\n${raw}`), (complete) =>
          refund(orderId, raw, ip, complete),
        )
      : await refund(orderId, raw, ip, async () => {});
    return c.body(answer.body, answer.status as 201, { 'content-type': 'application/json' });
  });

  return app;
}
