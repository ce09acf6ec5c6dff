/**
 * Merchant backend routes (design §3 "Merchant backend"): create, read, find and cancel orders.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { parseAmount } from '../../src/contract/money.ts';
import { CreateOrderBody } from '../../src/contract/schemas.ts';
import { requireMerchant } from '../auth.ts';
import { HttpError, validationError } from '../http-error.ts';
import { orderSummary, orderView } from '../orders/view.ts';
import type { Services } from '../services.ts';
import { signClientToken } from '../tokens.ts';
import { expectNothing, parseOrThrow, parseQuery } from '../validate.ts';

const ListQuery = z.strictObject({ reference: z.string().min(1).max(64) });

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
   * a conflict. A failed first request releases the key, so a retry runs again.
   */
  const createOnce = async (key: string, raw: string): Promise<{ status: number; body: string }> => {
    const fingerprint = createHash('sha256').update(raw).digest('hex');
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
        try {
          const body = await create(raw, (answer) => store.completeIdempotency(key, 201, answer));
          return { status: 201, body };
        } catch (error) {
          await store.releaseIdempotency(key);
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

  app.post('/', async (c) => {
    const raw = await c.req.text();
    const key = c.req.header('idempotency-key');
    if (key !== undefined && (key.length === 0 || key.length > 255)) {
      throw validationError([{ path: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
    }
    const answer = key
      ? await createOnce(`orders:${key}`, raw)
      : { status: 201, body: await create(raw, async () => {}) };
    return c.body(answer.body, answer.status as 201, { 'content-type': 'application/json' });
  });

  app.get('/', async (c) => {
    const { reference } = parseQuery(c, ListQuery);
    return c.json({ orders: (await store.findOrdersByReference(reference)).map(orderSummary) });
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

  return app;
}
