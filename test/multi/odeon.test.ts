/**
 * OdeonPay on two instances (design §3 "Several instances"): a 3-D Secure card payment started on A
 * whose bank answer reaches B — and is posted again to A — calls `/payments/post3ds` once; refunds
 * requested on both instances at once never add up to more than was paid.
 */
import { describe, expect, it } from 'vitest';
import { CLUSTER_MERCHANT_KEY } from '../support/cluster.ts';
import { type Answer, call, merchant, orderBody, widget } from '../support/kassa-http.ts';
import { RUN_MULTI, useCluster } from './setup.ts';

const EXPIRY = `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** A direct-flow card order of `amount` EUR, created on `base`. */
async function cardOrder(base: string, amount: string) {
  const created = await merchant.mustCreate(
    base,
    orderBody({ amount, methods: ['odeon-card'], cardFlow: 'direct' }),
  );
  return created;
}

describe.skipIf(!RUN_MULTI)('OdeonPay on two instances', () => {
  const cluster = useCluster();

  it('3-D Secure started on A, answered on B and posted again to A: post3ds once, paid on both', async () => {
    const { instances } = cluster.current();
    const [a, b] = instances.map((i) => i.url) as [string, string];
    const order = await cardOrder(a, '30.00');
    const started = await widget.start(a, order.clientToken, {
      method: 'odeon-card',
      fields: { cardNumber: '4111111111111111', expiry: EXPIRY, cvc: '123', cardholderName: 'John Smith' },
    });
    const action = started.body as { type: string; url: string; fields: Record<string, string> };
    expect(action.type).toBe('form-post');

    // The bank's page served by B (the emulator's state is in the shared database).
    const acs = await fetch(
      `${b}/sandbox/odeon/acs/confirm`,
      form({ ...action.fields, passphrase: '4', action: 'confirm' }),
    );
    const html = await acs.text();
    const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    const answer = { MD: value('MD'), PaRes: value('PaRes') };
    expect(answer.PaRes).not.toBe('');

    const term = new URL(action.fields.TermUrl ?? '');
    const path = `${term.pathname}${term.search}`;
    const posts = await Promise.all(
      [b, a, b].map((base) => fetch(`${base}${path}`, { ...form(answer), redirect: 'manual' })),
    );
    expect(posts.map((r) => r.status)).toEqual([303, 303, 303]);
    for (const base of [a, b])
      expect((await merchant.order(base, order.orderId)).body.status).toBe('succeeded');
    const post3ds = instances
      .map((i) => i.logs())
      .join('\n')
      .split('\n')
      .filter((line) => line.includes('"odeon call"') && line.includes('payments/post3ds'));
    expect(post3ds).toHaveLength(1);
  });

  it('refunds of 6.00 requested at once on A and B never exceed the 20.00 paid', async () => {
    const [a, b] = cluster.current().instances.map((i) => i.url) as [string, string];
    const order = await cardOrder(a, '20.00');
    const paid = await widget.start(b, order.clientToken, {
      method: 'odeon-card',
      fields: { cardNumber: '4242424242424242', expiry: EXPIRY, cvc: '123', cardholderName: 'John Smith' },
    });
    expect(paid.body).toEqual({ type: 'done', status: 'succeeded' });
    const refunds: Answer[] = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(i % 2 === 0 ? a : b, `/api/orders/${order.orderId}/refunds`, {
          headers: { authorization: `Bearer ${CLUSTER_MERCHANT_KEY}` },
          body: { amount: '6.00' },
        }),
      ),
    );
    const accepted = refunds.filter((r) => r.status === 201);
    expect(accepted).toHaveLength(3);
    expect(refunds.filter((r) => r.status === 409)).toHaveLength(3);
    const view = (await merchant.order(b, order.orderId)).body as unknown as { refundableAmount: string };
    expect(view.refundableAmount).toBe('2.00');
  });
});
