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

/** What identifies a DMN, kept for one that is not applied (never its whole body: design §3, issue 8). */
const IDENTIFYING = [
  'merchant_unique_id',
  'clientUniqueId',
  'PPP_TransactionID',
  'TransactionID',
  'Status',
  'ppp_status',
  'transactionType',
  'totalAmount',
  'currency',
] as const;
const KEPT_VALUE_CHARS = 128;

/** A bounded record of a DMN: its identifying fields, each truncated, and how many fields it had. */
export function boundedPayload(params: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of IDENTIFYING) {
    const value = params[key];
    if (value !== undefined) kept[key] = value.slice(0, KEPT_VALUE_CHARS);
  }
  kept._fields = String(Object.keys(params).length);
  return kept;
}

/** Creates the Nuvei webhook route. */
export function nuveiWebhookRoutes(services: Services): Hono {
  const app = new Hono();
  const { store, log, clock } = services;

  const record = (
    params: Record<string, string>,
    outcome: WebhookRecord['outcome'],
    extra: Partial<WebhookRecord> = {},
  ): WebhookRecord => ({
    id: newId('whk'),
    provider: 'nuvei',
    dedupeKey: null,
    transactionId: null,
    reason: null,
    ...extra,
    outcome,
    payload: outcome === 'applied' ? params : boundedPayload(params),
    receivedAt: clock.now(),
  });
  const save = (
    params: Record<string, string>,
    outcome: WebhookRecord['outcome'],
    extra?: Partial<WebhookRecord>,
  ) => store.insertWebhook(record(params, outcome, extra));

  const reject = async (
    params: Record<string, string>,
    txId: string,
    orderId: string,
    reason: string,
    dedupeKey: string,
  ) => {
    await store.transaction(async () => {
      await save(params, 'rejected', { reason, transactionId: txId, dedupeKey });
      await services.orders.record(orderId, 'webhook.rejected', { provider: 'nuvei', reason });
    });
  };

  const handle = async (c: Context) => {
    const params = await readParams(c);
    const nuvei = services.nuvei;
    if (!nuvei || !verifyDmn(params, nuvei.config.secretKey, nuvei.config.checksum)) {
      log.warn('nuvei DMN rejected: bad or missing checksum', {
        transactionId: params.merchant_unique_id?.slice(0, KEPT_VALUE_CHARS) ?? null,
      });
      await save(params, 'unauthorized', { reason: 'bad checksum' });
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'Invalid DMN checksum.' } }, 401);
    }
    const parsed = parseDmn(params);
    if (!parsed.success) {
      await save(params, 'rejected', { reason: 'malformed' });
      log.warn('nuvei DMN rejected: malformed', {});
      return c.text('OK', 200);
    }
    const dmn = parsed.data;
    const txId = dmn.merchant_unique_id || dmn.clientUniqueId || '';
    const tx = txId ? await store.getTransaction(txId) : undefined;
    // Dedupe is scoped to the transaction (issue 8): a DMN replayed for another transaction is not
    // a duplicate of this one's, so it cannot make the genuine one be dropped.
    const dedupeKey = `${txId}:${dmn.PPP_TransactionID ?? dmn.TransactionID ?? ''}:${dmn.Status}`;
    if (!tx) {
      log.warn('nuvei DMN for an unknown transaction', { transactionId: txId.slice(0, KEPT_VALUE_CHARS) });
      await save(params, 'rejected', { reason: 'unknown transaction', dedupeKey });
      return c.text('OK', 200);
    }
    const amount = dmn.totalAmount && dmn.currency ? parseAmount(dmn.totalAmount, dmn.currency) : 'missing';
    if (typeof amount === 'string' || amount.minor !== tx.amountMinor || dmn.currency !== tx.currency) {
      log.error('nuvei DMN amount or currency differs from the transaction', { transactionId: tx.id });
      await reject(params, tx.id, tx.orderId, 'amount or currency mismatch', dedupeKey);
      return c.text('OK', 200);
    }
    // A signed DMN of another payment re-addressed to this transaction names another Nuvei
    // transaction than the one recorded for it: refused (issue 8, replayed DMNs).
    const recorded = tx.providerTransactionId;
    if (
      recorded &&
      dmn.TransactionID &&
      recorded !== dmn.TransactionID &&
      recorded !== dmn.PPP_TransactionID
    ) {
      log.error('nuvei DMN names another Nuvei transaction than the one recorded', { transactionId: tx.id });
      await reject(params, tx.id, tx.orderId, 'provider transaction mismatch', dedupeKey);
      return c.text('OK', 200);
    }
    const outcome = dmnOutcome(dmn);
    const providerTransactionId = dmn.TransactionID ?? dmn.PPP_TransactionID;
    // The dedupe claim and the settle commit together: a duplicate racing on another instance finds
    // the claim (unique index) and is recorded as a duplicate, never applied twice.
    await store.transaction(async () => {
      if (!(await store.claimWebhook(record(params, 'applied', { transactionId: tx.id, dedupeKey })))) return;
      await services.orders.settle(
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
