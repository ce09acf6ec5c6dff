/**
 * The payout REST methods: `/createUser`, `/addUPOAPM` (payout-users.ts) and `/payout` (platform-notes.md,
 * "/payout body"). Design §4: paysafecard account 9999999 is declined, any other is paid. Each payout
 * also sends a DMN.
 */
import { failure, success } from './answers.ts';
import type { SandboxContext } from './context.ts';
import { buildPaymentDmn } from './dmn-build.ts';
import { createPayoutStore, type PayoutRow, type UpoRow } from './payout-store.ts';
import { addUpoApm, createUser, invalid, PAYOUT_ERR, UNKNOWN_USER } from './payout-users.ts';
import type { RestMethod } from './rest-methods.ts';
import { checkMoney, missingFields } from './validate.ts';

type Body = Record<string, unknown>;

/** The sandbox paysafecard account whose payouts are declined (design §4). */
export const DECLINED_ACCOUNT = '9999999';
const DECLINE_REASON = 'Payout declined by paysafecard';
/** Payouts are processed after the answer: their DMN follows a moment later (clock time). */
export const PAYOUT_DMN_DELAY_MS = 2000;

const nested = (body: Body, key: string): Body =>
  body[key] !== null && typeof body[key] === 'object' ? (body[key] as Body) : {};
const idText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/**
 * The payout's DMN. The seed shows none, so it is modelled on the seed's payment DMN (same fields and
 * advanceResponseChecksum) with `transactionType=Credit` and `type=WITHDRAWAL`; `merchant_unique_id`
 * is the payout's `clientUniqueId`, `totalAmount`/`currency` its amount.
 */
function payoutDmn(ctx: SandboxContext, payout: PayoutRow, upo: UpoRow): string {
  const declined = payout.status === 'DECLINED';
  const subject = {
    id: payout.id,
    pppId: payout.pppId,
    status: payout.status,
    reason: declined ? DECLINE_REASON : null,
    clientUniqueId: payout.clientUniqueId,
    userTokenId: payout.userTokenId,
    productId: null,
    firstName: upo.firstName,
    lastName: upo.lastName,
    email: upo.email,
    currency: payout.currency,
    amount: payout.amount,
    paymentMethod: payout.paymentMethod,
    userPaymentOptionId: payout.upoId,
  };
  const details = { transactionType: 'Credit', type: 'WITHDRAWAL' } as const;
  return buildPaymentDmn(subject, ctx.credentials, ctx.clock.now(), {
    ...details,
    ...(declined ? { errApmDescription: DECLINE_REASON } : {}),
  });
}

/** `/payout` to a stored UPO of the same user: APPROVED, or DECLINED for the declined sandbox account. */
async function payout(ctx: SandboxContext, body: Body) {
  const upoId = idText(nested(body, 'userPaymentOption').userPaymentOptionId);
  const bad = missingFields(body, ['userTokenId', 'clientUniqueId']);
  if (!upoId) bad.push('userPaymentOption.userPaymentOptionId');
  if (bad.length > 0) return failure(ctx, body.clientRequestId, invalid(bad));
  const money = checkMoney(body.amount, body.currency);
  if ('errCode' in money) return failure(ctx, body.clientRequestId, money);
  const store = createPayoutStore(ctx.store);
  const userTokenId = String(body.userTokenId);
  if (!(await store.user(userTokenId))) return failure(ctx, body.clientRequestId, UNKNOWN_USER);
  const upo = await store.upo(upoId);
  if (!upo || upo.userTokenId !== userTokenId) {
    const refusal = { errCode: PAYOUT_ERR.invalidUpo, reason: 'Invalid userPaymentOptionId' };
    return failure(ctx, body.clientRequestId, refusal);
  }
  const notificationUrl = nested(body, 'urlDetails').notificationUrl;
  const row: PayoutRow = {
    id: `7110${String(await ctx.sbx.nextId('transaction', 1)).padStart(14, '0')}`,
    pppId: String(await ctx.sbx.nextId('ppp_transaction', 372000001)),
    clientUniqueId: String(body.clientUniqueId),
    userTokenId,
    upoId,
    paymentMethod: upo.paymentMethod,
    status: upo.accountId === DECLINED_ACCOUNT ? 'DECLINED' : 'APPROVED',
    ...money,
    notificationUrl: typeof notificationUrl === 'string' && notificationUrl !== '' ? notificationUrl : null,
    createdAt: ctx.clock.now(),
  };
  const { notificationUrl: dmnUrl } = row;
  await ctx.store.transaction(async () => {
    await store.insertPayout(row);
    if (dmnUrl) {
      await ctx.dmns.enqueue(row.id, dmnUrl, payoutDmn(ctx, row, upo), PAYOUT_DMN_DELAY_MS);
    } else {
      ctx.log.warn('sandbox nuvei: payout without notificationUrl, DMN not sent', { transactionId: row.id });
    }
  });
  if (dmnUrl) ctx.dmns.wake();
  ctx.log.info('sandbox nuvei payout', { transactionId: row.id, status: row.status });
  const declined = row.status === 'DECLINED';
  return success(ctx, body.clientRequestId, {
    transactionStatus: row.status,
    transactionId: row.id,
    clientUniqueId: row.clientUniqueId,
    userTokenId,
    userPaymentOptionId: Number(upoId),
    gwErrorCode: declined ? -1 : 0,
    gwErrorReason: declined ? DECLINE_REASON : '',
    ...(declined ? { paymentMethodErrorReason: DECLINE_REASON } : {}),
  });
}

/** The payout methods and the checksum field list each request is verified with (signing.ts). */
export const PAYOUT_METHODS: Readonly<Record<string, RestMethod>> = {
  createUser: { checksum: 'createUser', handle: createUser },
  addUPOAPM: { checksum: 'addUPOAPM', handle: addUpoApm },
  payout: { checksum: 'payout', handle: payout },
};
