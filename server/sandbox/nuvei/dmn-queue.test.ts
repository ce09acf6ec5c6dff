import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyDmn } from '../../providers/nuvei/signing.ts';
import { dmnBackoffMs } from './dmn-queue.ts';
import {
  CREDENTIALS,
  createHarness,
  type Harness,
  oktoParams,
  openOrder,
  posPay,
  sdkCreatePayment,
} from './test-harness.ts';

const harnesses: Harness[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const h of harnesses.splice(0)) {
    h.sandbox.stop();
    h.db.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function harness(dbFile?: string): Harness {
  const h = createHarness(dbFile ? { dbFile } : {});
  harnesses.push(h);
  return h;
}

async function paidVoucher(h: Harness, clientUniqueId = 'tx_dmn') {
  const token = await openOrder(h, clientUniqueId, 1000, 'EUR');
  const result = await sdkCreatePayment(h, token, oktoParams());
  const payCode = new URL(result.paymentOption?.redirectUrl ?? '').searchParams.get('payCode') ?? '';
  expect((await posPay(h, payCode)).status).toBe(200);
}

const dmnRows = (h: Harness) =>
  h.db.prepare('SELECT state, attempts, last_status AS lastStatus FROM sbx_nuvei_dmns ORDER BY id').all();

describe('DMN sender', () => {
  it('backs off 1 s, 2 s, 4 s … capped at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(dmnBackoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('retries after a non-200 answer until the receiver answers 200, resending the same DMN', async () => {
    const h = harness();
    h.receiver.status = 500;
    await paidVoucher(h);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
    expect(dmnRows(h)).toEqual([{ state: 'pending', attempts: 1, lastStatus: '500' }]);
    // Not due again before the backoff has passed.
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
    h.clock.advance(1000);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(2);
    h.receiver.status = 200;
    h.clock.advance(2000);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(3);
    expect(dmnRows(h)).toEqual([{ state: 'delivered', attempts: 3, lastStatus: '200' }]);
    expect(h.dmns[2]).toEqual(h.dmns[0]);
    expect(verifyDmn(h.dmns[2] ?? {}, CREDENTIALS.secretKey, 'sha256')).toBe(true);
  });

  it('gives up after 24 hours of clock time', async () => {
    const h = harness();
    h.receiver.status = 503;
    await paidVoucher(h);
    await h.sandbox.flushDmns();
    h.clock.advance(24 * 3600_000);
    await h.sandbox.flushDmns();
    expect(dmnRows(h)).toEqual([{ state: 'abandoned', attempts: 2, lastStatus: '503' }]);
    h.clock.advance(3600_000);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(2);
  });

  it('keeps pending DMNs across a restart and sends them once started again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-sbx-'));
    dirs.push(dir);
    const file = join(dir, 'kassa.sqlite');
    const before = harness(file);
    before.receiver.status = 500;
    await paidVoucher(before);
    await before.sandbox.flushDmns();
    before.sandbox.stop();
    before.db.close();

    const after = harness(file);
    after.clock.advance(5000);
    after.sandbox.start(); // resumes the row left by the previous process, without a flush
    await vi.waitFor(() => expect(after.dmns).toHaveLength(1), { timeout: 2000, interval: 10 });
    expect(after.dmns[0]).toMatchObject({ Status: 'APPROVED', merchant_unique_id: 'tx_dmn' });
    await vi.waitFor(() =>
      expect(dmnRows(after)).toEqual([{ state: 'delivered', attempts: 2, lastStatus: '200' }]),
    );
  });

  it('sends on its own once started, without flushDmns', async () => {
    const h = harness();
    h.sandbox.start();
    await paidVoucher(h);
    await vi.waitFor(() => expect(h.dmns).toHaveLength(1), { timeout: 2000, interval: 10 });
  });

  it('keeps a pending retry at the same distance from now when the sandbox clock is reset', async () => {
    const h = harness();
    h.clock.advance(86_400_000); // the sandbox clock a day ahead
    h.receiver.status = 500;
    await paidVoucher(h);
    await h.sandbox.flushDmns(); // fails; the retry is due 1 s later
    h.clock.advance(-86_400_000); // POST /sandbox/clock {"reset": true}: back to real time …
    h.sandbox.shiftSchedule(-86_400_000); // … and the waiting retry with it
    h.receiver.status = 200;
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
    h.clock.advance(1000);
    await h.sandbox.flushDmns();
    expect(dmnRows(h)).toEqual([{ state: 'delivered', attempts: 2, lastStatus: '200' }]);
    // Its 24-hour give-up moved too: it was created no later than "now" on the reset clock.
    const row = h.db.prepare('SELECT created_at AS createdAt FROM sbx_nuvei_dmns').get() as {
      createdAt: number;
    };
    expect(row.createdAt).toBeLessThanOrEqual(h.clock.now());
  });

  it('counts any answer other than 200 (here a 404) as a failed attempt', async () => {
    const h = harness();
    await paidVoucher(h);
    h.db.prepare(`UPDATE sbx_nuvei_dmns SET url = 'http://kassa.test/nowhere'`).run();
    await h.sandbox.flushDmns();
    expect(dmnRows(h)).toEqual([{ state: 'pending', attempts: 1, lastStatus: '404' }]);
  });
});
