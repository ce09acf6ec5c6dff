import { afterEach, describe, expect, it } from 'vitest';
import { dmnOutcome, parseDmn } from '../../providers/nuvei/dmn.ts';
import { verifyDmn } from '../../providers/nuvei/signing.ts';
import {
  CREDENTIALS,
  createHarness,
  type Harness,
  oktoParams,
  openOrder,
  PUBLIC_URL,
  posPay,
  START_MS,
  sdkCreatePayment,
} from '../nuvei/test-harness.ts';

let h: Harness;
afterEach(async () => h?.close());

/** Opens an order, creates the OKTO payment through the Web SDK endpoint and answers its pay code. */
async function voucher(harness: Harness, clientUniqueId = 'tx_okto', amountMinor = 5000) {
  const token = await openOrder(harness, clientUniqueId, amountMinor, 'EUR');
  const result = await sdkCreatePayment(harness, token, oktoParams('GR'));
  const payCode = new URL(result.paymentOption?.redirectUrl ?? '').searchParams.get('payCode') ?? '';
  return { token, payCode, transactionId: String(result.transactionId) };
}

describe('OKTO POS simulator', () => {
  it('accepts cash for the copied pay code and delivers a correctly signed DMN', async () => {
    h = await createHarness();
    const { token, payCode, transactionId } = await voucher(h);
    const paid = await posPay(h, payCode);
    expect(paid).toEqual({
      status: 200,
      body: { status: 'paid', message: 'Cash accepted', transactionId, amount: '50.00', currency: 'EUR' },
    });
    expect(h.dmns).toHaveLength(0); // queued, sent by the sender
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
    const dmn = h.dmns[0] ?? {};
    expect(verifyDmn(dmn, CREDENTIALS.secretKey, 'sha256')).toBe(true);
    expect(dmn).toMatchObject({
      ppp_status: 'OK',
      Status: 'APPROVED',
      TransactionID: transactionId,
      merchant_unique_id: 'tx_okto',
      totalAmount: '50.00',
      currency: 'EUR',
      responseTimeStamp: '2025-01-15.10:00:00',
      productId: 'NA',
      payment_method: 'apmgw_OKTO_CASH',
      transactionType: 'Sale',
      type: 'DEPOSIT',
      user_token_id: 'cust_1',
      merchant_id: CREDENTIALS.merchantId,
      merchant_site_id: CREDENTIALS.merchantSiteId,
    });
    const parsed = parseDmn(dmn);
    expect(parsed.success && dmnOutcome(parsed.data)).toEqual({
      status: 'succeeded',
      reasonCode: 'approved',
    });
    // The session's status now says APPROVED and no longer offers the voucher page.
    const status = await h.client.getPaymentStatus(token);
    expect(status.transactionStatus).toBe('APPROVED');
    expect(status.paymentOption).toBeUndefined();
  });

  it('answers 409 when the same code is paid twice, and sends only one DMN', async () => {
    h = await createHarness();
    const { payCode } = await voucher(h);
    expect((await posPay(h, payCode)).status).toBe(200);
    const again = await posPay(h, payCode);
    expect(again).toMatchObject({ status: 409, body: { status: 'already_paid' } });
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
  });

  it('accepts the code with spaces and parentheses removed, or spaced out', async () => {
    h = await createHarness();
    const first = await voucher(h, 'tx_a');
    expect((await posPay(h, first.payCode.replace(/[()]/g, ''))).status).toBe(200);
    const second = await voucher(h, 'tx_b');
    expect((await posPay(h, second.payCode.replace(/\)/g, ') ').replace(/\(/g, ' ('))).status).toBe(200);
  });

  it('answers 404 for an unknown code and 400 without one', async () => {
    h = await createHarness();
    const { payCode } = await voucher(h);
    const unknown = payCode.replace(/\(8020\)\d+$/, '(8020)9999999999');
    expect(await posPay(h, unknown)).toMatchObject({ status: 404, body: { status: 'unknown' } });
    expect((await posPay(h, 'hello')).status).toBe(404);
    expect((await posPay(h, '')).status).toBe(400);
  });

  it('answers 410 once the order expired by the clock, and for cancelled or expired orders', async () => {
    h = await createHarness();
    h.orderExpiries.set('tx_late', new Date(START_MS + 3600_000).toISOString());
    const late = await voucher(h, 'tx_late');
    h.clock.advance(3600_000 + 1000);
    expect(await posPay(h, late.payCode)).toMatchObject({ status: 410, body: { status: 'expired' } });

    const cancelled = await voucher(h, 'tx_cancelled');
    h.orderStates.set('tx_cancelled', 'cancelled');
    expect(await posPay(h, cancelled.payCode)).toMatchObject({ status: 410, body: { status: 'cancelled' } });

    const expired = await voucher(h, 'tx_expired');
    h.orderStates.set('tx_expired', 'expired');
    expect(await posPay(h, expired.payCode)).toMatchObject({ status: 410, body: { status: 'expired' } });
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(0);
  });

  it('serves a CSP-safe POS page and answers a form post with an HTML page', async () => {
    h = await createHarness();
    const pageHtml = await (await h.fetch(`${PUBLIC_URL}/sandbox/okto/pos`)).text();
    expect(pageHtml).toContain('<form method="post" action="/sandbox/okto/pos/pay">');
    expect(pageHtml).toContain('<label for="payCode">Pay code</label>');
    expect(pageHtml).toContain('<button type="submit">Accept cash</button>');
    expect(pageHtml).not.toMatch(/<script|<style|style=|\son\w+=/i);

    const { payCode } = await voucher(h);
    const response = await h.fetch(`${PUBLIC_URL}/sandbox/okto/pos/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ payCode }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const result = await response.text();
    expect(result).toContain('Cash accepted');
    expect(result).toContain('50.00 EUR');
    expect(result).not.toMatch(/<script|style=/i);
  });

  it('shows the voucher page for a pay code, escaped, and 404 for an unknown one', async () => {
    h = await createHarness();
    const { payCode } = await voucher(h);
    const response = await h.fetch(
      `${PUBLIC_URL}/sandbox/okto/voucher?payCode=${encodeURIComponent(payCode)}`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(payCode);
    expect(html).toContain('50.00 EUR');
    expect(html).toContain('Waiting for cash');
    const missing = await h.fetch(`${PUBLIC_URL}/sandbox/okto/voucher?payCode=%3Cscript%3E`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<script>');
  });
});
