/**
 * The Web SDK stand-in: `GET /nuvei/safecharge.js` (the script) and `POST /nuvei/websdk/createPayment`
 * (what the script calls, authenticated by the openOrder session token, CORS-enabled for any origin).
 */
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { NUVEI_ERR } from '../../providers/nuvei/errors.ts';
import { INVALID_REQUEST, withFault } from './answers.ts';
import { prepareApmPayment } from './apm.ts';
import type { SandboxContext } from './context.ts';
import { resolveSession } from './sessions.ts';
import { paymentOptionAnswer } from './transaction.ts';
import { PaymentParams } from './validate.ts';

const SCRIPT = readFileSync(new URL('./safecharge.js', import.meta.url), 'utf8');

const Id = z.union([z.string(), z.number()]).transform(String);
const CreatePaymentRequest = z.object({
  sessionToken: z.string().min(1),
  merchantId: Id.optional(),
  merchantSiteId: Id.optional(),
  params: z.record(z.string(), z.unknown()),
});

/** A `createPayment` callback object for a failure (platform-notes.md: `errorDescription` / `reason`). */
function sdkError(errCode: number, description: string) {
  return { result: 'ERROR', errCode, errorDescription: description, reason: description };
}

/** Registers the SDK script and its createPayment endpoint on the sandbox app. */
export function registerWebSdkRoutes(app: Hono, ctx: SandboxContext): void {
  app.get('/nuvei/safecharge.js', (c) =>
    c.body(SCRIPT, 200, {
      'Content-Type': 'application/javascript; charset=utf-8',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    }),
  );

  app.use(
    '/nuvei/websdk/*',
    cors({ origin: '*', allowMethods: ['POST', 'OPTIONS'], allowHeaders: ['Content-Type'] }),
  );

  app.post('/nuvei/websdk/createPayment', (c) =>
    withFault(ctx, c, 'createPayment', async () => {
      const request = CreatePaymentRequest.safeParse(await c.req.json().catch(() => null));
      if (!request.success) return c.json(sdkError(INVALID_REQUEST, 'Invalid createPayment request'), 400);
      const { sessionToken, merchantId, merchantSiteId } = request.data;
      const { credentials } = ctx;
      if (
        (merchantId !== undefined && merchantId !== credentials.merchantId) ||
        (merchantSiteId !== undefined && merchantSiteId !== credentials.merchantSiteId)
      ) {
        return c.json(sdkError(INVALID_REQUEST, 'Invalid merchantId or merchantSiteId'));
      }
      const found = await resolveSession(ctx.sbx, ctx.clock, sessionToken);
      if ('refusal' in found) return c.json(sdkError(found.refusal.errCode, found.refusal.reason));
      if (found.session.kind !== 'order') {
        return c.json(
          sdkError(NUVEI_ERR.invalidSessionToken, 'The Web SDK needs a session token from openOrder'),
        );
      }
      const params = PaymentParams.safeParse(request.data.params);
      if (!params.success) return c.json(sdkError(INVALID_REQUEST, 'Invalid paymentOption'));
      const prepared = prepareApmPayment(found.session, params.data);
      if ('refusal' in prepared) return c.json(sdkError(prepared.refusal.errCode, prepared.refusal.reason));
      const tx = await prepared.handler.start(ctx, prepared.payment);
      ctx.log.info('sandbox nuvei createPayment', { transactionId: tx.id, paymentMethod: tx.paymentMethod });
      return c.json({
        result: tx.status,
        errCode: 0,
        errorDescription: '',
        transactionId: tx.id,
        transactionStatus: tx.status,
        clientUniqueId: tx.clientUniqueId,
        userTokenId: tx.userTokenId,
        ...paymentOptionAnswer(tx),
      });
    }),
  );
}
