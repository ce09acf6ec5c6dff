/**
 * The paysafecard APM of the emulator (seed nuvei-paysafecard.txt): `createPayment()` / `/payment` with
 * `apmgw_PaySafeCard` answers REDIRECT with the paysafecard page's URL and a UPO; the shopper then
 * enters a 16-digit PIN there within 30 minutes (seed "User Experience").
 */
import { randomUUID } from 'node:crypto';
import type { ApmHandler } from '../nuvei/apm.ts';
import type { SandboxContext } from '../nuvei/context.ts';
import type { TransactionRow } from '../nuvei/db.ts';
import { settleAndNotify } from '../nuvei/settle.ts';
import { newTransaction, UPO_FIRST_ID } from '../nuvei/transaction.ts';

export const PAYSAFECARD_METHOD = 'apmgw_PaySafeCard';
/** The seed's deposit test PIN ("Testing"): it pays; any other well-formed PIN is declined. */
export const TEST_PIN = '0000009021001201';
/** "By default, the user has 30 minutes to complete the process" (seed "User Experience"). */
export const PAGE_WINDOW_MS = 30 * 60_000;

/** How the emulator ends a paysafecard payment; the texts go into the DMN and /getPaymentStatus. */
export const PAYSAFECARD_RESULTS = {
  approved: { status: 'APPROVED' },
  declined: { status: 'DECLINED', reason: 'PIN declined', errApmDescription: 'PIN declined' },
  // The seed's "DMN with status=DECLINED" example: the shopper pressed Cancel on the paysafecard page.
  cancelled: { status: 'DECLINED', reason: 'User Cancelation', errApmDescription: 'User Cancelation' },
  expired: { status: 'DECLINED', reason: 'Payment expired', errApmDescription: 'Payment window expired' },
} as const;

const BASE_FIELDS = ['firstName', 'lastName', 'country', 'email'];

/** The page URL the payment answers carry (`paymentOption.redirectUrl`). */
export function paysafecardPageUrl(publicUrl: string, pageId: string): string {
  return `${publicUrl}/sandbox/paysafecard/pay?id=${encodeURIComponent(pageId)}`;
}

/** The transaction behind a page id. */
export async function transactionOfPage(
  ctx: SandboxContext,
  pageId: string,
): Promise<TransactionRow | undefined> {
  const id = pageId ? await ctx.sbx.transactionIdOfPage(pageId) : undefined;
  return id ? ctx.sbx.getTransaction(id) : undefined;
}

/** Whether an open page's 30 minutes (sandbox clock, from the payment's creation) have run out. */
export function windowRanOut(ctx: SandboxContext, tx: TransactionRow): boolean {
  return ctx.clock.now() - tx.createdAt >= PAGE_WINDOW_MS;
}

/** Ends one open page whose window ran out as DECLINED (expired) and queues its DMN; answers the row. */
export async function expireIfDue(ctx: SandboxContext, tx: TransactionRow): Promise<TransactionRow> {
  if (tx.status !== 'REDIRECT' || !windowRanOut(ctx, tx)) return tx;
  const expired = await settleAndNotify(ctx, tx.id, PAYSAFECARD_RESULTS.expired);
  if (expired) ctx.log.info('sandbox paysafecard page expired', { transactionId: tx.id });
  return expired ?? (await ctx.sbx.getTransaction(tx.id)) ?? tx;
}

/** `apmgw_PaySafeCard`: a REDIRECT transaction with its page and a UPO for later transactions. */
export const paysafecardApm: ApmHandler = {
  // Seed "Payment (Deposit) Flow": billingAddress and userDetails with firstName, lastName, country, email.
  requiredFields() {
    return [...BASE_FIELDS.map((f) => `billingAddress.${f}`), ...BASE_FIELDS.map((f) => `userDetails.${f}`)];
  },
  async start(ctx, payment) {
    const pageId = randomUUID();
    const tx = await newTransaction(ctx, payment, {
      status: 'REDIRECT',
      redirectUrl: paysafecardPageUrl(ctx.publicUrl, pageId),
      userPaymentOptionId: String(await ctx.sbx.nextId('upo', UPO_FIRST_ID)),
    });
    await ctx.store.transaction(async () => {
      await ctx.sbx.insertTransaction(tx);
      await ctx.sbx.insertPaysafecardPage(pageId, tx.id, tx.createdAt);
    });
    return tx;
  },
  /**
   * Pages left open past their 30 minutes end DECLINED with an expiry reason, and their DMN is sent.
   * The Kassa server's own attempt window (30 minutes for paysafecard) has already ended such an
   * attempt as expired by then, so this DMN does not change it; it keeps the provider's story complete.
   */
  async expireDue(ctx) {
    const cutoff = ctx.clock.now() - PAGE_WINDOW_MS;
    for (const tx of await ctx.sbx.openTransactionsBefore(PAYSAFECARD_METHOD, cutoff)) {
      await expireIfDue(ctx, tx);
    }
  },
};
