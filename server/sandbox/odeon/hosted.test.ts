import { describe, expect, it } from 'vitest';
import { verifyNotificationSignature } from '../../providers/odeon/signing.ts';
import {
  BASE,
  CREDENTIALS,
  type OdeonHarness,
  PUBLIC_URL,
  RETURNS,
  useOdeonHarnesses,
} from './test-harness.ts';

const harness = useOdeonHarnesses();

const CARD = { cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123', name: 'John Doe' };

/** Opens the hosted redirect page for EUR 12.50 and answers the card page's URL. */
async function redirectPage(h: OdeonHarness, invoiceId = 'tx_hosted') {
  const url = h.client.redirectUrl({
    amountMinor: 1250,
    currency: 'EUR',
    description: 'Order 42',
    invoiceId,
    accountId: 'john@doe.com',
    locale: 'en_US',
    ...RETURNS,
  });
  const opened = await h.browse(url);
  expect(opened.status).toBe(303);
  return opened.location ?? '';
}

describe('Hosted card page (redirect URL)', () => {
  it('shows the labelled card fields with autocomplete, "Pay €12.50" and Cancel, under the strict CSP', async () => {
    const h = await harness();
    const page = await h.browse(await redirectPage(h));
    expect(page.status).toBe(200);
    for (const [label, autocomplete] of [
      ['Card number', 'cc-number'],
      ['Expiry date', 'cc-exp'],
      ['Security code', 'cc-csc'],
      ['Name on card', 'cc-name'],
    ]) {
      expect(page.html).toContain(`>${label}</label>`);
      expect(page.html).toContain(`autocomplete="${autocomplete}"`);
    }
    expect(page.html).toMatch(/<button[^>]*value="pay"[^>]*>Pay €12\.50<\/button>/);
    expect(page.html).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(page.html).toMatch(/<form method="post"/);
    expect(page.html).not.toMatch(/<script>|style=/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('sends the Payment Check, charges 4242… and sends the shopper to successUrl; the card is never kept', async () => {
    const h = await harness();
    const pageUrl = await redirectPage(h);
    const paid = await h.browse(pageUrl, { ...CARD, action: 'pay' });
    expect(paid.status).toBe(303);
    const result = await h.browse(paid.location ?? '');
    expect(result).toMatchObject({ status: 303, location: RETURNS.successUrl });

    expect(h.checks).toHaveLength(1);
    const check = h.checks[0];
    expect(verifyNotificationSignature(check?.body ?? '', check?.hmac, CREDENTIALS.apiSecret)).toBe(true);
    expect(check?.json).toMatchObject({
      amount: 12.5,
      currency: 'EUR',
      invoiceId: 'tx_hosted',
      accountId: 'john@doe.com',
      name: 'John Doe',
      operationType: 'Payment',
      operationTypeCode: 1,
      status: 'Created',
      statusCode: 10,
      cardFirstSix: '424242',
      cardLastFour: '4242',
    });
    expect(check?.body).toContain('"amount":12.50,');
    const [tx] = (await h.client.statusInvoice('tx_hosted')).transactions;
    expect(tx).toMatchObject({ status: 'Completed', amountMinor: 1250 });
    await h.sandbox.flush();
    expect(h.results.map((r) => r.json.status)).toEqual(['Completed']);

    // Card data never in the store, the logs, a URL or a notification (design §4).
    const everything = [
      await h.dump(),
      h.logs.join('\n'),
      paid.location,
      ...h.checks.map((c) => c.body),
      ...h.results.map((r) => r.body),
    ].join('\n');
    expect(everything).not.toContain('4242424242424242');
    expect(everything).not.toContain('4242 4242 4242 4242');
    expect(await h.dump()).not.toMatch(/"cvv"|"cvc"|"pan"/);
  });

  it('stops with "Payment rejected by the merchant" when the Payment Check is not answered {"code":0}', async () => {
    const h = await harness();
    h.receiver.checkCode = 13;
    const pageUrl = await redirectPage(h, 'tx_refused');
    const refused = await h.browse(pageUrl, { ...CARD, action: 'pay' });
    expect(refused.html).toContain('Payment rejected by the merchant');
    expect(refused.html).toContain(`href="${RETURNS.failureUrl}"`);
    const [tx] = (await h.client.statusInvoice('tx_refused')).transactions;
    expect(tx).toMatchObject({ status: 'Declined', reasonCode: 6001 });
    // The page is over: opening it again goes to the failure URL.
    const again = await h.browse(pageUrl);
    expect((await h.browse(again.location ?? '')).location).toBe(RETURNS.failureUrl);
  });

  it('gives field errors without echoing the card number or security code', async () => {
    const h = await harness();
    const pageUrl = await redirectPage(h);
    const wrong = await h.browse(pageUrl, {
      cardNumber: '4242 4242 4242 4241',
      expiry: '01/20',
      cvc: '12',
      name: '',
      action: 'pay',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Enter a valid card number.');
    expect(wrong.html).toContain('The card has expired.');
    expect(wrong.html).toContain('Enter the 3- or 4-digit security code.');
    expect(wrong.html).toContain('Enter the name on the card.');
    expect(wrong.html).not.toContain('4241');
    expect(h.checks).toHaveLength(0);
  });

  it('passes 4111… through the 3-D Secure page, then sends the shopper on by the result', async () => {
    const h = await harness();
    const pageUrl = await redirectPage(h, 'tx_3ds');
    const paid = await h.browse(pageUrl, { ...CARD, cardNumber: '4111111111111111', action: 'pay' });
    expect(paid.location).toMatch(new RegExp(`^${BASE}/redirect/\\?link_reference=`));
    const threeDs = await h.browse(paid.location ?? '');
    expect(threeDs.html).toContain('<h1>3-D Secure</h1>');
    const answered = await h.browse(paid.location ?? '', { passphrase: '4', action: 'confirm' });
    expect((await h.browse(answered.location ?? '')).location).toBe(RETURNS.successUrl);

    const other = await h.browse(await redirectPage(h, 'tx_3ds_fail'), {
      ...CARD,
      cardNumber: '4200000000000000',
      action: 'pay',
    });
    const failed = await h.browse(other.location ?? '', { passphrase: 'nope', action: 'confirm' });
    expect((await h.browse(failed.location ?? '')).location).toBe(RETURNS.failureUrl);
  });

  it('sends the shopper to cancelUrl on Cancel, without a Payment Check', async () => {
    const h = await harness();
    const cancelled = await h.browse(await redirectPage(h), { action: 'cancel' });
    expect((await h.browse(cancelled.location ?? '')).location).toBe(RETURNS.cancelUrl);
    expect(h.checks).toHaveLength(0);
  });

  it("refuses another merchant's publicId and an incomplete query", async () => {
    const h = await harness();
    expect((await h.browse(`${BASE}/payments/redirect/pbid_other?amount=1`)).status).toBe(404);
    expect((await h.browse(`${BASE}/payments/redirect/${CREDENTIALS.publicId}?amount=1`)).status).toBe(400);
  });
});

describe('Checkout link and payment link pages', () => {
  it('shows merchantTitle and paints the pay button with payButtonColor from its own stylesheet', async () => {
    const h = await harness();
    const answer = await h.client.checkoutLink({
      amountMinor: 1066,
      currency: 'USD',
      description: 'Payment for products',
      invoiceId: 'tx_checkout',
      ...RETURNS,
      page: { merchantTitle: 'Acme <Shop>', payButtonColor: '#ff6600', payButtonTextColor: 'red;}body{x:y' },
    });
    expect(answer).toMatchObject({ success: true, model: {}, link: { method: 'get' } });
    const page = await h.browse(answer.link.action);
    expect(page.html).toContain('Acme &#60;Shop&#62;');
    expect(page.html).toMatch(/Pay \$10\.66/);
    const sheet = /<link rel="stylesheet" href="([^"]+theme\.css)">/.exec(page.html)?.[1] ?? '';
    const css = await h.fetch(sheet);
    expect(css.headers.get('content-type')).toContain('text/css');
    const text = await css.text();
    expect(text).toContain('background: #ff6600;');
    expect(text).not.toContain('body');

    const paid = await h.browse(answer.link.action, { ...CARD, action: 'pay' });
    expect((await h.browse(paid.location ?? '')).location).toBe(RETURNS.successUrl);
  });

  it('creates the payment link transaction as Created and completes it on its page', async () => {
    const h = await harness();
    const answer = await h.client.paymentLink({
      amountMinor: 1066,
      currency: 'USD',
      description: 'Payment for products',
      invoiceId: 'tx_link',
      accountId: 'john@doe.com',
      ip: '10.20.30.40',
      ...RETURNS,
    });
    expect(answer.model).toMatchObject({
      statusCode: 10,
      status: 'Created',
      reasonCode: 0,
      amountMinor: 1066,
    });
    const paid = await h.browse(answer.link.action, { ...CARD, cvc: '333', action: 'pay' });
    expect((await h.browse(paid.location ?? '')).location).toBe(RETURNS.failureUrl);
    expect(h.checks[0]?.json.transactionId).toBe(answer.model.transactionId);
    expect((await h.client.status(answer.model.transactionId)).model).toMatchObject({
      status: 'Declined',
      reasonCode: 5082,
    });
  });
});

describe('payment.js stand-in and the widget frame', () => {
  it('serves payment.js to any origin, defining window.OdeonPay', async () => {
    const h = await harness();
    const script = await h.fetch(`${BASE}/payment.js`);
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(script.headers.get('content-type')).toContain('javascript');
    const text = await script.text();
    expect(text).toContain('window.OdeonPay = OdeonPay');
    expect(text).toContain("frame.title = 'OdeonPay'");
    expect(text).not.toMatch(/setAttribute\(\s*'style'|eval\(|new Function/);
  });

  it('runs the payment in the frame and ends on a page whose script posts the result to the merchant origin', async () => {
    const h = await harness();
    const query = new URLSearchParams({
      publicId: CREDENTIALS.publicId,
      amount: '68.54',
      currency: 'EUR',
      invoiceId: 'tx_widget',
      description: 'Product purchasing example',
      accountId: 'foo@bar.com',
      origin: 'https://merchant.example',
    });
    const opened = await h.browse(`${BASE}/widget?${query}`);
    const form = await h.browse(opened.location ?? '');
    expect(form.html).toContain('Pay €68.54');
    const paid = await h.browse(opened.location ?? '', { ...CARD, action: 'pay' });
    const result = await h.browse(paid.location ?? '');
    expect(result.status).toBe(200);
    expect(result.html).toContain('data-status="success"');
    expect(result.html).toContain('data-origin="https://merchant.example"');
    expect(result.html).toContain(`${BASE}/assets/widget-result.js`);

    const cancelled = await h.browse(`${BASE}/widget?${query}`);
    const left = await h.browse(cancelled.location ?? '', { action: 'cancel' });
    const ended = await h.browse(left.location ?? '');
    expect(ended.html).toContain('data-status="fail"');
    expect(ended.html).toContain('data-reason="cancelled"');
  });

  it('refuses a frame opened for another publicId or without the merchant origin', async () => {
    const h = await harness();
    const bad = new URLSearchParams({
      publicId: 'pbid_other',
      amount: '1',
      currency: 'EUR',
      origin: PUBLIC_URL,
    });
    expect((await h.browse(`${BASE}/widget?${bad}`)).status).toBe(400);
    const noOrigin = new URLSearchParams({ publicId: CREDENTIALS.publicId, amount: '1', currency: 'EUR' });
    expect((await h.browse(`${BASE}/widget?${noOrigin}`)).status).toBe(400);
  });
});
