/**
 * Odeon's Payout Success and Failure notifications (seed "Payout Success", "Payout Failure"; design §3
 * "Odeon notifications"): through the shared pipeline like payment results, matched to an Odeon card
 * payout by `invoiceId` (the Kassa transaction id) or Odeon's `transactionId`, amount and currency
 * cross-checked, applied once. A payout has one Odeon transaction: a notification naming another one
 * than the one recorded is refused.
 */
import { processNotification } from '../../notifications/pipeline.ts';
import type { Services } from '../../services.ts';
import type { TransactionRecord } from '../../store/types.ts';
import type { PaymentNotification } from './notification-schemas.ts';
import { type OdeonMessage, paymentAdapter } from './webhook.ts';

const isOdeonPayout = (tx: TransactionRecord | undefined): tx is TransactionRecord =>
  tx !== undefined && tx.provider === 'odeon' && tx.kind === 'payout';

/** The payment adapter, matching payouts instead (the rest — amounts, outcome, payloads — is the same). */
function payoutAdapter(services: Services, apiSecret: string | undefined, parsed: PaymentNotification) {
  const { store } = services;
  const adapter = paymentAdapter(services, apiSecret, parsed);
  return {
    ...adapter,
    match: async (result: Parameters<typeof adapter.match>[0]) => {
      const { n } = result;
      const byOdeonId = await store.findTransactionByProviderId('odeon', String(n.transactionId));
      const invoiceId = n.invoiceId ?? '';
      const found = invoiceId ? await store.getTransaction(invoiceId) : byOdeonId;
      const tx = isOdeonPayout(found) ? found : undefined;
      result.ownedElsewhere = byOdeonId !== undefined && byOdeonId.id !== tx?.id;
      return { transactionId: tx?.id ?? invoiceId, tx };
    },
    contradicts: (result: Parameters<typeof adapter.contradicts>[0], recorded: string) =>
      result.ownedElsewhere || recorded !== String(result.n.transactionId),
  };
}

/** Applies a payout result; answers the pipeline's result for the route's reply. */
export function applyPayoutNotification(
  services: Services,
  apiSecret: string | undefined,
  n: PaymentNotification,
  message: OdeonMessage,
) {
  return processNotification(services, payoutAdapter(services, apiSecret, n), message);
}
