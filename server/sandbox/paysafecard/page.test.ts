import { afterEach, describe, expect, it } from 'vitest';
import { dmnOutcome, parseDmn } from '../../providers/nuvei/dmn.ts';
import { verifyDmn } from '../../providers/nuvei/signing.ts';
import {
  CREDENTIALS,
  createHarness,
  type Harness,
  NOTIFY_URL,
  PUBLIC_URL,
  sdkCreatePayment,
} from '../nuvei/test-harness.ts';
import { normalisePin } from './page.ts';

let h: Harness;
afterEach(async () => h?.close());

const RETURN = `${PUBLIC_URL}/return/nuvei`;
const URLS = {
  successUrl: `${RETURN}/success?tx=tx_psc`,
  failureUrl: `${RETURN}/failure?tx=tx_psc`,
  pendingUrl: `${RETURN}/pending?tx=tx_psc`,
  backUrl: `${RETURN}/back?tx=tx_psc`,
};
const PERSON = { firstName: 'John', lastName: 'Smith', country: 'AT', email: 'john.smith@email.com' };
const PSC_PARAMS = {
  paymentOption: { alternativePaymentMethod: { paymentMethod: 'apmgw_PaySafeCard' } },
  deviceDetails: { ipAddress: '93.184.216.34' },
  billingAddress: PERSON,
  userDetails: PERSON,
};

/** Opens an order with return URLs and creates the paysafecard payment through the Web SDK endpoint. */
async function paysafecard(harness: Harness, urlDetails: Record<string, string> = URLS) {
  const { sessionToken } = await harness.client.openOrder({
    clientUniqueId: 'tx_psc',
    amountMinor: 1000,
    currency: 'EUR',
    userTokenId: 'cust_1',
    notificationUrl: NOTIFY_URL,
    urlDetails,
    billingAddress: { country: 'AT', email: PERSON.email },
  });
  const result = await sdkCreatePayment(harness, sessionToken, PSC_PARAMS);
  return { sessionToken, result, pageUrl: String(result.paymentOption?.redirectUrl ?? '') };
}

async function submit(harness: Harness, pageUrl: string, fields: Record<string, string>) {
  return harness.fetch(pageUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

describe('paysafecard deposit: createPayment', () => {
  it('answers REDIRECT with the page URL and a UPO, and getPaymentStatus says REDIRECT while open', async () => {
    h = await createHarness();
    const { sessionToken, result, pageUrl } = await paysafecard(h);
    expect(result).toMatchObject({
      result: 'REDIRECT',
      transactionStatus: 'REDIRECT',
      errCode: 0,
      clientUniqueId: 'tx_psc',
      paymentOption: { userPaymentOptionId: expect.stringMatching(/^\d+$/) },
    });
    expect(result.transactionId).toMatch(/^\d{18}$/);
    expect(pageUrl).toMatch(new RegExp(`^${PUBLIC_URL}/sandbox/paysafecard/pay\\?id=[0-9a-f-]{36}$`));
    const status = await h.client.getPaymentStatus(sessionToken);
    expect(status).toMatchObject({ transactionStatus: 'REDIRECT', paymentOption: { redirectUrl: pageUrl } });
  });

  it('answers a REST /payment the same way, with the urlDetails of the request', async () => {
    h = await createHarness();
    const answer = await h.client.payment({
      clientUniqueId: 'tx_rest',
      amountMinor: 2500,
      currency: 'EUR',
      userTokenId: 'cust_1',
      notificationUrl: NOTIFY_URL,
      paymentMethod: 'apmgw_PaySafeCard',
      ipAddress: '93.184.216.34',
      billingAddress: PERSON,
      userDetails: PERSON,
      urlDetails: { successUrl: URLS.successUrl, failureUrl: URLS.failureUrl },
    });
    expect(answer).toMatchObject({
      status: 'SUCCESS',
      transactionStatus: 'REDIRECT',
      clientUniqueId: 'tx_rest',
    });
    const pageUrl = String(answer.paymentOption?.redirectUrl);
    expect(answer.paymentOption?.userPaymentOptionId).toMatch(/^\d+$/);
    const paid = await submit(h, pageUrl, { pin: '0000009021001201', action: 'pay' });
    expect(paid.headers.get('Location')).toBe(URLS.successUrl);
  });

  it('refuses a payment without the seed’s billing and user details', async () => {
    h = await createHarness();
    const { sessionToken } = await h.client.openOrder({
      clientUniqueId: 'tx_x',
      amountMinor: 1000,
      currency: 'EUR',
      userTokenId: 'cust_1',
      notificationUrl: NOTIFY_URL,
    });
    const result = await sdkCreatePayment(h, sessionToken, {
      ...PSC_PARAMS,
      userDetails: { firstName: 'J' },
    });
    expect(result).toMatchObject({ result: 'ERROR', errCode: 1000 });
    expect(String(result.reason)).toContain('userDetails.lastName');
  });
});

describe('paysafecard page', () => {
  it('is plain, labelled HTML with a PIN field and Pay and Cancel buttons, under a strict CSP', async () => {
    h = await createHarness();
    const { pageUrl } = await paysafecard(h);
    const response = await h.fetch(pageUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'self'; base-uri 'none'");
    const html = await response.text();
    expect(html).toContain('<label for="pin">PIN</label>');
    expect(html).toMatch(/<input id="pin" name="pin"[^>]*aria-describedby="pin-hint"/);
    expect(html).toContain('<button type="submit" name="action" value="pay">Pay</button>');
    expect(html).toContain('<button type="submit" name="action" value="cancel">Cancel</button>');
    expect(html).toContain('10.00 EUR');
    expect(html).not.toMatch(/<script|<style|style=|\son\w+=|action=/i);
    expect((await h.fetch(`${PUBLIC_URL}/sandbox/paysafecard/pay?id=nope`)).status).toBe(404);
  });

  it('pays with the test PIN: APPROVED, a signed DMN with the UPO, 303 to successUrl', async () => {
    h = await createHarness();
    const { sessionToken, result, pageUrl } = await paysafecard(h);
    const paid = await submit(h, pageUrl, { pin: '0000 0090 2100 1201', action: 'pay' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('Location')).toBe(URLS.successUrl);
    expect((await h.client.getPaymentStatus(sessionToken)).transactionStatus).toBe('APPROVED');
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
    const dmn = h.dmns[0] ?? {};
    expect(verifyDmn(dmn, CREDENTIALS.secretKey, 'sha256')).toBe(true);
    expect(dmn).toMatchObject({
      Status: 'APPROVED',
      ppp_status: 'OK',
      merchant_unique_id: 'tx_psc',
      TransactionID: String(result.transactionId),
      totalAmount: '10.00',
      currency: 'EUR',
      payment_method: 'apmgw_PaySafeCard',
      userPaymentOptionId: String(result.paymentOption?.userPaymentOptionId),
      transactionType: 'Sale',
      type: 'DEPOSIT',
    });
    // Paid once: the page now says so, and a second submit changes nothing.
    expect(await (await h.fetch(pageUrl)).text()).toContain('Payment completed');
    expect((await submit(h, pageUrl, { pin: '0000009021001201', action: 'pay' })).status).toBe(409);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
  });

  it('declines any other well-formed PIN: DECLINED DMN, 303 to failureUrl', async () => {
    h = await createHarness();
    const { sessionToken, pageUrl } = await paysafecard(h);
    const declined = await submit(h, pageUrl, { pin: '1234567812345678', action: 'pay' });
    expect(declined.headers.get('Location')).toBe(URLS.failureUrl);
    const status = await h.client.getPaymentStatus(sessionToken);
    expect(status).toMatchObject({ transactionStatus: 'DECLINED', gwErrorReason: 'PIN declined' });
    await h.sandbox.flushDmns();
    const parsed = parseDmn(h.dmns[0] ?? {});
    expect(parsed.success && dmnOutcome(parsed.data)).toEqual({ status: 'failed', reasonCode: 'declined' });
  });

  it('answers a malformed PIN with the page again, the field invalid and described, and sends nothing', async () => {
    h = await createHarness();
    const { sessionToken, pageUrl } = await paysafecard(h);
    for (const pin of ['', '123', '00000090210012012', 'abcdabcdabcdabcd']) {
      const response = await submit(h, pageUrl, { pin, action: 'pay' });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toMatch(/<input id="pin"[^>]*aria-describedby="pin-error pin-hint" aria-invalid="true"/);
      expect(html).toContain('<p id="pin-error">Enter the 16 digits of your paysafecard PIN.</p>');
      expect(html).not.toMatch(/<input id="pin"[^>]*value=/); // the PIN is never echoed
    }
    expect((await h.client.getPaymentStatus(sessionToken)).transactionStatus).toBe('REDIRECT');
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(0);
  });

  it('cancels: the seed’s declined DMN with User Cancelation, 303 to backUrl (failureUrl without one)', async () => {
    h = await createHarness();
    const { sessionToken, pageUrl } = await paysafecard(h);
    const cancelled = await submit(h, pageUrl, { pin: '', action: 'cancel' });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('Location')).toBe(URLS.backUrl);
    const status = await h.client.getPaymentStatus(sessionToken);
    expect(status).toMatchObject({
      transactionStatus: 'DECLINED',
      paymentMethodErrorReason: 'User Cancelation',
    });
    await h.sandbox.flushDmns();
    const dmn = h.dmns[0] ?? {};
    expect(dmn).toMatchObject({
      Status: 'DECLINED',
      ppp_status: 'FAIL',
      errApmDescription: 'User Cancelation',
    });
    const parsed = parseDmn(dmn);
    expect(parsed.success && dmnOutcome(parsed.data)).toEqual({ status: 'failed', reasonCode: 'cancelled' });

    const other = await createHarness();
    const noBack = await paysafecard(other, { successUrl: URLS.successUrl, failureUrl: URLS.failureUrl });
    const response = await submit(other, noBack.pageUrl, { action: 'cancel' });
    expect(response.headers.get('Location')).toBe(URLS.failureUrl);
    await other.close();
  });

  it('shows the outcome itself when the session gave no return URLs', async () => {
    h = await createHarness();
    const { pageUrl } = await paysafecard(h, {});
    const response = await submit(h, pageUrl, { pin: '0000009021001201', action: 'pay' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('This paysafecard payment is complete.');
  });

  it('expires after 30 minutes of sandbox clock: the page says so and a DECLINED DMN is sent at the due-check', async () => {
    h = await createHarness();
    const { pageUrl } = await paysafecard(h);
    h.clock.advance(29 * 60_000);
    expect((await h.fetch(pageUrl)).status).toBe(200);
    h.clock.advance(60_000);
    await h.sandbox.flushDmns(); // the due-check runs before the DMNs are sent
    expect(h.dmns).toHaveLength(1);
    expect(h.dmns[0]).toMatchObject({
      Status: 'DECLINED',
      Reason: 'Payment expired',
      merchant_unique_id: 'tx_psc',
    });
    const page = await h.fetch(pageUrl);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Payment expired');
    const late = await submit(h, pageUrl, { pin: '0000009021001201', action: 'pay' });
    expect(late.status).toBe(410);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
  });

  it('ends an expired page on the first visit even before a due-check ran', async () => {
    h = await createHarness();
    const { pageUrl } = await paysafecard(h);
    h.clock.advance(30 * 60_000);
    expect((await submit(h, pageUrl, { pin: '0000009021001201', action: 'pay' })).status).toBe(410);
    await h.sandbox.flushDmns();
    expect(h.dmns.map((d) => d.Status)).toEqual(['DECLINED']);
  });

  it('normalises PINs typed in groups and refuses anything but 16 digits', () => {
    expect(normalisePin('0000-0090-2100-1201')).toBe('0000009021001201');
    expect(normalisePin(' 0000009021001201 ')).toBe('0000009021001201');
    expect(normalisePin('000000902100120')).toBeNull();
    expect(normalisePin(undefined)).toBeNull();
  });
});
