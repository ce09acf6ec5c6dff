import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../clock.ts';
import { createLogger } from '../log.ts';
import { openStore } from '../store/open.ts';
import { OrderService, transactionMayMove } from './service.ts';

async function setup() {
  const store = await openStore(':memory:');
  const clock = new SandboxClock();
  const service = new OrderService(store, clock, createLogger({ silent: true }));
  const changes: string[] = [];
  service.onOrderChange(async (_order, type) => {
    changes.push(type);
  });
  const order = await service.create({
    kind: 'payment',
    amountMinor: 1000,
    currency: 'EUR',
    country: 'GR',
    description: 'd',
    customer: { id: 'c', firstName: 'A', lastName: 'B', email: 'a@b.co' },
    returnUrl: 'https://shop.example/',
    methods: null,
    reference: null,
    metadata: null,
    cardFlow: null,
    expiresAt: clock.now() + 60_000,
  });
  if (!order) throw new Error('not created');
  return { store, clock, service, order, changes };
}

describe('OrderService', () => {
  it('refunds on their own path: the order stays succeeded, each refund moves once, the limit holds', async () => {
    const { store, service, order, changes } = await setup();
    expect(await service.beginRefund(order.id, 100, {})).toEqual({ refused: 'not-refundable' });
    const tx = await service.beginAttempt(order, 'odeon', 'odeon-card', 'payment');
    await service.settle(tx.id, { status: 'succeeded' }, 'test');
    const begun = await service.beginRefund(order.id, 400, { reason: 'r' });
    if ('refused' in begun) throw new Error('refused');
    expect(begun.refund).toMatchObject({
      kind: 'refund',
      status: 'pending',
      amountMinor: 400,
      method: 'odeon-card',
    });
    expect(begun.refund.data).toEqual({ reason: 'r', paymentTransactionId: tx.id });
    expect(begun.full).toBe(false);
    expect(await service.beginRefund(order.id, 601, {})).toEqual({ refused: 'exceeds', leftMinor: 600 });
    expect(await service.settle(begun.refund.id, { status: 'failed', reasonCode: 'declined' }, 'test')).toBe(
      true,
    );
    expect(await service.settle(begun.refund.id, { status: 'succeeded' }, 'test')).toBe(false);
    const whole = await service.beginRefund(order.id, undefined, {});
    if ('refused' in whole) throw new Error('refused');
    expect(whole).toMatchObject({ full: true, refund: { amountMinor: 1000 } });
    expect(await service.settle(whole.refund.id, { status: 'succeeded' }, 'test')).toBe(true);
    expect(await service.settle(whole.refund.id, { status: 'failed' }, 'test')).toBe(false);
    expect((await store.getOrder(order.id))?.status).toBe('succeeded');
    expect(await store.refundTotals(order.id)).toEqual({ succeededMinor: 1000, openMinor: 0 });
    expect(changes).toEqual([
      'order.succeeded',
      'refund.pending',
      'refund.failed',
      'refund.pending',
      'refund.succeeded',
    ]);
  });

  it('never moves a succeeded transaction or order back', async () => {
    const { store, service, order, changes } = await setup();
    const tx = await service.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    expect(await service.settle(tx.id, { status: 'pending' }, 'test')).toBe(true);
    expect(await service.settle(tx.id, { status: 'succeeded' }, 'dmn')).toBe(true);
    expect(await service.settle(tx.id, { status: 'failed', reasonCode: 'declined' }, 'dmn')).toBe(false);
    expect(await service.settle(tx.id, { status: 'pending' }, 'dmn')).toBe(false);
    expect((await store.getOrder(order.id))?.status).toBe('succeeded');
    expect((await store.getTransaction(tx.id))?.status).toBe('succeeded');
    expect(changes).toEqual(['order.pending', 'order.succeeded']);
  });

  it('fails the order with the attempt, and a new attempt makes it pending again', async () => {
    const { store, service, order } = await setup();
    const first = await service.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    await service.settle(first.id, { status: 'failed', reasonCode: 'declined' }, 'dmn');
    expect((await store.getOrder(order.id))?.status).toBe('failed');
    const second = await service.beginAttempt(
      (await store.getOrder(order.id))!,
      'nuvei',
      'okto-cash',
      'payment',
    );
    await service.settle(second.id, { status: 'pending' }, 'browser');
    expect((await store.getOrder(order.id))?.status).toBe('pending');
  });

  it('counts a late approval of an ended attempt and of an expired order', async () => {
    const { store, clock, service, order, changes } = await setup();
    const tx = await service.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    await service.settle(tx.id, { status: 'pending' }, 'browser');
    await clock.advance(120);
    expect(await service.expireDue()).toBe(1);
    expect((await store.getOrder(order.id))?.status).toBe('expired');
    await service.settle(tx.id, { status: 'succeeded' }, 'dmn');
    expect(await store.getOrder(order.id)).toMatchObject({ status: 'succeeded', lateApproval: true });
    expect(changes).toContain('order.late_approval');
  });

  it('lets a shopper cancel the attempt but not a paid order', async () => {
    const { store, service, order } = await setup();
    const tx = await service.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    await service.settle(tx.id, { status: 'pending' }, 'browser');
    expect(await service.cancelAttempt((await store.getOrder(order.id))!)).toBe(true);
    expect(await store.getTransaction(tx.id)).toMatchObject({ status: 'failed', reasonCode: 'cancelled' });
    await service.settle(tx.id, { status: 'succeeded' }, 'dmn');
    expect(await service.cancelOrder(order.id)).toBe(false);
  });

  it('allows only forward transaction moves', () => {
    expect(transactionMayMove('created', 'pending')).toBe(true);
    expect(transactionMayMove('pending', 'pending')).toBe(false);
    expect(transactionMayMove('failed', 'succeeded')).toBe(true);
    expect(transactionMayMove('failed', 'pending')).toBe(false);
    expect(transactionMayMove('succeeded', 'failed')).toBe(false);
  });
});
