import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../clock.ts';
import { createLogger } from '../log.ts';
import { openDatabase, Store } from '../store/sqlite.ts';
import { OrderService, transactionMayMove } from './service.ts';
import { OrderWaiters } from './waiters.ts';

function setup() {
  const store = new Store(openDatabase(':memory:'));
  const clock = new SandboxClock();
  const service = new OrderService(store, clock, new OrderWaiters(), createLogger({ silent: true }));
  const changes: string[] = [];
  service.onOrderChange((_order, type) => changes.push(type));
  const order = service.create({
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
    expiresAt: clock.now() + 60_000,
  });
  return { store, clock, service, order, changes };
}

describe('OrderService', () => {
  it('never moves a succeeded transaction or order back', () => {
    const { store, service, order, changes } = setup();
    const tx = service.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    expect(service.settle(tx.id, { status: 'pending' }, 'test')).toBe(true);
    expect(service.settle(tx.id, { status: 'succeeded' }, 'dmn')).toBe(true);
    expect(service.settle(tx.id, { status: 'failed', reasonCode: 'declined' }, 'dmn')).toBe(false);
    expect(service.settle(tx.id, { status: 'pending' }, 'dmn')).toBe(false);
    expect(store.getOrder(order.id)?.status).toBe('succeeded');
    expect(store.getTransaction(tx.id)?.status).toBe('succeeded');
    expect(changes).toEqual(['order.pending', 'order.succeeded']);
  });

  it('fails the order with the attempt, and a new attempt makes it pending again', () => {
    const { store, service, order } = setup();
    const first = service.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    service.settle(first.id, { status: 'failed', reasonCode: 'declined' }, 'dmn');
    expect(store.getOrder(order.id)?.status).toBe('failed');
    const second = service.beginAttempt(store.getOrder(order.id)!, 'nuvei', 'okto-cash', 'payment');
    service.settle(second.id, { status: 'pending' }, 'browser');
    expect(store.getOrder(order.id)?.status).toBe('pending');
  });

  it('counts a late approval of an ended attempt and of an expired order', () => {
    const { store, clock, service, order, changes } = setup();
    const tx = service.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    service.settle(tx.id, { status: 'pending' }, 'browser');
    clock.advance(120);
    expect(service.expireDue()).toBe(1);
    expect(store.getOrder(order.id)?.status).toBe('expired');
    service.settle(tx.id, { status: 'succeeded' }, 'dmn');
    expect(store.getOrder(order.id)).toMatchObject({ status: 'succeeded', lateApproval: true });
    expect(changes).toContain('order.late_approval');
  });

  it('lets a shopper cancel the attempt but not a paid order', () => {
    const { store, service, order } = setup();
    const tx = service.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    service.settle(tx.id, { status: 'pending' }, 'browser');
    expect(service.cancelAttempt(store.getOrder(order.id)!)).toBe(true);
    expect(store.getTransaction(tx.id)).toMatchObject({ status: 'failed', reasonCode: 'cancelled' });
    service.settle(tx.id, { status: 'succeeded' }, 'dmn');
    expect(service.cancelOrder(store.getOrder(order.id)!)).toBe(false);
  });

  it('allows only forward transaction moves', () => {
    expect(transactionMayMove('created', 'pending')).toBe(true);
    expect(transactionMayMove('pending', 'pending')).toBe(false);
    expect(transactionMayMove('failed', 'succeeded')).toBe(true);
    expect(transactionMayMove('failed', 'pending')).toBe(false);
    expect(transactionMayMove('succeeded', 'failed')).toBe(false);
  });
});
