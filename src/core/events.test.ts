import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createEmitter, type KassaEventOf } from './events.ts';

describe('event emitter', () => {
  it('delivers on a microtask, by type, to listeners and the onEvent sink', async () => {
    const sink = vi.fn();
    const emitter = createEmitter(sink);
    const ready = vi.fn();
    emitter.on('ready', ready);
    emitter.emit({ type: 'ready', orderId: 'o', method: null });
    expect(ready).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(ready).toHaveBeenCalledWith({ type: 'ready', orderId: 'o', method: null });
    expect(sink).toHaveBeenCalledTimes(1);
  });

  it('keeps going when a listener throws, and stops after clear()', async () => {
    const emitter = createEmitter();
    const second = vi.fn();
    emitter.on('failed', () => {
      throw new Error('merchant bug');
    });
    emitter.on('failed', second);
    emitter.emit({ type: 'failed', orderId: 'o', method: 'okto-cash', reasonCode: 'declined' });
    await Promise.resolve();
    expect(second).toHaveBeenCalledOnce();
    emitter.clear();
    emitter.emit({ type: 'failed', orderId: 'o', method: null });
    await Promise.resolve();
    expect(second).toHaveBeenCalledOnce();
  });

  it('types listeners by event type', () => {
    expectTypeOf<KassaEventOf<'ready'>['type']>().toEqualTypeOf<'ready'>();
    expectTypeOf<KassaEventOf<'error'>['code']>().toEqualTypeOf<
      'NETWORK' | 'VALIDATION' | 'PROVIDER' | 'CONFIGURATION' | 'CANCELLED' | 'INTERNAL' | 'TOKEN_EXPIRED'
    >();
  });
});
