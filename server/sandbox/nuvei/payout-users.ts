/**
 * Payout registrations (paysafecard seed, "Payout (Withdrawal) Flow" steps 1 and 2): `/createUser`
 * registers a userTokenId, `/addUPOAPM` stores an APM account as a user payment option (UPO).
 */
import { NUVEI_ERR } from '../../providers/nuvei/errors.ts';
import { failure, INVALID_REQUEST, success } from './answers.ts';
import type { SandboxContext } from './context.ts';
import { createPayoutStore } from './payout-store.ts';
import type { Refusal } from './sessions.ts';
import { UPO_FIRST_ID } from './transaction.ts';
import { missingFields } from './validate.ts';

type Body = Record<string, unknown>;

/**
 * errCodes of the payout emulator's refusals. Our sources list none for these cases, so the numbers
 * are the sandbox's choice; the reasons are worded as Kassa reads them (a duplicate user's reason
 * contains "exist"; the others deliberately do not).
 */
export const PAYOUT_ERR = { userExists: 1110, unknownUser: 1111, invalidUpo: 1112 } as const;

export const USER_EXISTS: Refusal = {
  errCode: PAYOUT_ERR.userExists,
  reason: 'A user with this userTokenId already exists',
};
export const UNKNOWN_USER: Refusal = {
  errCode: PAYOUT_ERR.unknownUser,
  reason: 'Invalid userTokenId: no such user',
};

/** APMs that can take payouts in the emulator, with the apmData fields each requires (seed step 2). */
export const PAYOUT_APMS: Readonly<Record<string, readonly string[]>> = {
  apmgw_PaySafeCard: [
    'account_id',
    'wd_pay_safe_first_name',
    'wd_pay_safe_last_name',
    'wd_pay_safe_birthdate',
  ],
};

const CREATE_USER_FIELDS = ['userTokenId', 'firstName', 'lastName', 'email', 'countryCode'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A refusal naming the missing or invalid parameters (errCode 1000, as for payments). */
export function invalid(paths: readonly string[]): Refusal {
  return { errCode: INVALID_REQUEST, reason: `Missing or invalid parameters: ${paths.join(', ')}` };
}

function isIsoDate(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
  );
}

const nested = (body: Body, key: string): Body =>
  body[key] !== null && typeof body[key] === 'object' ? (body[key] as Body) : {};

/** `/createUser`: userTokenId, firstName, lastName, email and a 2-letter countryCode are required. */
export async function createUser(ctx: SandboxContext, body: Body) {
  const bad = missingFields(body, CREATE_USER_FIELDS);
  if (!bad.includes('email') && !EMAIL.test(String(body.email))) bad.push('email');
  if (!bad.includes('countryCode') && !/^[A-Z]{2}$/.test(String(body.countryCode))) bad.push('countryCode');
  if (bad.length > 0) return failure(ctx, body.clientRequestId, invalid(bad));
  const users = createPayoutStore(ctx.store);
  const userTokenId = String(body.userTokenId);
  if (await users.user(userTokenId)) return failure(ctx, body.clientRequestId, USER_EXISTS);
  const userId = String(await ctx.sbx.nextId('user', 78403498));
  // The insert itself refuses a userTokenId registered meanwhile (e.g. through another instance).
  const inserted = await users.insertUser({
    userTokenId,
    userId,
    firstName: String(body.firstName),
    lastName: String(body.lastName),
    email: String(body.email),
    countryCode: String(body.countryCode),
    createdAt: ctx.clock.now(),
  });
  if (!inserted) return failure(ctx, body.clientRequestId, USER_EXISTS);
  return success(ctx, body.clientRequestId, { userId: Number(userId) });
}

/** `/addUPOAPM`: a registered user, a payout APM, its apmData fields and `billingAddress.email`. */
export async function addUpoApm(ctx: SandboxContext, body: Body) {
  const bad = missingFields(body, ['userTokenId', 'paymentMethodName']);
  const method = String(body.paymentMethodName ?? '');
  const apmFields = Object.hasOwn(PAYOUT_APMS, method) ? (PAYOUT_APMS[method] ?? []) : [];
  const apmData = nested(body, 'apmData');
  bad.push(...missingFields(apmData, apmFields).map((field) => `apmData.${field}`));
  if (apmFields.includes('wd_pay_safe_birthdate') && !bad.includes('apmData.wd_pay_safe_birthdate')) {
    if (!isIsoDate(apmData.wd_pay_safe_birthdate)) bad.push('apmData.wd_pay_safe_birthdate');
  }
  const email = nested(body, 'billingAddress').email;
  if (typeof email !== 'string' || !EMAIL.test(email)) bad.push('billingAddress.email');
  if (bad.length > 0) return failure(ctx, body.clientRequestId, invalid(bad));
  if (apmFields.length === 0) {
    const refusal = { errCode: NUVEI_ERR.methodNotEnabled, reason: `Payouts are not enabled for: ${method}` };
    return failure(ctx, body.clientRequestId, refusal);
  }
  const users = createPayoutStore(ctx.store);
  const userTokenId = String(body.userTokenId);
  if (!(await users.user(userTokenId))) return failure(ctx, body.clientRequestId, UNKNOWN_USER);
  const id = String(await ctx.sbx.nextId('upo', UPO_FIRST_ID));
  await users.insertUpo({
    id,
    userTokenId,
    paymentMethod: method,
    accountId: String(apmData.account_id),
    firstName: String(apmData.wd_pay_safe_first_name),
    lastName: String(apmData.wd_pay_safe_last_name),
    email: String(email),
    createdAt: ctx.clock.now(),
  });
  return success(ctx, body.clientRequestId, { userPaymentOptionId: Number(id) });
}
