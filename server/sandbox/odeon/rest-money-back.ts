/**
 * The refund and card payout endpoints (seed "Refund", "Payout via token", "Payout to card"); their
 * life is in money-back.ts. Refusals use the seed's generic shape `{"success": false, "message": …}`
 * with HTTP 200, worded like the seed's own ("Invalid Amount value"):
 * - a refund of an unknown transaction: "Transaction not found" (as `/payments/status`);
 * - of a transaction that is not a completed card payment (an APM payment is refunded through
 *   `/payments/apm/refund`, rest-apm.ts): "Invalid TransactionId value";
 * - of more than what is left of the payment (or an unreadable amount): "Invalid Amount value" — no
 *   refund transaction is made, so there is nothing to notify;
 * - a payout by an unknown token, or a token issued to another accountId: "Invalid Token value".
 */
import type { z } from 'zod';
import { parseOdeonAmount } from '../../providers/odeon/amounts.ts';
import { payoutAnswer, refusal } from './answers.ts';
import { examinePayoutCard, identityOf } from './cards.ts';
import { payout, refund } from './money-back.ts';
import { PayoutCardRequest, PayoutRequest, RefundRequest } from './requests.ts';
import { type EndpointTable, endpoint } from './rest.ts';

const NOT_FOUND = 'Transaction not found';

/** The payout fields both payout endpoints share. */
const payoutOf = (body: z.output<typeof PayoutRequest> | z.output<typeof PayoutCardRequest>) => ({
  amountMinor: body.amountMinor,
  currency: body.currency,
  invoiceId: body.invoiceId,
});

/** The refund and payout endpoints by seed path. */
export const MONEY_BACK_ENDPOINTS: EndpointTable = {
  'payments/refund': endpoint({
    body: RefundRequest,
    async handle(ctx, body) {
      const payment = await ctx.db.getTx(body.transactionId);
      if (!payment) return { body: refusal(NOT_FOUND) };
      let amountMinor = payment.amountMinor;
      if (body.amount !== null) {
        const minor = parseOdeonAmount(body.amount, payment.currency);
        if (typeof minor === 'string' || minor <= 0) return { body: refusal('Invalid Amount value') };
        amountMinor = minor;
      }
      const made = await refund(ctx, payment.transactionId, amountMinor);
      if (made === 'not-completed') return { body: refusal('Invalid TransactionId value') };
      if (made === 'too-much') return { body: refusal('Invalid Amount value') };
      // The seed's answer: the refund's id only; its status comes by notification or /payments/status.
      return { body: { model: { transactionId: made.transactionId }, success: true, message: null } };
    },
  }),

  'payments/payout': endpoint({
    body: PayoutRequest,
    async handle(ctx, body) {
      const token = await ctx.db.getToken(body.token);
      if (!token || token.accountId !== body.accountId) return { body: refusal('Invalid Token value') };
      const tx = await payout(
        ctx,
        { ...payoutOf(body), accountId: body.accountId, name: token.name },
        identityOf(token),
        null,
      );
      return { body: payoutAnswer(tx) };
    },
  }),

  'payments/payout/card': endpoint({
    body: PayoutCardRequest,
    async handle(ctx, body) {
      // The number goes no further than this line: the payout keeps first six, last four and the outcome.
      const { card, decline } = examinePayoutCard(body.pan);
      const tx = await payout(ctx, { ...payoutOf(body), accountId: null, name: body.name }, card, decline);
      return { body: payoutAnswer(tx) };
    },
  }),
};
