import { describe, expect, it } from 'vitest';
import { BASE, chargeInput, inputValue, type OdeonHarness, useOdeonHarnesses } from './test-harness.ts';

const harness = useOdeonHarnesses();

const TERM_URL = 'http://kassa.test/return/odeon/3ds?tx=tx_1';

/** Charges 4111… and walks the ACS as the shopper's browser would; answers the TermUrl post. */
async function advanced(h: OdeonHarness, passphrase: string, cvv = '123', action = 'confirm') {
  const answer = await h.client.chargeCard(chargeInput('4111111111111111', cvv));
  const model = answer.threeDsModel;
  if (!model) throw new Error('no threeDsModel');
  const form = { PaReq: model.paReq, MD: String(model.transactionId), TermUrl: TERM_URL };
  const acs = await h.browse(model.acsUrl, form);
  const answered = await h.browse(`${BASE}/acs/confirm`, { ...form, passphrase, action });
  return { answer, model, acs, answered, paRes: inputValue(answered.html, 'PaRes') ?? '' };
}

describe('Advanced 3-D Secure (4111…)', () => {
  it('answers threeDsModel with our ACS URL, a PaReq and the transaction id, status AwaitingAuthentication', async () => {
    const h = await harness();
    const answer = await h.client.chargeCard(chargeInput('4111111111111111'));
    expect(answer.success).toBe(false);
    expect(answer.message).toBe('Requires 3DS authentication');
    expect(answer.threeDsModel).toMatchObject({
      method: 'post',
      acsUrl: `${BASE}/acs`,
      statusCode: 1,
      status: 'AwaitingAuthentication',
    });
    expect(answer.threeDsModel?.paReq).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it('shows the 3-D Secure page and, with passphrase 4, auto-posts MD and PaRes to the TermUrl; post3ds completes once', async () => {
    const h = await harness();
    const { model, acs, answered, paRes } = await advanced(h, '4');
    expect(acs.status).toBe(200);
    expect(acs.html).toContain('<h1>3-D Secure</h1>');
    expect(acs.html).toContain('<label for="passphrase">Passphrase</label>');
    expect(acs.html).toMatch(/<button[^>]*>Confirm<\/button>/);
    expect(acs.html).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(acs.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(acs.html).not.toMatch(/<script>|style=|onclick=/);

    expect(answered.html).toContain(`action="${TERM_URL}"`);
    expect(answered.html).toContain('data-autosubmit');
    expect(answered.html).toContain(`${BASE}/assets/autosubmit.js`);
    expect(inputValue(answered.html, 'MD')).toBe(String(model.transactionId));

    const done = await h.client.post3ds({ transactionId: String(model.transactionId), paRes });
    expect(done.success).toBe(true);
    expect(done.model).toMatchObject({
      transactionId: model.transactionId,
      status: 'Completed',
      statusCode: 4,
    });
    const again = await h.client.post3ds({ transactionId: model.transactionId, paRes });
    expect(again.model).toMatchObject({ status: 'Completed', token: done.model.token });
    await h.sandbox.flush();
    expect(h.results.map((r) => r.json.status)).toEqual(['Completed']);
  });

  it('declines after a wrong passphrase or Cancel, and after 3-DS with CVV 333', async () => {
    const h = await harness();
    const wrong = await advanced(h, '5');
    const declined = await h.client.post3ds({ transactionId: wrong.model.transactionId, paRes: wrong.paRes });
    expect(declined.model).toMatchObject({ status: 'Declined', reasonCode: 5206 });

    const cancelled = await advanced(h, '4', '123', 'cancel');
    expect(
      (await h.client.post3ds({ transactionId: cancelled.model.transactionId, paRes: cancelled.paRes }))
        .model,
    ).toMatchObject({ status: 'Declined', reasonCode: 5206 });

    const cvv = await advanced(h, '4', '333');
    expect(
      (await h.client.post3ds({ transactionId: cvv.model.transactionId, paRes: cvv.paRes })).model,
    ).toMatchObject({ status: 'Declined', reasonCode: 5082 });
  });

  it('refuses a PaRes of another transaction, a made-up one and an unknown transaction', async () => {
    const h = await harness();
    const one = await advanced(h, '4');
    const two = await advanced(h, '4');
    await expect(
      h.client.post3ds({ transactionId: one.model.transactionId, paRes: two.paRes }),
    ).rejects.toMatchObject({
      kind: 'rejected',
      providerMessage: 'Invalid PaRes value',
    });
    await expect(
      h.client.post3ds({ transactionId: one.model.transactionId, paRes: 'bm9wZQ==' }),
    ).rejects.toMatchObject({
      kind: 'rejected',
    });
    await expect(h.client.post3ds({ transactionId: 424242, paRes: one.paRes })).rejects.toMatchObject({
      providerMessage: 'Transaction not found',
    });
    // Still open and settled by its own PaRes.
    expect(
      (await h.client.post3ds({ transactionId: one.model.transactionId, paRes: one.paRes })).model.status,
    ).toBe('Completed');
  });

  it('refuses an ACS post whose PaReq does not belong to the MD', async () => {
    const h = await harness();
    const a = await h.client.chargeCard(chargeInput('4111111111111111'));
    const b = await h.client.chargeCard(chargeInput('4111111111111111'));
    const page = await h.browse(`${BASE}/acs`, {
      PaReq: b.threeDsModel?.paReq ?? '',
      MD: String(a.threeDsModel?.transactionId),
      TermUrl: TERM_URL,
    });
    expect(page.status).toBe(400);
  });
});

describe('Redirect 3-D Secure (4200…)', () => {
  it('answers threeDsRedirectModel; passphrase 4 completes and sends the shopper to successRedirectUrl', async () => {
    const h = await harness();
    const answer = await h.client.chargeCard(chargeInput('4200000000000000'));
    const model = answer.threeDsRedirectModel;
    expect(model).toMatchObject({ statusCode: 1, status: 'AwaitingAuthentication' });
    expect(model?.url).toMatch(new RegExp(`^${BASE}/redirect/\\?link_reference=[0-9a-f]+$`));
    const shown = await h.browse(model?.url ?? '');
    expect(shown.html).toContain('<h1>3-D Secure</h1>');
    const after = await h.browse(model?.url ?? '', { passphrase: '4', action: 'confirm' });
    expect(after).toMatchObject({ status: 303, location: 'https://shop.example/success' });
    expect((await h.client.status(model?.transactionId ?? 0)).model.status).toBe('Completed');
    // Visiting again does not settle twice.
    expect((await h.browse(model?.url ?? '', { passphrase: '5', action: 'confirm' })).location).toBe(
      'https://shop.example/success',
    );
    await h.sandbox.flush();
    expect(h.results).toHaveLength(1);
  });

  it('sends the shopper to failureRedirectUrl after a failed passphrase, or CVV 333', async () => {
    const h = await harness();
    const a = await h.client.chargeCard(chargeInput('4200000000000000'));
    expect(
      (await h.browse(a.threeDsRedirectModel?.url ?? '', { passphrase: 'x', action: 'confirm' })).location,
    ).toBe('https://shop.example/failure');
    const b = await h.client.chargeCard(chargeInput('4200000000000000', '333'));
    expect(
      (await h.browse(b.threeDsRedirectModel?.url ?? '', { passphrase: '4', action: 'confirm' })).location,
    ).toBe('https://shop.example/failure');
    expect((await h.client.status(b.threeDsRedirectModel?.transactionId ?? 0)).model.reasonCode).toBe(5082);
  });
});
