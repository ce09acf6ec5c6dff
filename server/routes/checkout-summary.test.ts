import { afterEach, describe, expect, it } from 'vitest';
import { CheckoutResponse } from '../../src/contract/schemas.ts';
import type { KassaApp } from '../app.ts';
import { createOrder, merchantOrder, testApp } from '../testing.ts';
import { checkout, oktoVoucher, posPay } from './checkout.fixture.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

describe('GET /api/checkout: the shop’s name and the provider reference (issue 7)', () => {
  it('answers order.merchantName from KASSA_MERCHANT_NAME, in the contract’s shape', async () => {
    kassa = testApp({ KASSA_MERCHANT_NAME: 'Acme Games' });
    const { clientToken } = await createOrder(kassa, { description: '2 × Gift card' });
    const body = await checkout(kassa, clientToken);
    expect(CheckoutResponse.safeParse(body).success).toBe(true);
    expect(body.order).toMatchObject({ merchantName: 'Acme Games', description: '2 × Gift card' });
  });

  it('leaves merchantName out when KASSA_MERCHANT_NAME is not set (the widget shows the description)', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const body = await checkout(kassa, clientToken);
    expect(body.order).not.toHaveProperty('merchantName');
    expect(body.order.description).toBe('Test order');
  });

  it('answers providerReference once the current attempt has a provider transaction id', async () => {
    kassa = testApp();
    const fresh = await createOrder(kassa);
    expect(await checkout(kassa, fresh.clientToken)).not.toHaveProperty('providerReference');

    const paid = await oktoVoucher(kassa);
    const pending = await checkout(kassa, paid.clientToken);
    const reference = (await merchantOrder(kassa, paid.orderId)).transactions[0]?.providerTransactionId;
    expect(reference).toMatch(/^\d+$/);
    expect(pending).toMatchObject({ providerReference: reference, action: { type: 'voucher' } });

    expect((await posPay(kassa, paid.voucher.payCode)).status).toBe(200);
    await kassa.app.request('/sandbox/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceSeconds":0}', // delivers the sandbox DMN
    });
    const done = await checkout(kassa, paid.clientToken);
    expect(done.order.status).toBe('succeeded');
    expect(done.providerReference).toBe(reference);
    expect(CheckoutResponse.safeParse(done).success).toBe(true);
  });
});
