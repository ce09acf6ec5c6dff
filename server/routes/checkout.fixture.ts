/**
 * Test helpers for the widget-route tests: what the widget, the shop's till and Nuvei do against an
 * in-process sandbox app. Used by tests only.
 */
import { expect } from 'vitest';
import type { CheckoutResponse, NextAction, StatusResponse } from '../../src/contract/schemas.ts';
import type { KassaApp } from '../app.ts';
import { SANDBOX_NUVEI } from '../providers/nuvei/config.ts';
import { SEED_DMN_APPROVED, seedDmnParams } from '../providers/nuvei/seed-dmns.fixture.ts';
import { dmnChecksum } from '../providers/nuvei/signing.ts';
import { countOrderSessions } from '../sandbox/nuvei/db.ts';
import { asWidget, createOrder, sdkCreatePayment } from '../testing.ts';

export type SdkAction = Extract<NextAction, { type: 'sdk' }>;
export type VoucherAction = Extract<NextAction, { type: 'voucher' }>;

/** `POST /api/checkout/start` for a method without fields, as the widget does when a selection rests. */
export async function start(kassa: KassaApp, token: string, method: string): Promise<SdkAction> {
  const res = await kassa.app.request('/api/checkout/start', asWidget(token, { method }));
  expect(res.status).toBe(200);
  const action = (await res.json()) as NextAction;
  expect(action.type).toBe('sdk');
  return action as SdkAction;
}

/** Creates an order (GR EUR 10.00 unless overridden) and shows its OKTO voucher. */
export async function oktoVoucher(kassa: KassaApp, overrides: Record<string, unknown> = {}) {
  const order = await createOrder(kassa, overrides);
  const sdk = await start(kassa, order.clientToken, 'okto-cash');
  const result = await sdkCreatePayment((path, init) => Promise.resolve(kassa.app.request(path, init)), sdk);
  const res = await kassa.app.request(
    '/api/checkout/complete',
    asWidget(order.clientToken, { transactionId: sdk.transactionId, result }),
  );
  const voucher = (await res.json()) as NextAction;
  expect(voucher.type).toBe('voucher');
  return { ...order, sdk, voucher: voucher as VoucherAction };
}

/** The shop's till: `POST /sandbox/okto/pos/pay` as JSON. */
export async function posPay(kassa: KassaApp, payCode: string) {
  const res = await kassa.app.request('/sandbox/okto/pos/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payCode }),
  });
  return { status: res.status, body: (await res.json()) as { status: string; message: string } };
}

/** The shop's till: the POS page's HTML form. */
export async function posPayForm(kassa: KassaApp, payCode: string) {
  const res = await kassa.app.request('/sandbox/okto/pos/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ payCode }).toString(),
  });
  return { status: res.status, html: await res.text() };
}

/** `GET /api/checkout` as the widget reads it. */
export async function checkout(kassa: KassaApp, token: string): Promise<CheckoutResponse> {
  const res = await kassa.app.request('/api/checkout', asWidget(token));
  expect(res.status).toBe(200);
  return (await res.json()) as CheckoutResponse;
}

/** A widget POST without a body (`abandon`, `cancel`); answers the status and the parsed body. */
export async function widgetPost(kassa: KassaApp, token: string, path: string, body?: unknown) {
  const res = await kassa.app.request(`/api/checkout/${path}`, asWidget(token, body ?? {}));
  return { status: res.status, body: (await res.json()) as StatusResponse & { error?: { code: string } } };
}

/** How many openOrder calls reached the Nuvei emulator for this order's attempts. */
export async function openOrderCalls(kassa: KassaApp, orderId: string): Promise<number> {
  const { store } = kassa.services;
  return countOrderSessions(
    store,
    (await store.listTransactions(orderId)).map((tx) => tx.id),
  );
}

/**
 * The seed's APPROVED DMN (nuvei-paysafecard.txt) re-addressed to one of our OKTO attempts and signed
 * with the sandbox key: what live Nuvei sends when a shopper pays a pay code after all. It names the
 * Nuvei transaction recorded for the attempt, as a genuine DMN does (another one is refused).
 */
export async function approvalDmn(
  kassa: KassaApp,
  transactionId: string,
  amount: string,
  currency: string,
): Promise<Record<string, string>> {
  const recorded = (await kassa.services.store.getTransaction(transactionId))?.providerTransactionId;
  const params: Record<string, string> = {
    ...seedDmnParams(SEED_DMN_APPROVED),
    ...(recorded ? { TransactionID: recorded } : {}),
    merchant_unique_id: transactionId,
    totalAmount: amount,
    currency,
    payment_method: 'apmgw_OKTO_CASH',
  };
  params.advanceResponseChecksum = dmnChecksum(params, SANDBOX_NUVEI.secretKey, 'sha256');
  return params;
}

/** Posts a DMN to `/webhooks/nuvei` form-encoded. */
export function postDmn(kassa: KassaApp, params: Record<string, string>) {
  return kassa.app.request('/webhooks/nuvei', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
}
