/**
 * Test helpers for the paysafecard server tests: what the widget and the shopper's browser do, against
 * an in-process app in sandbox mode. Used by tests only.
 */
import type { NextAction, StatusResponse } from '../../../../src/contract/schemas.ts';
import type { KassaApp } from '../../../app.ts';
import { asWidget, createOrder, sdkCreatePayment } from '../../../testing.ts';

export type SdkAction = Extract<NextAction, { type: 'sdk' }>;
export const TEST_PIN = '0000009021001201';

/** Creates a paysafecard deposit order and selects the method (the widget's `start` without fields). */
export async function selectPaysafecard(kassa: KassaApp, overrides: Record<string, unknown> = {}) {
  const order = await createOrder(kassa, { country: 'AT', methods: ['paysafecard'], ...overrides });
  const res = await kassa.app.request(
    '/api/checkout/start',
    asWidget(order.clientToken, { method: 'paysafecard' }),
  );
  if (res.status !== 200) throw new Error(`start failed: ${res.status} ${await res.text()}`);
  return { ...order, sdk: (await res.json()) as SdkAction };
}

/** What safecharge.js sends on the shopper's click (see sdkCreatePayment). */
export function createPayment(kassa: KassaApp, sdk: SdkAction) {
  return sdkCreatePayment((path, init) => Promise.resolve(kassa.app.request(path, init)), sdk);
}

/** Reports the SDK's answer to `complete`; `kassaPopup` says whether the widget opened the window. */
export async function complete(
  kassa: KassaApp,
  token: string,
  sdk: SdkAction,
  result: Record<string, unknown>,
) {
  const res = await kassa.app.request(
    '/api/checkout/complete',
    asWidget(token, { transactionId: sdk.transactionId, result }),
  );
  if (res.status !== 200) throw new Error(`complete failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as NextAction;
}

/** Selects paysafecard, creates the payment and completes it; answers the redirect action. */
export async function openPaysafecardPage(kassa: KassaApp, popup: boolean) {
  const selected = await selectPaysafecard(kassa);
  const result = await createPayment(kassa, selected.sdk);
  const action = await complete(kassa, selected.clientToken, selected.sdk, { ...result, kassaPopup: popup });
  if (action.type !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(action)}`);
  return { ...selected, result, action };
}

/** Submits the paysafecard page as the shopper's browser does; answers the 303 target (or null). */
export async function submitPage(kassa: KassaApp, pageUrl: string, fields: Record<string, string>) {
  const res = await kassa.app.request(pageUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** Follows a return URL (`/return/nuvei/...`) in the shopper's browser. */
export async function followReturn(kassa: KassaApp, url: string) {
  const res = await kassa.app.request(url);
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** The widget's status poll. */
export async function widgetStatus(kassa: KassaApp, token: string) {
  return (await (await kassa.app.request('/api/checkout/status', asWidget(token))).json()) as StatusResponse;
}

/** Moves the sandbox clock (0 s just runs the due-checks and delivers due DMNs). */
export async function moveClock(kassa: KassaApp, advanceSeconds: number) {
  const res = await kassa.app.request('/sandbox/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds }),
  });
  if (res.status !== 200) throw new Error(`clock failed: ${res.status}`);
}
