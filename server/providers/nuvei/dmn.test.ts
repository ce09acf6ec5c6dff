import { describe, expect, it } from 'vitest';
import { dmnOutcome, parseDmn, paymentStatusOutcome } from './dmn.ts';
import { SEED_DMN_APPROVED, SEED_DMN_DECLINED, seedDmnParams } from './seed-dmns.fixture.ts';
import { dmnChecksum, verifyDmn } from './signing.ts';

describe('parseDmn with the seed examples', () => {
  it('parses the APPROVED paysafecard DMN once ¤cy is repaired to &currency', () => {
    const parsed = parseDmn(seedDmnParams(SEED_DMN_APPROVED));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    const dmn = parsed.data;
    expect(dmn).toMatchObject({
      Status: 'APPROVED',
      ppp_status: 'OK',
      PPP_TransactionID: '372039178',
      TransactionID: '711000000024225758',
      merchant_unique_id: 'd787a78c-0188-1000-b9e3-83615b01c632',
      kassaTransactionId: 'd787a78c-0188-1000-b9e3-83615b01c632',
      totalAmount: '10.00',
      amountMinor: 1000,
      currency: 'EUR',
      responseTimeStamp: '2023-06-20.06:40:38',
      productId: 'deposit',
      payment_method: 'apmgw_PaySafeCard',
      transactionType: 'Sale',
      type: 'DEPOSIT',
      user_token_id: '3984',
      userPaymentOptionId: '91654598',
    });
    // Fields Kassa does not model pass through (lenient parsing).
    expect((dmn as Record<string, unknown>).acquirerBank).toBe('PaySafeCard-PI');
    expect(dmnOutcome(dmn)).toEqual({ status: 'succeeded', reasonCode: 'approved' });
  });

  it('parses the DECLINED DMN (MD5-length checksum) and maps "User Cancelation" to cancelled', () => {
    const parsed = parseDmn(seedDmnParams(SEED_DMN_DECLINED));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.advanceResponseChecksum).toMatch(/^[0-9a-f]{32}$/);
    expect(parsed.data.errApmDescription).toBe('User Cancelation');
    expect(parsed.data.currency).toBe('EUR');
    expect(dmnOutcome(parsed.data)).toEqual({ status: 'failed', reasonCode: 'cancelled' });
  });

  it('fails to parse the seed string as copied, because the mangled currency is missing', () => {
    const raw = Object.fromEntries(new URLSearchParams(SEED_DMN_APPROVED));
    const parsed = parseDmn(raw);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues.map((issue) => issue.path.join('.'))).toContain('currency');
  });

  it('verifies a DMN signed like the seed with a known secret', () => {
    const params = seedDmnParams(SEED_DMN_APPROVED);
    params.advanceResponseChecksum = dmnChecksum(params, 'SECRET', 'sha256');
    expect(verifyDmn(params, 'SECRET', 'sha256')).toBe(true);
    expect(verifyDmn({ ...params, Status: 'DECLINED' }, 'SECRET', 'sha256')).toBe(false);
  });
});

describe('dmnOutcome', () => {
  const base = { Reason: '', errApmDescription: '' };

  it('maps DECLINED and ERROR without a cancel reason to failed + declined', () => {
    expect(dmnOutcome({ ...base, Status: 'DECLINED', Reason: 'Insufficient funds' })).toEqual({
      status: 'failed',
      reasonCode: 'declined',
    });
    expect(dmnOutcome({ ...base, Status: 'ERROR' })).toEqual({ status: 'failed', reasonCode: 'declined' });
  });

  it('treats a cancel reason as cancelled, whatever the case', () => {
    expect(dmnOutcome({ ...base, Status: 'declined', Reason: 'Cancelled by user' })).toEqual({
      status: 'failed',
      reasonCode: 'cancelled',
    });
  });

  it('keeps PENDING and unknown statuses pending', () => {
    expect(dmnOutcome({ ...base, Status: 'PENDING' })).toEqual({ status: 'pending', reasonCode: 'pending' });
    expect(dmnOutcome({ ...base, Status: 'UPDATE' })).toEqual({ status: 'pending', reasonCode: 'pending' });
  });
});

describe('paymentStatusOutcome', () => {
  it('tells a cancel on the APM page apart from a decline in a /getPaymentStatus answer', () => {
    const cancelled = {
      transactionStatus: 'DECLINED',
      gwErrorReason: '',
      paymentMethodErrorReason: 'User Cancelation',
    };
    expect(paymentStatusOutcome(cancelled)).toEqual({ status: 'failed', reasonCode: 'cancelled' });
    expect(
      paymentStatusOutcome({ transactionStatus: 'DECLINED', gwErrorReason: 'User Cancelation' }),
    ).toEqual({
      status: 'failed',
      reasonCode: 'cancelled',
    });
    expect(paymentStatusOutcome({ transactionStatus: 'DECLINED', gwErrorReason: 'PIN declined' })).toEqual({
      status: 'failed',
      reasonCode: 'declined',
    });
  });

  it('maps APPROVED to succeeded and REDIRECT, PENDING or a missing status to pending', () => {
    expect(paymentStatusOutcome({ transactionStatus: 'APPROVED' }).status).toBe('succeeded');
    expect(paymentStatusOutcome({ transactionStatus: 'REDIRECT' }).status).toBe('pending');
    expect(paymentStatusOutcome({}).status).toBe('pending');
  });
});
