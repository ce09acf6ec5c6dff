import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bodyChecksum,
  CHECKSUM_FIELDS,
  dmnChecksum,
  dmnTimestamp,
  nuveiTimestamp,
  requestChecksum,
  verifyDmn,
} from './signing.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

// The advanceResponseChecksum example from Nuvei's DMN documentation (design brief, platform notes).
const SEED_DMN = {
  totalAmount: '115',
  currency: 'USD',
  responseTimeStamp: '2020-03-14.16:22:34',
  PPP_TransactionID: '3453459',
  Status: 'APPROVED',
  productId: 'NA',
};
const SEED_CHECKSUM = 'aaa9ad16c8ed9f172dff505e4eeb8929b9c77cfed3e38127d55d42e33a70c762';

describe('DMN checksum', () => {
  it('reproduces the documented example with the secret key first', () => {
    expect(dmnChecksum(SEED_DMN, 'THE_SECRET_KEY', 'sha256')).toBe(SEED_CHECKSUM);
  });

  it('verifies a correct checksum, in either hex case, and rejects a wrong or missing one', () => {
    const secret = 'THE_SECRET_KEY';
    expect(verifyDmn({ ...SEED_DMN, advanceResponseChecksum: SEED_CHECKSUM }, secret, 'sha256')).toBe(true);
    const upper = SEED_CHECKSUM.toUpperCase();
    expect(verifyDmn({ ...SEED_DMN, advanceResponseChecksum: upper }, secret, 'sha256')).toBe(true);
    expect(verifyDmn({ ...SEED_DMN, advanceResponseChecksum: SEED_CHECKSUM }, 'OTHER', 'sha256')).toBe(false);
    expect(
      verifyDmn(
        { ...SEED_DMN, totalAmount: '116', advanceResponseChecksum: SEED_CHECKSUM },
        secret,
        'sha256',
      ),
    ).toBe(false);
    expect(verifyDmn(SEED_DMN, secret, 'sha256')).toBe(false);
    expect(verifyDmn({ ...SEED_DMN, advanceResponseChecksum: 'abc' }, secret, 'sha256')).toBe(false);
  });

  it('uses MD5 when the site is configured for it (32 hex digits, as in the declined seed DMN)', () => {
    const expected = md5(`THE_SECRET_KEY115USD2020-03-14.16:22:343453459APPROVEDNA`);
    const checksum = dmnChecksum(SEED_DMN, 'THE_SECRET_KEY', 'md5');
    expect(checksum).toBe(expected);
    expect(checksum).toMatch(/^[0-9a-f]{32}$/);
    expect(verifyDmn({ ...SEED_DMN, advanceResponseChecksum: checksum }, 'THE_SECRET_KEY', 'md5')).toBe(true);
  });
});

describe('request checksum', () => {
  it('hashes the values in order, skips missing ones and appends the secret key last', () => {
    expect(requestChecksum(['a', undefined, 'b', ''], 'KEY', 'sha256')).toBe(sha256('abKEY'));
    expect(requestChecksum(['a', 'b'], 'KEY', 'md5')).toBe(md5('abKEY'));
  });

  it('takes the documented field order for getSessionToken, not the body order', () => {
    const body = {
      timeStamp: '20240102030405',
      clientRequestId: 'r1',
      merchantSiteId: '22',
      merchantId: '11',
    };
    expect(bodyChecksum('getSessionToken', body, 'S', 'sha256')).toBe(sha256('1122r120240102030405S'));
  });

  it('puts amount and currency between clientRequestId and timeStamp for openOrder, payment and payout', () => {
    const body = {
      merchantId: 'm',
      merchantSiteId: 's',
      clientRequestId: 'c',
      amount: '10.00',
      currency: 'EUR',
    };
    const withTime = { ...body, timeStamp: 't', userTokenId: 'ignored' };
    for (const method of ['openOrder', 'payment', 'payout'] as const) {
      expect(bodyChecksum(method, withTime, 'K', 'sha256')).toBe(sha256('msc10.00EURtK'));
    }
  });

  it('concatenates apmData and billingAddress values in their order for addUPOAPM', () => {
    const body = {
      merchantId: 'm',
      merchantSiteId: 's',
      userTokenId: 'u',
      clientRequestId: 'c',
      paymentMethodName: 'apmgw_PaySafeCard',
      apmData: { account_id: '2233678', wd_pay_safe_first_name: 'John', wd_pay_safe_last_name: 'Smith' },
      billingAddress: { email: 'john@example.com' },
      timeStamp: 't',
    };
    const expected = sha256('msucapmgw_PaySafeCard2233678JohnSmithjohn@example.comtK');
    expect(bodyChecksum('addUPOAPM', body, 'K', 'sha256')).toBe(expected);
  });

  it('lists createUser fields with userTokenId before clientRequestId', () => {
    expect(CHECKSUM_FIELDS.createUser.slice(0, 4)).toEqual([
      'merchantId',
      'merchantSiteId',
      'userTokenId',
      'clientRequestId',
    ]);
    const body = {
      merchantId: 'm',
      merchantSiteId: 's',
      userTokenId: 'u',
      clientRequestId: 'c',
      email: 'e',
      timeStamp: 't',
    };
    expect(bodyChecksum('createUser', body, 'K', 'sha256')).toBe(sha256('msucetK'));
  });
});

describe('timestamps', () => {
  const ms = Date.UTC(2020, 2, 14, 16, 22, 34, 999);

  it('formats request timeStamp as UTC YYYYMMDDHHmmss', () => {
    expect(nuveiTimestamp(ms)).toBe('20200314162234');
  });

  it('formats DMN responseTimeStamp as UTC YYYY-MM-DD.HH:mm:ss', () => {
    expect(dmnTimestamp(ms)).toBe('2020-03-14.16:22:34');
  });
});
