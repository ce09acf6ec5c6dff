/**
 * The card endpoints (seed "Test", "Payment", "Post 3-D Secure", "Status", "Status Invoice",
 * "Checkout", "Link"; an APM link is rest-apm.ts's). Refusals use the seed's generic shape `{"success": false, "message": …}`.
 */
import { z } from 'zod';
import { isCurrency } from '../../../src/contract/money.ts';
import { chargeAnswer, linkAnswer, refusal, statusModel } from './answers.ts';
import { examineCard } from './cards.ts';
import { linkPage } from './hosted.ts';
import { pageStyle } from './html-style.ts';
import { charge, completeThreeDs, createPayment, isFinal, linkPayment } from './payment.ts';
import {
  ChargeRequest,
  CheckoutLinkRequest,
  InvoiceStatusRequest,
  PaymentLinkRequest,
  Post3dsRequest,
  paymentTypeIdOf,
  StatusRequest,
} from './requests.ts';
import { type EndpointTable, endpoint } from './rest.ts';
import { apmLink } from './rest-apm.ts';

const NOT_FOUND = 'Transaction not found';

/** The card endpoints by seed path. */
export const CARD_ENDPOINTS: EndpointTable = {
  test: endpoint({
    body: z.unknown(),
    handle: async () => ({ body: { success: true, message: 'Test message success' } }),
  }),

  'payments/charge/card': endpoint({
    body: ChargeRequest,
    async handle(ctx, body) {
      if (body.publicId !== ctx.credentials.publicId) return { body: refusal('Invalid PublicId value') };
      const { facts, decline } = examineCard(body.card, ctx.clock.now());
      const created = await createPayment(
        ctx,
        {
          amountMinor: body.amountMinor,
          currency: body.currency,
          invoiceId: body.invoiceId,
          accountId: body.accountId,
          description: body.description,
          name: body.name,
          redirect: {
            success: body.successRedirectUrl ?? undefined,
            failure: body.failureRedirectUrl ?? undefined,
            pending: body.pendingRedirectUrl ?? undefined,
          },
          pageId: null,
        },
        facts,
      );
      return { body: chargeAnswer(ctx, await charge(ctx, created, decline)) };
    },
  }),

  'payments/post3ds': endpoint({
    body: Post3dsRequest,
    async handle(ctx, body) {
      const tx = await ctx.db.getTx(body.transactionId);
      if (!tx) return { body: refusal(NOT_FOUND) };
      if (!tx.threeDs || tx.threeDs.paRes === null || tx.threeDs.paRes !== body.paRes) {
        return { body: refusal('Invalid PaRes value') };
      }
      // A repeated post3ds answers the final state: settle() changes an open payment only.
      return { body: chargeAnswer(ctx, isFinal(tx) ? tx : await completeThreeDs(ctx, tx)) };
    },
  }),

  'payments/status': endpoint({
    body: StatusRequest,
    async handle(ctx, body) {
      const tx = await ctx.db.getTx(body.transactionId);
      if (!tx) return { body: refusal(NOT_FOUND) };
      return { body: { model: statusModel(tx), success: true, message: null } };
    },
  }),

  'payments/status/invoice': endpoint({
    body: InvoiceStatusRequest,
    async handle(ctx, body) {
      const transactions = (await ctx.db.txsOfInvoice(body.invoiceId)).map(statusModel);
      return { body: { success: true, message: null, transactions } };
    },
  }),

  'checkout/link': endpoint({
    body: CheckoutLinkRequest,
    async handle(ctx, body) {
      const page = await linkPage(ctx, 'checkout', body, pageStyle(body.page ?? {}));
      return {
        body: {
          success: true,
          message: null,
          model: {},
          link: { method: 'get', action: `${ctx.base}/pay/${page.id}` },
        },
      };
    },
  }),

  'payments/link': endpoint({
    body: PaymentLinkRequest,
    async handle(ctx, body) {
      // An APM link (data.paymentTypeId) has a page of its own (rest-apm.ts); this is the card payment link.
      if (paymentTypeIdOf(body.data) !== undefined) return apmLink(ctx, body);
      if (!isCurrency(body.currency)) return { body: refusal('Invalid Currency value') };
      const page = await linkPage(ctx, 'link', body, null);
      const tx = await createPayment(ctx, linkPayment(body, page.id), null);
      await ctx.db.updatePage(page.id, { transactionId: tx.transactionId }, ctx.clock.now());
      return linkAnswer(ctx, tx, `pay/${page.id}`);
    },
  }),
};
