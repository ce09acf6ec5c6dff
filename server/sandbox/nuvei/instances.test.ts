/**
 * Several instances on one database (design §3, issue 8 item 5): two sandboxes over one store serve
 * each other's sessions, vouchers and DMNs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, TEST_PG_URL } from '../../../test/support/pg.ts';
import { listSandboxDmns } from './db.ts';
import {
  createHarness,
  type Harness,
  oktoParams,
  openOrder,
  PUBLIC_URL,
  posPay,
  sdkCreatePayment,
} from './test-harness.ts';

const harnesses: Harness[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  // The instance sharing a store closes first; the one that opened it closes the store.
  for (const h of harnesses.splice(0).reverse()) await h.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Two instances over one SQLite store in memory: A opens it, B works on the same store object. */
async function sqliteInstances(): Promise<[Harness, Harness]> {
  const a = await createHarness();
  harnesses.push(a);
  const b = await createHarness({ store: a.store });
  harnesses.push(b);
  return [a, b];
}

/** Two instances each with a store (a pool) of its own on one PostgreSQL database. */
async function postgresInstances(): Promise<[Harness, Harness]> {
  const database = await createTestDatabase('kassa_sbx');
  cleanups.push(database.drop);
  const a = await createHarness({ dbFile: database.url });
  harnesses.push(a);
  const b = await createHarness({ dbFile: database.url });
  harnesses.push(b);
  return [a, b];
}

/** Creates an OKTO voucher through `h`; answers its pay code and session token. */
async function voucher(h: Harness, clientUniqueId: string) {
  const token = await openOrder(h, clientUniqueId, 1000, 'EUR');
  const result = await sdkCreatePayment(h, token, oktoParams());
  const payCode = new URL(result.paymentOption?.redirectUrl ?? '').searchParams.get('payCode') ?? '';
  return { token, payCode, transactionId: String(result.transactionId) };
}

const sent = (a: Harness, b: Harness) => [...a.dmns, ...b.dmns];

describe.each([
  { database: 'SQLite (one store shared)', instances: sqliteInstances, skip: false },
  { database: 'PostgreSQL (a store each)', instances: postgresInstances, skip: !TEST_PG_URL },
])('two sandbox instances on one database: $database', ({ instances, skip }) => {
  if (skip) it.skip('needs KASSA_TEST_PG', () => undefined);
  if (skip) return;

  it('pays a voucher created through A at the POS of B, and sends its DMN once with both senders running', async () => {
    const [a, b] = await instances();
    a.sandbox.start();
    b.sandbox.start();
    const { token, payCode, transactionId } = await voucher(a, 'tx_ab');

    const page = await b.fetch(`${PUBLIC_URL}/sandbox/okto/voucher?payCode=${encodeURIComponent(payCode)}`);
    expect(page.status).toBe(200);
    expect(await b.client.getPaymentStatus(token)).toMatchObject({ transactionStatus: 'PENDING' });

    expect(await posPay(b, payCode)).toMatchObject({ status: 200, body: { status: 'paid', transactionId } });
    expect((await posPay(a, payCode)).status).toBe(409);
    await Promise.all([a.sandbox.flushDmns(), b.sandbox.flushDmns()]);
    await vi.waitFor(() => expect(sent(a, b)).toHaveLength(1), { timeout: 2000, interval: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([a.sandbox.flushDmns(), b.sandbox.flushDmns()]);
    expect(sent(a, b)).toHaveLength(1);
    expect(sent(a, b)[0]).toMatchObject({ Status: 'APPROVED', TransactionID: transactionId });
    expect((await listSandboxDmns(a.store)).map((d) => [d.state, d.attempts])).toEqual([['delivered', 1]]);
    expect(await a.client.getPaymentStatus(token)).toMatchObject({ transactionStatus: 'APPROVED' });
  });

  it('settles a pay code once when both tills take it at the same moment', async () => {
    const [a, b] = await instances();
    const { payCode } = await voucher(a, 'tx_race');
    const answers = await Promise.all([posPay(a, payCode), posPay(b, payCode), posPay(b, payCode)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    await Promise.all([a.sandbox.flushDmns(), b.sandbox.flushDmns()]);
    expect(sent(a, b)).toHaveLength(1);
  });

  it('lets B send the DMN A left pending when it stopped', async () => {
    const [a, b] = await instances();
    a.receiver.status = 500;
    const { payCode } = await voucher(a, 'tx_left');
    expect((await posPay(a, payCode)).status).toBe(200);
    await a.sandbox.flushDmns(); // fails; retried 1 s later
    a.sandbox.stop();
    b.clock.advance(1000);
    b.sandbox.start();
    await vi.waitFor(() => expect(b.dmns).toHaveLength(1), { timeout: 2000, interval: 10 });
    expect(a.dmns).toHaveLength(1);
    await vi.waitFor(async () =>
      expect((await listSandboxDmns(a.store)).map((d) => [d.state, d.attempts])).toEqual([['delivered', 2]]),
    );
  });
});
