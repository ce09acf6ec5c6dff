/**
 * Nuvei DMNs (design §3 "Providers"): GET with a query string or POST form-encoded. The checksum is
 * checked first (401 and nothing applied when wrong), then the DMN is stored and applied idempotently.
 */
import { type Context, Hono } from 'hono';
import { parseAmount } from '../../src/contract/money.ts';
import { newId } from '../orders/ids.ts';
import { dmnOutcome, parseDmn } from '../providers/nuvei/dmn.ts';
import { verifyDmn } from '../providers/nuvei/signing.ts';
import type { Services } from '../services.ts';
import type { WebhookRecord } from '../store/types.ts';

async function readParams(c: Context): Promise<Record<string, string>> {
  const params: Record<string, string> = { ...c.req.query() };
  if (c.req.method === 'POST') {
    const body = new URLSearchParams(await c.req.text());
    for (const [key, value] of body) params[key] = value;
  }
  return params;
}

/** Creates the Nuvei webhook route. */
export function nuveiWebhookRoutes(services: Services): Hono {
  const app = new Hono();
  const { store, log, clock } = services;

  const save = (
    params: Record<string, string>,
    outcome: WebhookRecord['outcome'],
    extra: Partial<WebhookRecord> = {},
  ) => {
    store.insertWebhook({
      id: newId('whk'),
      provider: 'nuvei',
      dedupeKey: null,
      transactionId: null,
      reason: null,
      ...extra,
      outcome,
      payload: params,
      receivedAt: clock.now(),
    });
  };

  const handle = async (c: Context) => {
    const params = await readParams(c);
    const nuvei = services.nuvei;
    if (!nuvei || !verifyDmn(params, nuvei.config.secretKey, nuvei.config.checksum)) {
      log.warn('nuvei DMN rejected: bad or missing checksum', {
        transactionId: params.merchant_unique_id ?? null,
      });
      save(params, 'unauthorized', { reason: 'bad checksum' });
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'Invalid DMN checksum.' } }, 401);
    }
    const parsed = parseDmn(params);
    if (!parsed.success) {
      save(params, 'rejected', { reason: 'malformed' });
      log.warn('nuvei DMN rejected: malformed', {});
      return c.text('OK', 200);
    }
    const dmn = parsed.data;
    const txId = dmn.merchant_unique_id || dmn.clientUniqueId || '';
    const tx = txId ? store.getTransaction(txId) : undefined;
    const dedupeKey = `${dmn.PPP_TransactionID ?? dmn.TransactionID ?? ''}:${dmn.Status}`;
    if (!tx) {
      log.warn('nuvei DMN for an unknown transaction', { transactionId: txId });
      save(params, 'rejected', { reason: 'unknown transaction', dedupeKey });
      return c.text('OK', 200);
    }
    const amount = dmn.totalAmount && dmn.currency ? parseAmount(dmn.totalAmount, dmn.currency) : 'missing';
    if (typeof amount === 'string' || amount.minor !== tx.amountMinor || dmn.currency !== tx.currency) {
      log.error('nuvei DMN amount or currency differs from the transaction', { transactionId: tx.id });
      save(params, 'rejected', { reason: 'amount or currency mismatch', transactionId: tx.id, dedupeKey });
      services.orders.record(tx.orderId, 'webhook.rejected', {
        provider: 'nuvei',
        reason: 'amount or currency mismatch',
      });
      return c.text('OK', 200);
    }
    if (store.hasAppliedWebhook('nuvei', dedupeKey)) {
      save(params, 'duplicate', { transactionId: tx.id, dedupeKey });
      return c.text('OK', 200);
    }
    const outcome = dmnOutcome(dmn);
    const providerTransactionId = dmn.TransactionID ?? dmn.PPP_TransactionID;
    store.transaction(() => {
      save(params, 'applied', { transactionId: tx.id, dedupeKey });
      services.orders.settle(
        tx.id,
        {
          status: outcome.status,
          reasonCode: outcome.reasonCode,
          ...(providerTransactionId ? { providerTransactionId } : {}),
        },
        'dmn',
      );
    });
    return c.text('OK', 200);
  };

  app.get('/', handle);
  app.post('/', handle);
  return app;
}
