import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dmnOutcome, parseDmn } from '../../providers/nuvei/dmn.ts';
import { NuveiError } from '../../providers/nuvei/errors.ts';
import { bodyChecksum, nuveiTimestamp, verifyDmn } from '../../providers/nuvei/signing.ts';
import { createPayoutStore } from './payout-store.ts';
import { API_URL, CREDENTIALS, createHarness, type Harness, NOTIFY_URL, START_MS } from './test-harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TS = nuveiTimestamp(START_MS);
const { merchantId, merchantSiteId, secretKey } = CREDENTIALS;

async function call(method: string, body: Record<string, unknown>) {
  const response = await h.fetch(`${API_URL}${method}.do`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** A request body signed with the method's field list (the client's order, signing.ts). */
function signed(method: 'createUser' | 'addUPOAPM' | 'payout', fields: Record<string, unknown>) {
  const body: Record<string, unknown> = {
    merchantId,
    merchantSiteId,
    clientRequestId: 'req-1',
    ...fields,
    timeStamp: TS,
  };
  body.checksum = bodyChecksum(method, body, secretKey, 'sha256');
  return body;
}

const USER = {
  userTokenId: 'cust_1',
  firstName: 'John',
  lastName: 'Smith',
  email: 'john@example.com',
  countryCode: 'AT',
};
const APM_DATA = {
  account_id: '2233678',
  wd_pay_safe_first_name: 'John',
  wd_pay_safe_last_name: 'Smith',
  wd_pay_safe_birthdate: '1995-11-15',
};
const upoBody = (apmData: Record<string, unknown> = APM_DATA, extra: Record<string, unknown> = {}) => ({
  userTokenId: 'cust_1',
  paymentMethodName: 'apmgw_PaySafeCard',
  apmData,
  billingAddress: { email: 'john@example.com' },
  ...extra,
});

/** Registers cust_1 and a UPO for `account` through the real client; answers the UPO id. */
async function registered(account = '2233678') {
  await h.client.createUser(USER);
  const upo = await h.client.addUPOAPM(upoBody({ ...APM_DATA, account_id: account }) as never);
  return String(upo.userPaymentOptionId);
}

const payoutInput = (upo: string, clientUniqueId = 'tx_out') => ({
  userTokenId: 'cust_1',
  clientUniqueId,
  amountMinor: 1050,
  currency: 'EUR',
  userPaymentOptionId: upo,
  notificationUrl: NOTIFY_URL,
});

describe('payout emulator: /createUser', () => {
  it('verifies the checksum over its field list in order (userTokenId before clientRequestId)', async () => {
    h = await createHarness();
    const body = { merchantId, merchantSiteId, clientRequestId: 'r', ...USER, timeStamp: TS };
    const order = `${merchantId}${merchantSiteId}cust_1rJohnSmithATjohn@example.com${TS}`;
    const answer = await call('createUser', { ...body, checksum: sha256(order + secretKey) });
    expect(answer).toMatchObject({
      status: 'SUCCESS',
      errCode: 0,
      userId: expect.any(Number),
      clientRequestId: 'r',
    });
    const swapped = `${merchantId}${merchantSiteId}rcust_1JohnSmithATjohn@example.com${TS}`;
    const wrong = await call('createUser', {
      ...body,
      userTokenId: 'cust_2',
      checksum: sha256(swapped + secretKey),
    });
    expect(wrong).toMatchObject({ status: 'ERROR', errCode: 1001 });
  });

  it('refuses a second registration with a reason that says the user exists', async () => {
    h = await createHarness();
    await h.client.createUser(USER);
    const again = h.client.createUser(USER);
    await expect(again).rejects.toBeInstanceOf(NuveiError);
    await expect(again).rejects.toMatchObject({
      kind: 'rejected',
      errCode: 1110,
      reason: expect.stringMatching(/exist/i),
    });
  });

  it('names missing or invalid fields', async () => {
    h = await createHarness();
    const answer = await call(
      'createUser',
      signed('createUser', { userTokenId: 'u', firstName: 'J', countryCode: 'at' }),
    );
    expect(answer).toMatchObject({ status: 'ERROR', errCode: 1000 });
    expect(answer.reason).toBe('Missing or invalid parameters: lastName, email, countryCode');
  });
});

describe('payout emulator: /addUPOAPM', () => {
  it('verifies the checksum with apmData and billingAddress values joined in their order', async () => {
    h = await createHarness();
    await h.client.createUser(USER);
    const body = { merchantId, merchantSiteId, clientRequestId: 'r', ...upoBody(), timeStamp: TS };
    const joined = `${merchantId}${merchantSiteId}cust_1rapmgw_PaySafeCard2233678JohnSmith1995-11-15john@example.com${TS}`;
    const answer = await call('addUPOAPM', { ...body, checksum: sha256(joined + secretKey) });
    expect(answer).toMatchObject({ status: 'SUCCESS', userPaymentOptionId: expect.any(Number) });
    // Values are joined in the body's own key order: apmData with first name before account id
    // is signed as "John2233678…", and that signature does not fit the original order.
    const swapped = sha256(joined.replace('2233678John', 'John2233678') + secretKey);
    const reordered = {
      ...body,
      apmData: {
        wd_pay_safe_first_name: 'John',
        account_id: '2233678',
        wd_pay_safe_last_name: 'Smith',
        wd_pay_safe_birthdate: '1995-11-15',
      },
    };
    expect(await call('addUPOAPM', { ...reordered, checksum: swapped })).toMatchObject({ status: 'SUCCESS' });
    expect(await call('addUPOAPM', { ...body, checksum: swapped })).toMatchObject({
      status: 'ERROR',
      errCode: 1001,
    });
  });

  it('refuses an unknown user, and names missing apmData fields and billingAddress.email', async () => {
    h = await createHarness();
    expect(await call('addUPOAPM', signed('addUPOAPM', upoBody()))).toMatchObject({
      status: 'ERROR',
      errCode: 1111,
    });
    await h.client.createUser(USER);
    const missing = await call(
      'addUPOAPM',
      signed(
        'addUPOAPM',
        upoBody({ account_id: '1', wd_pay_safe_birthdate: '15/11/1995' }, { billingAddress: {} }),
      ),
    );
    expect(missing).toMatchObject({ status: 'ERROR', errCode: 1000 });
    expect(missing.reason).toBe(
      'Missing or invalid parameters: apmData.wd_pay_safe_first_name, apmData.wd_pay_safe_last_name, ' +
        'apmData.wd_pay_safe_birthdate, billingAddress.email',
    );
    const other = await call(
      'addUPOAPM',
      signed('addUPOAPM', upoBody(APM_DATA, { paymentMethodName: 'apmgw_OKTO_CASH' })),
    );
    expect(other).toMatchObject({ status: 'ERROR', errCode: 1068 });
  });

  it('stores each registration as a new UPO of that user, without the date of birth', async () => {
    h = await createHarness();
    const first = await registered();
    const second = String((await h.client.addUPOAPM(upoBody() as never)).userPaymentOptionId);
    expect(second).not.toBe(first);
    const upos = await createPayoutStore(h.store).upos('cust_1');
    expect(upos.map((u) => u.id)).toEqual([first, second]);
    expect(JSON.stringify(upos)).not.toContain('1995-11-15');
  });
});

describe('payout emulator: /payout', () => {
  it('pays out to the UPO, answers APPROVED and sends a Credit/WITHDRAWAL DMN a moment later', async () => {
    h = await createHarness();
    const upo = await registered();
    const answer = await h.client.payout(payoutInput(upo));
    expect(answer).toMatchObject({
      status: 'SUCCESS',
      transactionStatus: 'APPROVED',
      userPaymentOptionId: upo,
    });
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(0); // processed after the answer
    h.clock.advance(2000);
    await h.sandbox.flushDmns();
    const dmn = h.dmns[0] ?? {};
    expect(verifyDmn(dmn, secretKey, 'sha256')).toBe(true);
    expect(dmn).toMatchObject({
      Status: 'APPROVED',
      transactionType: 'Credit',
      type: 'WITHDRAWAL',
      merchant_unique_id: 'tx_out',
      totalAmount: '10.50',
      currency: 'EUR',
      TransactionID: String(answer.transactionId),
      payment_method: 'apmgw_PaySafeCard',
      userPaymentOptionId: upo,
      user_token_id: 'cust_1',
    });
    const parsed = parseDmn(dmn);
    expect(parsed.success && parsed.data.amountMinor).toBe(1050);
    expect(parsed.success && dmnOutcome(parsed.data)).toEqual({
      status: 'succeeded',
      reasonCode: 'approved',
    });
    expect(await createPayoutStore(h.store).payoutsFor('tx_out')).toHaveLength(1);
  });

  it('declines payouts to account 9999999, in the answer and the DMN', async () => {
    h = await createHarness();
    const upo = await registered('9999999');
    const answer = await h.client.payout(payoutInput(upo));
    expect(answer).toMatchObject({ status: 'SUCCESS', transactionStatus: 'DECLINED', gwErrorCode: -1 });
    h.clock.advance(2000);
    await h.sandbox.flushDmns();
    expect(h.dmns[0]).toMatchObject({ Status: 'DECLINED', ppp_status: 'FAIL', type: 'WITHDRAWAL' });
  });

  it('verifies the checksum with amount and currency after clientRequestId', async () => {
    h = await createHarness();
    const upo = await registered();
    const fields = {
      userTokenId: 'cust_1',
      clientUniqueId: 'tx_x',
      amount: '5.00',
      currency: 'EUR',
      userPaymentOption: { userPaymentOptionId: upo },
    };
    const body = { merchantId, merchantSiteId, clientRequestId: 'r', ...fields, timeStamp: TS };
    const checksum = sha256(`${merchantId}${merchantSiteId}r5.00EUR${TS}${secretKey}`);
    const good = await call('payout', { ...body, checksum });
    expect(good).toMatchObject({ status: 'SUCCESS', transactionStatus: 'APPROVED' });
    const bad = await call('payout', { ...body, amount: '6.00', checksum });
    expect(bad).toMatchObject({ status: 'ERROR', errCode: 1001 });
  });

  it('refuses an unknown user, an unknown or another user’s UPO, missing fields and a bad amount', async () => {
    h = await createHarness();
    const upo = await registered();
    await h.client.createUser({ ...USER, userTokenId: 'cust_2' });
    const refusals = [
      [{ ...payoutInput(upo), userTokenId: 'nobody' }, 1111],
      [payoutInput('999'), 1112],
      [{ ...payoutInput(upo), userTokenId: 'cust_2' }, 1112],
    ] as const;
    for (const [input, errCode] of refusals) {
      await expect(h.client.payout(input)).rejects.toMatchObject({ kind: 'rejected', errCode });
    }
    const missing = await call('payout', signed('payout', { amount: '1.00', currency: 'EUR' }));
    expect(missing.reason).toBe(
      'Missing or invalid parameters: userTokenId, clientUniqueId, userPaymentOption.userPaymentOptionId',
    );
    const amount = await call(
      'payout',
      signed('payout', {
        userTokenId: 'cust_1',
        clientUniqueId: 't',
        amount: '1.001',
        currency: 'EUR',
        userPaymentOption: { userPaymentOptionId: upo },
      }),
    );
    expect(amount).toMatchObject({ errCode: 1040 });
    expect(await createPayoutStore(h.store).payouts()).toHaveLength(0);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(0);
  });
});
