/** Settling an emulated transaction: its new status and its DMN are written in one store transaction. */
import type { SandboxContext } from './context.ts';
import type { TransactionRow, TransactionStatus } from './db.ts';
import { buildPaymentDmn, type DmnDetails } from './dmn-build.ts';

/** The final result an APM reports for a pending transaction. */
export interface Settlement extends DmnDetails {
  status: Exclude<TransactionStatus, 'PENDING' | 'REDIRECT'>;
  reason?: string | undefined;
}

/**
 * Moves a PENDING (or REDIRECT) transaction to its result and queues its DMN to the session's
 * notificationUrl; answers the settled row, or null when the transaction was not open any more. The
 * status change is a guarded update, so instances racing to settle the same transaction settle it once.
 */
export async function settleAndNotify(
  ctx: SandboxContext,
  transactionId: string,
  settlement: Settlement,
): Promise<TransactionRow | null> {
  const now = ctx.clock.now();
  const settled = await ctx.store.transaction(async () => {
    const tx = await ctx.sbx.settleTransaction(
      transactionId,
      settlement.status,
      settlement.reason ?? '',
      now,
    );
    if (!tx) return null;
    if (tx.notificationUrl) {
      await ctx.dmns.enqueue(
        tx.id,
        tx.notificationUrl,
        buildPaymentDmn(tx, ctx.credentials, now, settlement),
      );
    } else {
      // Nuvei would fall back to the site's configured DMN URL; the emulator has none.
      ctx.log.warn('sandbox nuvei: no notificationUrl, DMN not sent', { transactionId: tx.id });
    }
    return tx;
  });
  if (settled) ctx.dmns.wake();
  return settled;
}
