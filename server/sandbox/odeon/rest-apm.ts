/**
 * The APM endpoints (seed "Link" with `data.paymentTypeId`, "APM Payout", "APM Refund"; their life is
 * in apm.ts). Refusals use the seed's generic shape `{"success": false, "message": …}` with HTTP 200,
 * worded like the seed's own ("Invalid Amount value"):
 * - a link or payout whose `data.paymentTypeId` is not a type of the catalogue, or a type that does not
 *   take that operation (the table's Link / APM Payout marks): "Invalid PaymentTypeId value". An APM
 *   payout without `paymentTypeId` is taken (the seed's own 50033 payout example has none) and settles
 *   by its `personId` like any other;
 * - an APM refund of an unknown transaction: "Transaction not found"; of one that is not a completed
 *   APM payment (a card payment is refunded by `/payments/refund`): "Invalid TransactionId value"; of
 *   more than what is left (or an unreadable amount): "Invalid Amount value".
 */
import { apmType } from '../../providers/odeon/apm/catalogue.ts';
import { readAmount } from './amount.ts';
import { linkAnswer, payoutAnswer, refusal } from './answers.ts';
import { apmPayout, apmRefund, createApmPayment } from './apm.ts';
import type { OdeonContext } from './context.ts';
import { linkPage } from './hosted.ts';
import { linkPayment } from './payment.ts';
import {
  ApmPayoutRequest,
  ApmRefundRequest,
  type PaymentLinkRequest,
  paymentTypeIdOf,
  personIdOf,
} from './requests.ts';
import { type EndpointTable, endpoint } from './rest.ts';

const INVALID_TYPE = 'Invalid PaymentTypeId value';

/**
 * `/payments/link` with `data.paymentTypeId`: a Created payment and its APM page. Answers the seed's
 * Link shape, `link.action` = `<publicUrl>/sandbox/odeon/apm/<page id>`.
 */
export async function apmLink(ctx: OdeonContext, body: PaymentLinkRequest) {
  const typeId = paymentTypeIdOf(body.data);
  if (typeof typeId !== 'number' || !apmType(typeId)?.link) return { body: refusal(INVALID_TYPE) };
  const page = await linkPage(ctx, 'apm', body, null);
  const tx = await createApmPayment(ctx, linkPayment(body, page.id), {
    typeId,
    personId: personIdOf(body.data),
  });
  await ctx.db.updatePage(page.id, { transactionId: tx.transactionId }, ctx.clock.now());
  ctx.log.info('sandbox odeon apm link', { transactionId: tx.transactionId, paymentTypeId: typeId });
  return linkAnswer(ctx, tx, `apm/${page.id}`);
}

/** The APM payout and refund endpoints by seed path. */
export const APM_ENDPOINTS: EndpointTable = {
  'payments/apm/payout': endpoint({
    body: ApmPayoutRequest,
    async handle(ctx, body) {
      const typeId = paymentTypeIdOf(body.data);
      if (typeId === 'invalid' || (typeId !== undefined && !apmType(typeId)?.payout)) {
        return { body: refusal(INVALID_TYPE) };
      }
      const tx = await apmPayout(ctx, {
        amountMinor: body.amountMinor,
        currency: body.currency,
        invoiceId: body.invoiceId,
        accountId: body.accountId,
        description: body.description,
        name: body.name,
        apm: { typeId: typeId ?? null, personId: personIdOf(body.data) },
      });
      // The seed's answer: the payout in status Created; its result comes by notification.
      return { body: payoutAnswer(tx) };
    },
  }),

  'payments/apm/refund': endpoint({
    body: ApmRefundRequest,
    async handle(ctx, body) {
      const payment = await ctx.db.getTx(body.transactionId);
      if (!payment) return { body: refusal('Transaction not found') };
      let amountMinor = payment.amountMinor;
      if (body.amount !== null) {
        const minor = readAmount(body.amount, payment.currency);
        if (typeof minor === 'string' || minor <= 0) return { body: refusal('Invalid Amount value') };
        amountMinor = minor;
      }
      const made = await apmRefund(ctx, payment.transactionId, amountMinor);
      if (made === 'not-completed') return { body: refusal('Invalid TransactionId value') };
      if (made === 'too-much') return { body: refusal('Invalid Amount value') };
      // The seed's answer: the refund in status Created (the same model as an APM payout's).
      return { body: payoutAnswer(made) };
    },
  }),
};
