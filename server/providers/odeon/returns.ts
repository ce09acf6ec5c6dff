/**
 * Shoppers coming back from Odeon (design §3 "Shopper's browser coming back from a provider"):
 * - `POST /return/odeon/3ds?tx=<transaction id>`: the TermUrl of Advanced 3-D Secure. The ACS posts
 *   `MD` (Odeon's transactionId) and `PaRes`; Kassa calls `/payments/post3ds` once per attempt and sends
 *   the shopper to the order's returnUrl. An MD that is not this attempt's, or an attempt that is not
 *   awaiting 3-D Secure → 400, nothing applied. The same PaRes posted again (Back, a double submit)
 *   calls nothing and shows where the payment stands.
 * - `/return/odeon/success|failure|pending|cancel?tx=…`: the hosted pages' and Redirect 3-DS's return
 *   URLs; the outcome is asked of Odeon, never read from the URL.
 * Both work without cookies and in any tab: the attempt is named by `tx`, its state is in the store.
 */
import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { HttpError, validationError } from '../../http-error.ts';
import { merchantReturnUrl, returnHandler } from '../../routes/return.ts';
import type { Services } from '../../services.ts';
import type { TransactionRecord } from '../../store/types.ts';
import type { Reconciler } from '../registry.ts';
import { chargeOutcome } from './map.ts';
import { applyChargeOutcome } from './methods/card.ts';
import { confirmWithOdeon } from './methods/confirm.ts';
import { confirmRefund } from './methods/refund.ts';
import type { OdeonRuntime } from './runtime.ts';

/** Provider records: one per attempt whose PaRes was taken (the claim that makes post3ds run once). */
const POST3DS_NS = 'odeon.post3ds';
/** A PaRes is a few KB of base64; anything longer is not one. */
const MAX_PARES_CHARS = 16_384;

interface Post3dsClaim {
  /** SHA-256 of the PaRes that was sent, so the same one posted again is recognised. */
  paRes: string;
}

/** Asks Odeon about the attempt and applies the answer; a Cancel with no Odeon payment ends it. */
async function confirmReturn(
  services: Services,
  odeon: OdeonRuntime,
  tx: TransactionRecord,
  outcome: string,
): Promise<void> {
  if (tx.provider !== 'odeon' || tx.kind !== 'payment' || tx.status === 'succeeded') return;
  const confirmed = await confirmWithOdeon(
    { orders: services.orders, log: services.log, odeon, store: services.store },
    tx,
    'return',
  );
  // The shopper cancelled on Odeon's page before paying: the attempt ends as cancelled (design §2 States).
  if (outcome === 'cancel' && confirmed === 'none') {
    await services.orders.settle(tx.id, { status: 'failed', reasonCode: 'cancelled' }, 'return');
  }
}

/** The TermUrl form fields, read leniently (an ACS may add its own) but bounded. */
async function readTermUrlPost(c: Context): Promise<{ md: string; paRes: string }> {
  const type = c.req.header('content-type') ?? '';
  const form = type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data');
  if (!form) throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The 3-D Secure answer must be a form post.');
  const body = await c.req.parseBody();
  const md = typeof body.MD === 'string' ? body.MD.trim() : '';
  const paRes = typeof body.PaRes === 'string' ? body.PaRes.trim() : '';
  const problems: { path: string; message: string }[] = [];
  if (!/^\d{1,19}$/.test(md))
    problems.push({ path: 'MD', message: 'must be the payment’s 3-D Secure reference' });
  if (!paRes || paRes.length > MAX_PARES_CHARS)
    problems.push({ path: 'PaRes', message: 'is missing or too long' });
  if (problems.length > 0) throw validationError(problems);
  return { md, paRes };
}

/** `POST /return/odeon/3ds?tx=…` (design §3: TermUrl). */
function termUrlHandler(services: Services, odeon: OdeonRuntime | undefined) {
  const { store } = services;
  return async (c: Context) => {
    const txId = c.req.query('tx');
    if (!txId) throw validationError([{ path: 'tx', message: 'is required' }]);
    const { md, paRes } = await readTermUrlPost(c);
    const tx = await store.getTransaction(txId);
    const order = tx ? await store.getOrder(tx.orderId) : undefined;
    if (!tx || !order || tx.provider !== 'odeon') throw new HttpError(404, 'NOT_FOUND', 'Unknown payment.');
    if (!odeon) throw new HttpError(409, 'METHOD_UNAVAILABLE', 'OdeonPay is not configured on this server.');
    if (tx.data.threeDs !== 'advanced' || md !== tx.providerTransactionId) {
      throw validationError([{ path: 'MD', message: 'does not belong to this payment' }]);
    }
    const digest = createHash('sha256').update(paRes).digest('hex');
    const back = async () => c.redirect(merchantReturnUrl((await store.getOrder(order.id)) ?? order), 303);
    const alreadySent = async () => {
      // Posted before: the same PaRes shows where the payment stands; another one is refused.
      const first = await store.records.get<Post3dsClaim>(POST3DS_NS, tx.id);
      if (first?.data.paRes !== digest) {
        throw validationError([{ path: 'PaRes', message: 'this payment was already authenticated' }]);
      }
      return back();
    };
    if (await store.records.get(POST3DS_NS, tx.id)) return alreadySent();
    if (tx.status !== 'pending') {
      throw new HttpError(400, 'NOT_AWAITING_3DS', 'This payment is not awaiting 3-D Secure.');
    }
    // The claim: of two posts at once (or on two instances), one calls post3ds.
    const claimed = await store.records.insert<Post3dsClaim>(
      POST3DS_NS,
      { id: tx.id, status: 'sent', data: { paRes: digest } },
      services.clock.now(),
    );
    if (!claimed) return alreadySent();
    try {
      const answer = await odeon.client.post3ds({ transactionId: md, paRes });
      await applyChargeOutcome(
        { orders: services.orders, provider: odeon, store: services.store },
        tx,
        chargeOutcome(answer),
        'post3ds',
      );
    } catch (error) {
      // Odeon may have completed it: the attempt stays pending for the notification or the sweep.
      services.log.warn('odeon post3ds failed', {
        transactionId: tx.id,
        kind: (error as { kind?: string }).kind,
      });
    }
    return back();
  };
}

/**
 * Odeon's reconciliation: `/payments/status` (or `/payments/status/invoice`) of a pending attempt, card
 * or APM (the sweep asks for each of the module's methods); a pending refund (found by its payment's
 * method, `odeon-card` or `odeon-apm-<typeId>`) by its own path (./methods/refund.ts).
 */
export const odeonReconciler: Reconciler<OdeonRuntime> = {
  async check(services, odeon, tx) {
    if (tx.kind === 'refund') {
      const { store, orders, log } = services;
      await confirmRefund({ store, orders, log, odeon }, tx, 'reconcile');
      return;
    }
    await confirmWithOdeon(
      { orders: services.orders, log: services.log, odeon, store: services.store },
      tx,
      'reconcile',
    );
  },
  // A notification normally settles an attempt within seconds; one still pending after two minutes
  // is asked about on every sweep until it ends (or its attempt window runs out).
  sweepAfterMs: 2 * 60_000,
};

/** Creates the Odeon return routes (mounted at `/return/odeon`). */
export function odeonReturnRoutes(services: Services, odeon: OdeonRuntime | undefined): Hono {
  const app = new Hono();
  app.post('/3ds', termUrlHandler(services, odeon));
  for (const outcome of ['success', 'failure', 'pending', 'cancel'] as const) {
    const handle = returnHandler(services, (tx) =>
      odeon ? confirmReturn(services, odeon, tx, outcome) : Promise.resolve(),
    );
    app.get(`/${outcome}`, handle);
    app.post(`/${outcome}`, handle);
  }
  return app;
}
