/**
 * paysafecard payouts (seed nuvei-paysafecard.txt, "Payout (Withdrawal) Flow"): register the user
 * once (/createUser), store the account as a UPO once (/addUPOAPM), then /payout exactly once.
 */
import { createHash } from 'node:crypto';
import type { NextAction, ShopperFields } from '../../../../src/contract/schemas.ts';
import { HttpError, validationError } from '../../../http-error.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import { providerHttpError } from '../../http-error.ts';
import { nuveiAccounts } from '../accounts.ts';
import { NuveiError } from '../errors.ts';
import type { NuveiContext } from '../gateway.ts';

const PAYMENT_METHOD = 'apmgw_PaySafeCard';

const accountHash = (account: string) => createHash('sha256').update(account).digest('hex');

function required(fields: ShopperFields) {
  const { account, firstName, lastName, dateOfBirth, email } = fields;
  const missing = Object.entries({ account, firstName, lastName, dateOfBirth, email }).filter(
    ([, value]) => !value,
  );
  if (missing.length > 0)
    throw validationError(missing.map(([name]) => ({ path: `fields.${name}`, message: 'is required' })));
  return {
    account: account!,
    firstName: firstName!,
    lastName: lastName!,
    dateOfBirth: dateOfBirth!,
    email: email!,
  };
}

/** Fails the attempt and turns a provider error into the widget's error (nothing was sent). */
async function failBeforePayout(
  ctx: NuveiContext,
  tx: TransactionRecord,
  error: unknown,
  step: string,
): Promise<never> {
  ctx.log.warn(`nuvei ${step} failed`, { transactionId: tx.id, kind: (error as { kind?: string }).kind });
  const rejected = error instanceof NuveiError && error.kind === 'rejected';
  if (!rejected) {
    await ctx.orders.abandon(tx.id, 'provider unavailable');
    throw providerHttpError(error);
  }
  await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined' }, 'server');
  if (rejected)
    throw new HttpError(422, 'PROVIDER_REJECTED', 'The payout details were not accepted. Please check them.');
  throw providerHttpError(error);
}

async function ensureUser(
  ctx: NuveiContext,
  tx: TransactionRecord,
  person: ReturnType<typeof required>,
): Promise<void> {
  const userTokenId = ctx.order.customer.id;
  const accounts = nuveiAccounts(ctx.store);
  if (await accounts.isUser(userTokenId)) return;
  try {
    await ctx.provider.client.createUser({
      userTokenId,
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      countryCode: ctx.order.country,
    });
  } catch (error) {
    // A user registered before Kassa kept track is fine; anything else stops the payout.
    if (!(error instanceof NuveiError && /exist/i.test(error.reason ?? '')))
      await failBeforePayout(ctx, tx, error, 'createUser');
  }
  await accounts.addUser(userTokenId, ctx.clock.now());
}

async function ensureUpo(
  ctx: NuveiContext,
  tx: TransactionRecord,
  person: ReturnType<typeof required>,
): Promise<string> {
  const userTokenId = ctx.order.customer.id;
  const hash = accountHash(person.account);
  const accounts = nuveiAccounts(ctx.store);
  const stored = await accounts.findUpo(userTokenId, PAYMENT_METHOD, hash);
  if (stored) return stored;
  try {
    const answer = await ctx.provider.client.addUPOAPM({
      userTokenId,
      paymentMethodName: PAYMENT_METHOD,
      apmData: {
        account_id: person.account,
        wd_pay_safe_first_name: person.firstName,
        wd_pay_safe_last_name: person.lastName,
        wd_pay_safe_birthdate: person.dateOfBirth,
      },
      billingAddress: { email: person.email },
    });
    const upoId = String(answer.userPaymentOptionId);
    await accounts.addUpo(userTokenId, PAYMENT_METHOD, hash, upoId, ctx.clock.now());
    return upoId;
  } catch (error) {
    return failBeforePayout(ctx, tx, error, 'addUPOAPM');
  }
}

/** Sends the payout for `tx`; the order's payout claim (OrderService.beginPayout) makes it the only one. */
export async function sendPaysafecardPayout(
  ctx: NuveiContext,
  tx: TransactionRecord,
  fields: ShopperFields,
): Promise<NextAction> {
  // Read first: when Nuvei is not configured this is the 409 METHOD_UNAVAILABLE, before anything is sent.
  const nuvei = ctx.provider;
  const person = required(fields);
  await ensureUser(ctx, tx, person);
  const upoId = await ensureUpo(ctx, tx, person);
  // Written before the call: after a crash or timeout the payout counts as sent and waits for its DMN.
  await ctx.orders.saveTransaction(tx.id, { data: { payoutSent: true, userPaymentOptionId: upoId } });
  await ctx.orders.settle(tx.id, { status: 'pending' }, 'server');
  let answer: { transactionStatus: string; transactionId?: string | number | undefined };
  try {
    answer = await nuvei.client.payout({
      userTokenId: ctx.order.customer.id,
      clientUniqueId: tx.id,
      amountMinor: tx.amountMinor,
      currency: tx.currency,
      userPaymentOptionId: upoId,
      notificationUrl: nuvei.notificationUrl,
      ipAddress: ctx.ip,
    });
  } catch (error) {
    if (error instanceof NuveiError && error.kind === 'rejected') {
      await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined' }, 'payout');
      return { type: 'done', status: 'failed', reasonCode: 'declined' };
    }
    // Unknown whether Nuvei got it: never resend; the payout DMN settles it.
    ctx.log.warn('nuvei payout answer lost; waiting for the DMN', { transactionId: tx.id });
    return { type: 'done', status: 'pending' };
  }
  const status = answer.transactionStatus.toUpperCase();
  const reference =
    answer.transactionId === undefined ? {} : { providerTransactionId: String(answer.transactionId) };
  if (status === 'APPROVED') {
    await ctx.orders.settle(tx.id, { status: 'succeeded', ...reference }, 'payout');
    return { type: 'done', status: 'succeeded' };
  }
  if (status === 'DECLINED' || status === 'ERROR') {
    await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined', ...reference }, 'payout');
    return { type: 'done', status: 'failed', reasonCode: 'declined' };
  }
  await ctx.orders.saveTransaction(tx.id, reference);
  return { type: 'done', status: 'pending' };
}
