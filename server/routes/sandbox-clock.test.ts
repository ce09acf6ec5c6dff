import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type KassaApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { asMerchant, createOrder, MERCHANT_KEY, TEST_SECRET, testApp } from '../testing.ts';
import type { FetchFn } from '../types.ts';

const apps: KassaApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A sandbox app on a database file, so a second app can play the restarted server. */
function appOn(file: string, env: Record<string, string> = {}, fetch?: FetchFn): KassaApp {
  const config = loadConfig({
    KASSA_DB: file,
    KASSA_MERCHANT_KEY: MERCHANT_KEY,
    KASSA_SECRET: TEST_SECRET,
    KASSA_PUBLIC_URL: 'http://kassa.test',
    ...env,
  });
  const app = createApp({ config, log: createLogger({ silent: true }), ...(fetch ? { fetch } : {}) });
  app.start();
  apps.push(app);
  return app;
}

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-clock-'));
  dirs.push(dir);
  return join(dir, 'kassa.sqlite');
}

async function clock(kassa: KassaApp, body: unknown) {
  const res = await kassa.app.request('/sandbox/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { now?: string; error?: { fields: unknown } } };
}

const orderStatus = async (kassa: KassaApp, orderId: string) =>
  ((await (await kassa.app.request(`/api/orders/${orderId}`, asMerchant())).json()) as { status: string })
    .status;

describe('POST /sandbox/clock {"reset": true} (design §4)', () => {
  it('brings the clock back to real time, persisted across a restart; what expired stays expired', async () => {
    const file = tempDb();
    const first = appOn(file);
    const { orderId } = await createOrder(first);
    const ahead = await clock(first, { advanceSeconds: 2 * 86_400 });
    expect(Date.parse(ahead.body.now ?? '') - Date.now()).toBeGreaterThan(86_400_000);
    expect(await orderStatus(first, orderId)).toBe('expired');

    const reset = await clock(first, { reset: true });
    expect(reset.status).toBe(200);
    expect(Math.abs(Date.parse(reset.body.now ?? '') - Date.now())).toBeLessThan(5_000);
    expect(await orderStatus(first, orderId)).toBe('expired');
    await first.stop();
    apps.splice(apps.indexOf(first), 1);

    const restarted = appOn(file);
    const now = (await (await restarted.app.request('/sandbox/clock')).json()) as { now: string };
    expect(Math.abs(Date.parse(now.now) - Date.now())).toBeLessThan(5_000);
    expect(await orderStatus(restarted, orderId)).toBe('expired');
    // And it still moves forward afterwards.
    const later = await clock(restarted, { advanceSeconds: 3600 });
    expect(Date.parse(later.body.now ?? '') - Date.now()).toBeGreaterThan(3_500_000);
  });

  it('answers 400 naming both fields for a body with both or neither, and for reset other than true', async () => {
    const kassa = testApp();
    apps.push(kassa);
    expect(await clock(kassa, {})).toEqual({
      status: 400,
      body: expect.objectContaining({
        error: expect.objectContaining({
          fields: [
            { path: 'advanceSeconds', message: 'give either advanceSeconds or reset: true' },
            { path: 'reset', message: 'give either advanceSeconds or reset: true' },
          ],
        }),
      }),
    });
    const both = await clock(kassa, { advanceSeconds: 5, reset: true });
    expect(both.status).toBe(400);
    expect(both.body.error?.fields).toEqual([
      { path: 'advanceSeconds', message: 'give either advanceSeconds or reset: true, not both' },
      { path: 'reset', message: 'give either advanceSeconds or reset: true, not both' },
    ]);
    const notTrue = await clock(kassa, { reset: false });
    expect(notTrue.body.error?.fields).toEqual([{ path: 'reset', message: 'must be true' }]);
    expect((await clock(kassa, { advanceSeconds: 5 })).status).toBe(200);
  });

  it('keeps a waiting merchant-event retry due at the same distance from now across a reset', async () => {
    const statuses = [500, 200];
    const sent: string[] = [];
    const fetch: FetchFn = async (_input, init) => {
      sent.push(String(init?.body));
      return new Response('', { status: statuses.shift() ?? 200 });
    };
    const kassa = appOn(
      tempDb(),
      { KASSA_WEBHOOK_URL: 'https://merchant.example/hooks', KASSA_WEBHOOK_SECRET: 'clock-test-secret-123' },
      fetch,
    );
    await clock(kassa, { advanceSeconds: 86_400 });
    const { orderId } = await createOrder(kassa);
    await kassa.app.request(`/api/orders/${orderId}/cancel`, asMerchant({}));
    await kassa.deliverEvents();
    expect(sent).toHaveLength(1); // answered 500: the retry is due 10 s later on the sandbox clock

    await clock(kassa, { reset: true });
    expect(sent).toHaveLength(1);
    await clock(kassa, { advanceSeconds: 10 });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
  });
});
