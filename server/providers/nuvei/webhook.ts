/**
 * Nuvei DMNs (design §3 "Providers"): GET with a query string or POST form-encoded. The checksum is
 * checked first (401 and nothing applied when wrong), then the DMN goes through the shared
 * notification pipeline (stored, matched, checked, deduplicated and applied idempotently).
 */
import { type Context, Hono } from 'hono';
import { parseAmount } from '../../../src/contract/money.ts';
import {
  KEPT_VALUE_CHARS,
  type NotificationAdapter,
  processNotification,
} from '../../notifications/pipeline.ts';
import type { Services } from '../../services.ts';
import { type Dmn, dmnOutcome, parseDmn } from './dmn.ts';
import type { NuveiGateway } from './gateway.ts';
import { verifyDmn } from './signing.ts';

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

/** How the notification pipeline reads Nuvei DMNs. */
export function dmnAdapter(
  services: Services,
  secret: { secretKey: string; checksum: 'sha256' | 'md5' } | undefined,
): NotificationAdapter<Record<string, string>, Dmn> {
  return {
    provider: 'nuvei',
    label: 'Nuvei',
    noun: 'DMN',
    signatureName: 'checksum',
    source: 'dmn',
    verify: (params) => secret !== undefined && verifyDmn(params, secret.secretKey, secret.checksum),
    parse: (params) => {
      const parsed = parseDmn(params);
      return parsed.success ? parsed.data : undefined;
    },
    claimedTransactionId: (params) => params.merchant_unique_id,
    match: async (dmn) => {
      const transactionId = dmn.merchant_unique_id || dmn.clientUniqueId || '';
      return {
        transactionId,
        tx: transactionId ? await services.store.getTransaction(transactionId) : undefined,
      };
    },
    dedupeKey: (dmn, txId) => `${txId}:${dmn.PPP_TransactionID ?? dmn.TransactionID ?? ''}:${dmn.Status}`,
    amount: (dmn) => {
      const money = dmn.totalAmount && dmn.currency ? parseAmount(dmn.totalAmount, dmn.currency) : 'missing';
      return typeof money === 'string' ? undefined : { minor: money.minor, currency: dmn.currency };
    },
    // Compared only when the DMN names a TransactionID; either of its two ids may be the recorded one.
    contradicts: (dmn, recorded) =>
      dmn.TransactionID !== undefined &&
      dmn.TransactionID !== '' &&
      recorded !== dmn.TransactionID &&
      recorded !== dmn.PPP_TransactionID,
    outcome: (dmn) => {
      const outcome = dmnOutcome(dmn);
      const providerTransactionId = dmn.TransactionID ?? dmn.PPP_TransactionID;
      return {
        status: outcome.status,
        reasonCode: outcome.reasonCode,
        ...(providerTransactionId ? { providerTransactionId } : {}),
      };
    },
    payload: (params) => params,
    bounded: boundedPayload,
  };
}

/** Creates the Nuvei webhook route (mounted at `/webhooks/nuvei`; refuses every DMN when Nuvei is not configured). */
export function nuveiWebhookRoutes(services: Services, nuvei: NuveiGateway | undefined): Hono {
  const app = new Hono();
  const handle = async (c: Context) => {
    const params = await readParams(c);
    const adapter = dmnAdapter(services, nuvei?.config);
    const result = await processNotification(services, adapter, params);
    if (result.kind === 'unauthorized')
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'Invalid DMN checksum.' } }, 401);
    // Nuvei stops retrying on a 200: every well-signed DMN gets one, applied or not (design §3).
    return c.text('OK', 200);
  };
  app.get('/', handle);
  app.post('/', handle);
  return app;
}
