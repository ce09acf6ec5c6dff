/**
 * The REST emulator at `/odeon/<seed path>` (seed "API"): HTTP Basic with publicId:apiSecret (401
 * otherwise, seed "Requests Authentication"), `Content-HMAC` over the raw body when a signature key is
 * set, the armed faults (endpoint = the seed path, e.g. `payments/charge/card`), then the endpoint's
 * handler with its zod-checked body. Endpoints come as tables (rest-card.ts, rest-money-back.ts,
 * rest-reports.ts; APMs add their own file).
 *
 * Sandbox decision (the seed's "Request Signature Validation" gives no refusal): a missing or wrong
 * `Content-HMAC` is an authentication failure like bad credentials, so it answers 401 too, with the
 * seed's generic body `{"success": false, "message": "Invalid Content-HMAC signature"}`. As in the
 * Nuvei emulator, an armed fault is taken before anything else is checked.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { z } from 'zod';
import type { JsonValue } from '../../providers/odeon/json.ts';
import { basicAuthorization, CONTENT_HMAC_HEADER, contentHmac } from '../../providers/odeon/signing.ts';
import { answerWithFault } from '../faults.ts';
import { json, refusal } from './answers.ts';
import type { OdeonContext } from './context.ts';

/** One endpoint: its body schema, its method, and what it answers (status 200 unless given). */
export interface Endpoint<S extends z.ZodType = z.ZodType> {
  method?: 'POST' | 'GET';
  body: S;
  handle(ctx: OdeonContext, body: z.output<S>): Promise<{ status?: 200 | 400 | 404; body: JsonValue }>;
}

/** Endpoints by seed path (no leading slash). */
export type EndpointTable = Readonly<Record<string, Endpoint>>;

/** Declares an endpoint with its body type inferred from the schema. */
export const endpoint = <S extends z.ZodType>(e: Endpoint<S>): Endpoint => e as unknown as Endpoint;

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** `Invalid Amount value` for a failing `amount` (seed "API"), naming the first failing field. */
export function invalidMessage(error: z.ZodError): string {
  const key = String(error.issues[0]?.path[0] ?? 'request');
  return `Invalid ${key.charAt(0).toUpperCase()}${key.slice(1)} value`;
}

/** Registers the REST endpoints of `tables` under `/odeon/`. */
export function registerRestRoutes(app: Hono, ctx: OdeonContext, tables: readonly EndpointTable[]): void {
  const endpoints: Record<string, Endpoint> = Object.assign({}, ...tables);
  const { credentials } = ctx;
  const expectedAuth = basicAuthorization(credentials.publicId, credentials.apiSecret);

  // The API is server-to-server; CORS only so a browser-based test tool can reach the sandbox.
  app.use('/odeon/test', cors({ origin: '*' }));

  app.on(['POST', 'GET'], '/odeon/:path{(test|payments/.+|checkout/link)}', async (c) => {
    const path = c.req.param('path');
    const target = Object.hasOwn(endpoints, path) ? endpoints[path] : undefined;
    if (!target || (target.method ?? 'POST') !== c.req.method) {
      return json(c, refusal(`Unknown method ${path}`), 404);
    }
    return answerWithFault(ctx, 'odeon', c, path, '{"success":true,"message":null,"mod', async () => {
      if (!sameText(c.req.header('Authorization') ?? '', expectedAuth)) {
        return json(c, refusal('Unauthorized'), 401);
      }
      const raw = await c.req.text();
      if (credentials.signatureKey) {
        const given = c.req.header(CONTENT_HMAC_HEADER) ?? '';
        if (!sameText(given.trim(), contentHmac(raw, credentials.signatureKey))) {
          return json(c, refusal('Invalid Content-HMAC signature'), 401);
        }
      }
      let parsed: unknown = {};
      if (raw.trim() !== '') {
        try {
          parsed = JSON.parse(raw);
        } catch {
          return json(c, refusal('The request body is not valid JSON'), 400);
        }
      }
      const body = target.body.safeParse(parsed);
      // The seed answers a bad value with HTTP 200 and success false ("Invalid Amount value").
      if (!body.success) return json(c, refusal(invalidMessage(body.error)));
      const answer = await target.handle(ctx, body.data);
      return json(c, answer.body, answer.status ?? 200);
    });
  });
}
