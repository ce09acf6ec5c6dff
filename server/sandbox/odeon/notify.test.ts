import { describe, expect, it } from 'vitest';
import { contentHmac } from '../../providers/odeon/signing.ts';
import { ODEON_NS } from './db.ts';
import { NOTIFICATION_ATTEMPTS, noticeBackoffMs } from './notify.ts';
import { CREDENTIALS, chargeInput, type OdeonHarness, useOdeonHarnesses } from './test-harness.ts';

const harness = useOdeonHarnesses();

const notices = async (h: OdeonHarness) =>
  (await h.store.records.list<{ attempts: number; lastStatus: string }>(ODEON_NS.notice)).map((r) => ({
    state: r.status,
    attempts: r.data.attempts,
  }));

describe('Odeon notifications', () => {
  it('reproduces the seed example signature (base64 of the hex HMAC)', () => {
    expect(contentHmac('{"transactionId":512,"amount":30.45,"currency":"EUR"}', '1234ABCD')).toBe(
      'MzVkMzBlMTdmMmVkNGJkNjFhMzFmNTdhODU0ZGQwZTYwZGU5MDg5MDRiODYyMTAzZmI0ZDAzMjRiMWJmNmM3Mw==',
    );
  });

  it('is sent once when answered {"code":0}', async () => {
    const h = await harness();
    await h.client.chargeCard(chargeInput('4242424242424242'));
    await h.sandbox.flush();
    await h.sandbox.flush();
    expect(h.results).toHaveLength(1);
    expect(h.results[0]?.hmac).toBe(contentHmac(h.results[0]?.body ?? '', CREDENTIALS.apiSecret));
    expect(await notices(h)).toEqual([{ state: 'delivered', attempts: 1 }]);
  });

  it('is repeated 5 times until answered {"code":0}, then given up', async () => {
    const h = await harness();
    h.receiver.resultCode = 1;
    await h.client.chargeCard(chargeInput('4242424242424242'));
    for (let attempt = 1; attempt <= NOTIFICATION_ATTEMPTS + 2; attempt++) {
      await h.sandbox.flush();
      h.clock.advance(noticeBackoffMs(attempt));
    }
    expect(h.results).toHaveLength(6);
    expect(new Set(h.results.map((r) => r.body)).size).toBe(1);
    expect(await notices(h)).toEqual([{ state: 'abandoned', attempts: 6 }]);
  });

  it('retries a non-200 answer and stops once confirmed', async () => {
    const h = await harness();
    h.receiver.status = 500;
    await h.client.chargeCard(chargeInput('4242424242424242', '333'));
    await h.sandbox.flush();
    expect(await notices(h)).toEqual([{ state: 'pending', attempts: 1 }]);
    await h.sandbox.flush(); // not due yet
    expect(h.results).toHaveLength(1);
    h.receiver.status = 200;
    h.clock.advance(noticeBackoffMs(1));
    await h.sandbox.flush();
    expect(h.results).toHaveLength(2);
    expect(await notices(h)).toEqual([{ state: 'delivered', attempts: 2 }]);
  });

  it('keeps pending notifications in the store, so another sandbox on the same store sends them', async () => {
    const h = await harness();
    h.receiver.status = 503;
    await h.client.chargeCard(chargeInput('4242424242424242'));
    await h.sandbox.flush();
    h.sandbox.stop();
    const { createOdeonSandbox } = await import('./index.ts');
    const sent: string[] = [];
    const second = createOdeonSandbox({
      store: h.store,
      clock: h.clock,
      faults: h.faults,
      log: { info() {}, warn() {}, error() {} },
      publicUrl: 'http://kassa.test',
      fetch: async (_url, init) => {
        sent.push(String(init?.body));
        return new Response('{"code":0}', { status: 200 });
      },
      providerTimeoutMs: 50,
      orderState: async () => 'open',
      orderExpiresAt: async () => null,
      credentials: CREDENTIALS,
    });
    await second.shiftSchedule(-60_000);
    await second.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBe(h.results[0]?.body);
    expect(await notices(h)).toEqual([{ state: 'delivered', attempts: 2 }]);
  });
});
