/**
 * Methods `odeon-apm-<typeId>` (issue 11 item 2; design §2 Methods, §3 "Odeon APMs"), one per row of
 * the catalogue, generated from the data:
 * - offered when Odeon is configured and the order fits the row: its country and currency (null = any),
 *   its kind (the "Link" mark for payments, "APM Payout" for payouts); never a row whose currency is
 *   not ISO 4217 (USDT, BTC: orders take ISO 4217 only); the test types 1 and 2 in sandbox mode only;
 * - payments: `/payments/link` with `invoiceId` = the Kassa transaction id, the return URLs
 *   `/return/odeon/…?tx=…`, `data.paymentTypeId`, the type's fields and the payer's details, answered
 *   with a full-page `redirect` to `link.action`; the attempt is pending until the payment notification,
 *   the shopper's return or the sweep settles it (`/payments/status/invoice` of the attempt);
 * - payouts: `/payments/apm/payout` (./payout.ts); refunds: `/payments/apm/refund`.
 * No attempt window of their own: a boleto or a bank transfer may be paid hours later, so an APM attempt
 * ends by Odeon's word (or with its order's expiry), never by a timer.
 */
import { isCurrency } from '../../../../src/contract/money.ts';
import type { NextAction, OrderKind, ShopperFields } from '../../../../src/contract/schemas.ts';
import { defineMethod, type ServerMethod } from '../../../methods/types.ts';
import type { OrderRecord, TransactionRecord } from '../../../store/types.ts';
import { providerHttpError } from '../../http-error.ts';
import { OdeonError } from '../errors.ts';
import { completeWithOdeon } from '../methods/confirm.ts';
import { payerData, returnUrls, waitFor } from '../methods/hosted.ts';
import { refundApmPayment } from '../methods/refund.ts';
import type { OdeonContext, OdeonRuntime } from '../runtime.ts';
import { APM_CATALOGUE, type ApmType, apmFields } from './catalogue.ts';
import { apmFieldValues } from './fields.ts';
import { sendApmPayout } from './payout.ts';

/** The method id of a type. */
export const apmMethodId = (typeId: number) => `odeon-apm-${typeId}`;

/** Whether `type` is offered for `order` (design §3 "Odeon APMs"). */
export function offersApm(type: ApmType, order: OrderRecord, odeon: OdeonRuntime): boolean {
  if (order.kind === 'payment' ? !type.link : !type.payout) return false;
  if (type.sandboxOnly && !odeon.config.sandbox) return false;
  if (type.currency !== null && (!isCurrency(type.currency) || type.currency !== order.currency))
    return false;
  return type.country === null || type.country === order.country;
}

/** A link payment: the shopper goes to Odeon's page for the type and comes back to `/return/odeon/…`. */
async function linkPayment(
  ctx: OdeonContext,
  tx: TransactionRecord,
  type: ApmType,
  fields: ShopperFields | undefined,
): Promise<NextAction> {
  const values = apmFieldValues(type, 'payment', fields);
  const odeon = ctx.provider;
  const { order } = ctx;
  let url: string;
  let odeonLinkId: number;
  try {
    const answer = await odeon.client.paymentLink({
      amountMinor: order.amountMinor,
      currency: order.currency,
      description: order.description,
      invoiceId: tx.id,
      accountId: order.customer.email,
      ip: ctx.ip,
      ...returnUrls(odeon, tx.id),
      data: { ...payerData(ctx), ...values, paymentTypeId: type.typeId },
    });
    url = answer.link.action;
    odeonLinkId = answer.model.transactionId;
  } catch (error) {
    const kind = (error as { kind?: string }).kind;
    ctx.log.warn('odeon APM payment link failed', { transactionId: tx.id, kind, paymentTypeId: type.typeId });
    if (error instanceof OdeonError && kind === 'declined') {
      await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined' }, 'start');
      return { type: 'done', status: 'failed', reasonCode: 'declined' };
    }
    // Nothing can be paid without the link: the attempt ends and the shopper may try again.
    await ctx.orders.abandon(tx.id, 'provider unavailable');
    throw providerHttpError(error);
  }
  // Odeon's id of the link is kept for support only: the attempt is confirmed by its invoice (the
  // shopper may be declined and try again on Odeon's page under the same invoice).
  return waitFor(
    ctx,
    tx,
    { type: 'redirect', url },
    { flow: 'apm', paymentTypeId: type.typeId, odeonLinkTransactionId: odeonLinkId },
  );
}

/** The method of one catalogue row. */
export function apmMethod(type: ApmType): ServerMethod<OdeonRuntime> {
  const kinds: OrderKind[] = [];
  if (type.link) kinds.push('payment');
  if (type.payout) kinds.push('payout');
  return defineMethod<OdeonRuntime>({
    id: apmMethodId(type.typeId),
    label: type.label,
    icon: type.icon,
    provider: 'odeon',
    flow: 'server',
    kinds,
    fields(order, odeon) {
      if (!offersApm(type, order, odeon)) return null;
      return [...apmFields(type, order.kind)];
    },
    // Before anything is recorded: a refused start leaves no attempt and never holds the payout claim.
    async checkStart(ctx, fields) {
      apmFieldValues(type, ctx.order.kind, fields);
    },
    start(ctx, tx, fields) {
      return ctx.order.kind === 'payout'
        ? sendApmPayout(ctx, tx, type, fields)
        : linkPayment(ctx, tx, type, fields);
    },
    async complete(ctx, tx) {
      // Only Odeon's word settles an APM attempt (design §3: the browser's is never trusted).
      return (await completeWithOdeon(ctx, tx)).done ?? { type: 'done', status: 'pending' };
    },
    ...(type.link ? { refund: refundApmPayment } : {}),
  });
}

/** Every catalogue row's method, in the catalogue's order. */
export const odeonApmMethods: readonly ServerMethod<OdeonRuntime>[] = APM_CATALOGUE.map(apmMethod);
