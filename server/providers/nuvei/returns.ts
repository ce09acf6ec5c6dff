/**
 * Shoppers coming back from a Nuvei page (`/return/nuvei/success|failure|pending|back?tx=…`): Nuvei is
 * asked how the session ended, and that is applied before the shopper goes back to the shop.
 */
import { Hono } from 'hono';
import { returnHandler } from '../../routes/return.ts';
import type { Services } from '../../services.ts';
import type { TransactionRecord } from '../../store/types.ts';
import type { Reconciler } from '../registry.ts';
import { paymentStatusOutcome } from './dmn.ts';
import type { NuveiGateway } from './gateway.ts';

/** Asks Nuvei how the session ended and applies it (the DMN will say the same later; duplicates are no-ops). */
async function confirmNuvei(services: Services, nuvei: NuveiGateway, tx: TransactionRecord): Promise<void> {
  const token = typeof tx.data.sessionToken === 'string' ? tx.data.sessionToken : undefined;
  // An ended (failed) attempt is asked too: a later approval of it still counts (design §3 Attempts).
  if (!token || tx.status === 'succeeded') return;
  try {
    const answer = await nuvei.getPaymentStatus(token);
    const outcome = paymentStatusOutcome(answer);
    const providerTransactionId =
      answer.transactionId === undefined ? {} : { providerTransactionId: String(answer.transactionId) };
    if (outcome.status === 'succeeded')
      await services.orders.settle(tx.id, { status: 'succeeded', ...providerTransactionId }, 'return');
    // A shopper's Cancel on the provider page is `cancelled`, not `declined` (the DMN would say the same).
    if (outcome.status === 'failed') {
      await services.orders.settle(
        tx.id,
        { status: 'failed', reasonCode: outcome.reasonCode, ...providerTransactionId },
        'return',
      );
    }
  } catch (error) {
    // The DMN settles it later; the shopper still gets back to the shop.
    services.log.warn('nuvei status on return failed', {
      transactionId: tx.id,
      kind: (error as { kind?: string }).kind,
    });
  }
}

/**
 * Nuvei's reconciliation: `/getPaymentStatus` of the attempt's Web SDK session. Not swept: the session
 * token lives about 15 minutes, while a cash voucher stays pending for days; the DMN settles those.
 */
export const nuveiReconciler: Reconciler<NuveiGateway> = {
  check: confirmNuvei,
};

/** Creates the Nuvei return routes (mounted at `/return/nuvei`). */
export function nuveiReturnRoutes(services: Services, nuvei: NuveiGateway | undefined): Hono {
  const app = new Hono();
  const handle = returnHandler(services, (tx) =>
    nuvei ? confirmNuvei(services, nuvei, tx) : Promise.resolve(),
  );
  app.get('/:outcome{success|failure|pending|back}', handle);
  app.post('/:outcome{success|failure|pending|back}', handle);
  return app;
}
