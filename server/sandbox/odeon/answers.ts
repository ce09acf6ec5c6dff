/**
 * The emulator's answers in the seed's shapes (seed "Payment", "Post 3-D Secure", "Status", "Status
 * Invoice"): `success`, `message` and a `model`, `threeDsModel` or `threeDsRedirectModel`; amounts
 * written as JSON numbers digit for digit (`stringifyJson`), never through a double.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { odeonAmount } from '../../providers/odeon/amounts.ts';
import { type JsonValue, stringifyJson } from '../../providers/odeon/json.ts';
import { DECLINES } from './cards.ts';
import type { OdeonContext } from './context.ts';
import { type OdeonTx, STATUS } from './db.ts';

/** A JSON answer written with `stringifyJson`. */
export function json(c: Context, body: JsonValue, status: ContentfulStatusCode = 200): Response {
  return c.body(stringifyJson(body), status, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** The seed's generic refusal: `success: false` and a message, no model (seed "API"). */
export const refusal = (message: string) => ({ success: false, message });

/** A transaction as `model` of charge, post3ds and link answers (seed "Payment"). */
export function paymentModel(tx: OdeonTx) {
  return {
    transactionId: tx.transactionId,
    amount: odeonAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    invoiceId: tx.invoiceId,
    accountId: tx.accountId,
    description: tx.description,
    name: tx.name,
    token: tx.token,
    statusCode: STATUS[tx.status],
    status: tx.status,
    reasonCode: tx.reasonCode,
    reason: tx.reason,
  };
}

/** A transaction as `model` of status and in `transactions` of status/invoice (seed "Status"). */
export function statusModel(tx: OdeonTx) {
  return {
    transactionId: tx.transactionId,
    amount: odeonAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    invoiceId: tx.invoiceId,
    accountId: tx.accountId,
    name: tx.name,
    statusCode: STATUS[tx.status],
    status: tx.status,
    reasonCode: tx.reasonCode,
    reason: tx.reason,
    operationTypeCode: 1,
    operationType: 'Payment',
  };
}

const declineMessage = (tx: OdeonTx) =>
  Object.values(DECLINES).find((d) => d.reasonCode === tx.reasonCode)?.message ?? tx.reason ?? 'Declined';

/** The answer to a charge (or post3ds, or a repeated post3ds): the result, or the 3-DS step. */
export function chargeAnswer(ctx: OdeonContext, tx: OdeonTx) {
  if (tx.status === 'AwaitingAuthentication' && tx.threeDs) {
    const common = { transactionId: tx.transactionId, statusCode: STATUS[tx.status], status: tx.status };
    if (tx.card?.scheme === 'redirect') {
      const url = `${ctx.base}/redirect/?link_reference=${tx.threeDs.reference}`;
      return {
        success: false,
        message: 'Requires 3DS authentication',
        threeDsRedirectModel: { url, ...common },
      };
    }
    return {
      success: false,
      message: 'Requires 3DS authentication',
      threeDsModel: {
        transactionId: tx.transactionId,
        method: 'post',
        paReq: tx.threeDs.paReq,
        acsUrl: `${ctx.base}/acs`,
        statusCode: common.statusCode,
        status: common.status,
      },
    };
  }
  const completed = tx.status === 'Completed';
  return {
    success: completed,
    message: completed ? null : declineMessage(tx),
    model: paymentModel(tx),
  };
}
