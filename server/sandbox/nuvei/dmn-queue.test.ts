import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyDmn } from '../../providers/nuvei/signing.ts';
import { createSandboxStore, listSandboxDmns } from './db.ts';
import { DMN_LEASE_MS, dmnBackoffMs } from './dmn-queue.ts';
import {
  CREDENTIALS,
  createHarness,
  type Harness,
  NOTIFY_URL,
  oktoParams,
  openOrder,
  PUBLIC_URL,
  posPay,
  sdkCreatePayment,
} from './test-harness.ts';

const harnesses: Harness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function harness(dbFile?: string): Promise<Harness> {
  const h = await createHarness(dbFile ? { dbFile } : {});
  harnesses.push(h);
  return h;
}

async function paidVoucher(h: Harness, clientUniqueId = 'tx_dmn', notificationUrl = NOTIFY_URL) {
  const token =
    notificationUrl === NOTIFY_URL
      ? await openOrder(h, clientUniqueId, 1000, 'EUR')
      : (
          await h.client.openOrder({
            clientUniqueId,
            amountMinor: 1000,
            currency: 'EUR',
            userTokenId: 'cust_1',
            notificationUrl,
            billingAddress: { country: 'GR', email: 'john.smith@email.com' },
          })
        ).sessionToken;
  const result = await sdkCreatePayment(h, token, oktoParams());
  const payCode = new URL(result.paymentOption?.redirectUrl ?? '').searchParams.get('payCode') ?? '';
  expect((await posPay(h, payCode)).status).toBe(200);
}

const dmnRows = async (h: Harness) =>
  (await listSandboxDmns(h.store)).map(({ state, attempts, lastStatus }) => ({
    state,
    attempts,
    lastStatus,
  }));

describe('DMN sender', () => {
  it('backs off 1 s, 2 s, 4 s … capped at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(dmnBackoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('retries after a non-200 answer until the receiver answers 200, resending the same DMN', async () => {
    const h = await harness();
    h.receiver.status = 500;
    await paidVoucher(h);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
    expect(await dmnRows(h)).toEqual([{ state: 'pending', attempts: 1, lastStatus: '500' }]);
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
    expect(await dmnRows(h)).toEqual([{ state: 'delivered', attempts: 3, lastStatus: '200' }]);
    expect(h.dmns[2]).toEqual(h.dmns[0]);
    expect(verifyDmn(h.dmns[2] ?? {}, CREDENTIALS.secretKey, 'sha256')).toBe(true);
  });

  it('gives up after 24 hours of clock time', async () => {
    const h = await harness();
    h.receiver.status = 503;
    await paidVoucher(h);
    await h.sandbox.flushDmns();
    h.clock.advance(24 * 3600_000);
    await h.sandbox.flushDmns();
    expect(await dmnRows(h)).toEqual([{ state: 'abandoned', attempts: 2, lastStatus: '503' }]);
    h.clock.advance(3600_000);
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(2);
  });

  it('keeps pending DMNs across a restart and sends them once started again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-sbx-'));
    dirs.push(dir);
    const file = join(dir, 'kassa.sqlite');
    const before = await harness(file);
    before.receiver.status = 500;
    await paidVoucher(before);
    await before.sandbox.flushDmns();
    await before.close();

    const after = await harness(file);
    after.clock.advance(5000);
    after.sandbox.start(); // resumes the row left by the previous process, without a flush
    await vi.waitFor(() => expect(after.dmns).toHaveLength(1), { timeout: 2000, interval: 10 });
    expect(after.dmns[0]).toMatchObject({ Status: 'APPROVED', merchant_unique_id: 'tx_dmn' });
    await vi.waitFor(async () =>
      expect(await dmnRows(after)).toEqual([{ state: 'delivered', attempts: 2, lastStatus: '200' }]),
    );
  });

  it('sends on its own once started, without flushDmns', async () => {
    const h = await harness();
    h.sandbox.start();
    await paidVoucher(h);
    await vi.waitFor(() => expect(h.dmns).toHaveLength(1), { timeout: 2000, interval: 10 });
  });

  it('keeps a pending retry at the same distance from now when the sandbox clock is reset', async () => {
    const h = await harness();
    h.clock.advance(86_400_000); // the sandbox clock a day ahead
    h.receiver.status = 500;
    await paidVoucher(h);
    await h.sandbox.flushDmns(); // fails; the retry is due 1 s later
    h.clock.advance(-86_400_000); // POST /sandbox/clock {"reset": true}: back to real time …
    await h.sandbox.shiftSchedule(-86_400_000); // … and the waiting retry with it
    h.receiver.status = 200;
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
    h.clock.advance(1000);
    await h.sandbox.flushDmns();
    expect(await dmnRows(h)).toEqual([{ state: 'delivered', attempts: 2, lastStatus: '200' }]);
    // Its 24-hour give-up moved too: it was created no later than "now" on the reset clock.
    const [row] = await listSandboxDmns(h.store);
    expect(row?.createdAt).toBeLessThanOrEqual(h.clock.now());
  });

  it('counts any answer other than 200 (here a 404) as a failed attempt', async () => {
    const h = await harness();
    await paidVoucher(h, 'tx_dmn', `${PUBLIC_URL}/nowhere`);
    await h.sandbox.flushDmns();
    expect(await dmnRows(h)).toEqual([{ state: 'pending', attempts: 1, lastStatus: '404' }]);
  });

  it('leaves a DMN another instance holds to it, and takes it over once that lease ran out', async () => {
    const h = await harness();
    await paidVoucher(h);
    const sbx = createSandboxStore(h.store);
    // Another instance leased the DMN and died: its lease runs out 300 ms (real time) from now.
    const held = await sbx.leaseDueDmn(h.clock.now(), Date.now() - DMN_LEASE_MS + 300, DMN_LEASE_MS);
    if (!held) throw new Error('the DMN was not due');
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await h.sandbox.flushDmns();
    expect(h.dmns).toHaveLength(1);
    expect(await dmnRows(h)).toEqual([{ state: 'delivered', attempts: 1, lastStatus: '200' }]);
    // The dead instance's late write is refused: it no longer holds the lease.
    const late = { state: 'pending', attempts: 1, nextAt: h.clock.now(), lastStatus: 'timeout' } as const;
    expect(await sbx.finishDmnAttempt(held, late, h.clock.now())).toBe(false);
    expect(await dmnRows(h)).toEqual([{ state: 'delivered', attempts: 1, lastStatus: '200' }]);
  });
});
