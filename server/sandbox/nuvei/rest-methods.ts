/**
 * The emulated Nuvei REST methods. Each receives a body whose merchant ids, timeStamp and checksum
 * were already checked, and answers a Nuvei-shaped object (HTTP 200 for SUCCESS and ERROR alike).
 */
import { randomUUID } from 'node:crypto';
import type { ChecksumMethod } from '../../providers/nuvei/signing.ts';
import { failure, INVALID_REQUEST, success } from './answers.ts';
import { expireDueApms, prepareApmPayment } from './apm.ts';
import type { SandboxContext } from './context.ts';
import type { SessionRow, TransactionRow } from './db.ts';
import { PAYOUT_METHODS } from './payout-methods.ts';
import { resolveSession } from './sessions.ts';
import { paymentOptionAnswer, returnUrlsJson } from './transaction.ts';
import { checkMoney, PaymentParams } from './validate.ts';

type Body = Record<string, unknown>;
type Answer = Record<string, unknown>;

/** An emulated REST method and the checksum field list its requests are verified with (null: none). */
export interface RestMethod {
  checksum: ChecksumMethod | null;
  handle(ctx: SandboxContext, body: Body): Promise<Answer>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const urlDetails = (body: Body) =>
  body.urlDetails !== null && typeof body.urlDetails === 'object' ? (body.urlDetails as Body) : {};

async function newSession(ctx: SandboxContext, fields: Partial<SessionRow>): Promise<SessionRow> {
  const row: SessionRow = {
    token: randomUUID(),
    kind: 'session' as const,
    issuedAt: ctx.clock.now(),
    orderId: null,
    clientUniqueId: null,
    amount: null,
    currency: null,
    userTokenId: null,
    notificationUrl: null,
    productId: null,
    urlDetails: null,
    ...fields,
  };
  await ctx.sbx.insertSession(row);
  return row;
}

/**
 * The `/getPaymentStatus` view of a transaction; the redirect (voucher or paysafecard page) is given
 * while it is open. A declined APM's own reason (e.g. "User Cancelation") is `paymentMethodErrorReason`.
 */
export function statusAnswer(tx: TransactionRow): Answer {
  const declined = tx.status === 'DECLINED';
  return {
    transactionStatus: tx.status,
    transactionId: tx.id,
    clientUniqueId: tx.clientUniqueId,
    orderId: tx.orderId,
    userTokenId: tx.userTokenId,
    amount: tx.amount,
    currency: tx.currency,
    transactionType: 'Sale',
    paymentMethod: tx.paymentMethod,
    gwErrorCode: declined ? -1 : 0,
    gwErrorReason: tx.reason ?? '',
    ...(declined && tx.reason ? { paymentMethodErrorReason: tx.reason } : {}),
    ...(tx.userPaymentOptionId ? { userPaymentOptionId: tx.userPaymentOptionId } : {}),
    ...paymentOptionAnswer(tx),
  };
}

async function payment(ctx: SandboxContext, body: Body): Promise<Answer> {
  const found = await resolveSession(ctx.sbx, ctx.clock, body.sessionToken);
  if ('refusal' in found) return failure(ctx, body.clientRequestId, found.refusal);
  const params = PaymentParams.safeParse(body);
  if (!params.success) {
    return failure(ctx, body.clientRequestId, { errCode: INVALID_REQUEST, reason: 'Invalid paymentOption' });
  }
  const prepared = prepareApmPayment(found.session, params.data, {
    ...body,
    notificationUrl: urlDetails(body).notificationUrl,
  });
  if ('refusal' in prepared) return failure(ctx, body.clientRequestId, prepared.refusal);
  const tx = await prepared.handler.start(ctx, prepared.payment);
  return success(ctx, body.clientRequestId, {
    orderId: tx.orderId,
    userTokenId: tx.userTokenId,
    transactionStatus: tx.status,
    transactionId: tx.id,
    clientUniqueId: tx.clientUniqueId,
    sessionToken: found.session.token,
    ...paymentOptionAnswer(tx),
  });
}

/** The REST methods the emulator answers (payouts: createUser, addUPOAPM, payout in payout-methods.ts). */
export const REST_METHODS: Readonly<Record<string, RestMethod>> = {
  getSessionToken: {
    checksum: 'getSessionToken',
    handle: async (ctx, body) =>
      success(ctx, body.clientRequestId, { sessionToken: (await newSession(ctx, {})).token }),
  },
  openOrder: {
    checksum: 'openOrder',
    async handle(ctx, body) {
      const money = checkMoney(body.amount, body.currency);
      if ('errCode' in money) return failure(ctx, body.clientRequestId, money);
      const session = await newSession(ctx, {
        kind: 'order',
        orderId: String(await ctx.sbx.nextId('order', 350000001)),
        clientUniqueId: text(body.clientUniqueId),
        ...money,
        userTokenId: text(body.userTokenId),
        notificationUrl: text(urlDetails(body).notificationUrl),
        productId: text(body.productId),
        urlDetails: returnUrlsJson(body.urlDetails),
      });
      return success(ctx, body.clientRequestId, {
        sessionToken: session.token,
        orderId: session.orderId,
        clientUniqueId: session.clientUniqueId,
        userTokenId: session.userTokenId,
      });
    },
  },
  payment: { checksum: 'payment', handle: payment },
  getPaymentStatus: {
    checksum: null,
    async handle(ctx, body) {
      const found = await resolveSession(ctx.sbx, ctx.clock, body.sessionToken);
      if ('refusal' in found) return failure(ctx, undefined, found.refusal);
      await expireDueApms(ctx); // a page whose window ran out answers DECLINED, not REDIRECT
      const tx = await ctx.sbx.latestTransaction(found.session.token);
      // errCode for a session without a payment is the emulator's choice; our sources do not list one.
      if (!tx)
        return failure(ctx, undefined, {
          errCode: 1140,
          reason: 'A payment was not performed during this session',
        });
      return success(ctx, undefined, { ...statusAnswer(tx), sessionToken: found.session.token });
    },
  },
  ...PAYOUT_METHODS,
};
