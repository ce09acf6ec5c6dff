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
const OPEN = new Set(['created', 'pending', 'failed']);

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

/** Creates the order routes. */
export function orderRoutes(services: Services): Hono {
  const app = new Hono();
  const { store, orders, clock, config } = services;

  app.use('*', async (c, next) => {
    requireMerchant(c, services);
    await next();
  });

  app.post('/', async (c) => {
    const raw = await c.req.text();
    const key = c.req.header('idempotency-key');
    const fingerprint = createHash('sha256').update(raw).digest('hex');
    if (key) {
      const previous = store.getIdempotent(`orders:${key}`);
      if (previous && previous.fingerprint !== fingerprint) {
        throw new HttpError(
          409,
          'IDEMPOTENCY_CONFLICT',
          'This Idempotency-Key was used with a different body.',
        );
      }
      if (previous)
        return c.body(previous.body, previous.status as 201, { 'content-type': 'application/json' });
    }
    const body = parseOrThrow(CreateOrderBody, parseBodyText(raw));
    const money = parseAmount(body.amount, body.currency);
    if (typeof money === 'string') throw validationError([{ path: 'amount', message: money }]);
    if (money.minor <= 0) throw validationError([{ path: 'amount', message: 'must be greater than zero' }]);
    if (!allowedReturnUrl(body.returnUrl, services)) {
      throw validationError([{ path: 'returnUrl', message: 'origin is not in KASSA_RETURN_ORIGINS' }]);
    }
    const respond = () => {
      if (body.reference && store.findOrdersByReference(body.reference).some((o) => OPEN.has(o.status))) {
        throw new HttpError(409, 'REFERENCE_CONFLICT', 'An open order with this reference exists.', [
          { path: 'reference', message: 'is used by an open order' },
        ]);
      }
      const order = orders.create({
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
        expiresAt: clock.now() + config.orderTtlMs,
      });
      const answer = JSON.stringify({
        orderId: order.id,
        clientToken: signClientToken({ o: order.id, e: order.expiresAt }, services.secret),
        expiresAt: new Date(order.expiresAt).toISOString(),
        order: orderSummary(order),
      });
      if (key) store.putIdempotent(`orders:${key}`, fingerprint, 201, answer, clock.now());
      return answer;
    };
    return c.body(store.transaction(respond), 201, { 'content-type': 'application/json' });
  });

  app.get('/', (c) => {
    const { reference } = parseQuery(c, ListQuery);
    return c.json({ orders: store.findOrdersByReference(reference).map(orderSummary) });
  });

  app.get('/:id', async (c) => {
    await expectNothing(c);
    const order = store.getOrder(c.req.param('id'));
    if (!order) throw new HttpError(404, 'NOT_FOUND', 'No such order.');
    return c.json(orderView(store, order));
  });

  app.post('/:id/cancel', async (c) => {
    await expectNothing(c);
    const order = store.getOrder(c.req.param('id'));
    if (!order) throw new HttpError(404, 'NOT_FOUND', 'No such order.');
    if (!orders.cancelOrder(order))
      throw new HttpError(409, 'ORDER_SUCCEEDED', 'A succeeded order cannot be cancelled.');
    return c.json(orderView(store, store.getOrder(order.id) ?? order));
  });

  return app;
}
