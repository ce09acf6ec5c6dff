/**
 * The emulator's answers in the seed's shapes (seed "Payment", "Post 3-D Secure", "Status", "Status
 * Invoice", "Payout via token", "Payout to card", "List"): `success`, `message` and a `model`,
 * `threeDsModel`, `threeDsRedirectModel` or `transactions`; amounts written as JSON numbers digit for
 * digit (`stringifyJson`), never through a double.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type JsonValue, stringifyJson } from '../../providers/odeon/json.ts';
import { jsonAmount } from './amount.ts';
import { DECLINES } from './cards.ts';
import type { OdeonContext } from './context.ts';
import { FINAL_STATUSES, type OdeonTx, OPERATION, STATUS } from './db.ts';

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
    amount: jsonAmount(tx.amountMinor, tx.currency),
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

/** A payout as `model` of the payout answers (seed "Payout via token", "Payout to card"). */
export function payoutModel(tx: OdeonTx) {
  return {
    transactionId: tx.transactionId,
    amount: jsonAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    invoiceId: tx.invoiceId,
    accountId: tx.accountId,
    name: tx.name,
    statusCode: STATUS[tx.status],
    status: tx.status,
    reasonCode: tx.reasonCode,
    reason: tx.reason,
  };
}

/** A transaction as `model` of status and in `transactions` of status/invoice (seed "Status"). */
export function statusModel(tx: OdeonTx) {
  return { ...payoutModel(tx), operationTypeCode: OPERATION[tx.operation], operationType: tx.operation };
}

/** A transaction in `/payments/list` (seed "List": its own names `id`, `statusId`, `created`…). */
export function listItem(tx: OdeonTx) {
  const card = tx.card ?? tx.toCard;
  return {
    id: tx.transactionId,
    statusId: STATUS[tx.status],
    status: tx.status,
    currency: tx.currency,
    amount: jsonAmount(tx.amountMinor, tx.currency),
    description: tx.description,
    invoiceId: tx.invoiceId,
    accountId: tx.accountId,
    created: tx.createdAt,
    operationTypeId: OPERATION[tx.operation],
    operationType: tx.operation,
    reasonId: tx.reasonCode,
    reason: tx.reason,
    cardType: card?.cardType ?? null,
    cardFirstSix: card?.firstSix ?? null,
    cardLastFour: card?.lastFour ?? null,
    // The time the final status was reached (rows kept before completedAt existed: their last change).
    completed: FINAL_STATUSES.includes(tx.status) ? (tx.completedAt ?? tx.updatedAt) : null,
    paymentTransactionId: tx.paymentTransactionId,
  };
}

/** Minor units as a JSON number of any sign, zero included (balances: `0.00`, `-12.30`). */
export const signedAmount = (minor: number, currency: string) => jsonAmount(minor, currency);

const declineMessage = (tx: OdeonTx) =>
  Object.values(DECLINES).find((d) => d.reasonCode === tx.reasonCode)?.message ?? tx.reason ?? 'Declined';

/** The answer to a payout: the payout, `success` false with the decline's message when declined. */
export function payoutAnswer(tx: OdeonTx) {
  const declined = tx.status === 'Declined';
  return { success: !declined, message: declined ? declineMessage(tx) : null, model: payoutModel(tx) };
}

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

/**
 * The seed's Link answer (seed "Link", "Checkout"): the Created payment without its token and name,
 * and where its page is (`pay/<id>` for cards, `apm/<id>` for an APM type).
 */
export function linkAnswer(ctx: OdeonContext, tx: OdeonTx, path: string) {
  const { token: _token, name: _name, ...model } = paymentModel(tx);
  return {
    body: {
      success: true,
      message: null,
      model: { ...model, statusCode: STATUS.Created },
      link: { method: 'get', action: `${ctx.base}/${path}` },
    },
  };
}
