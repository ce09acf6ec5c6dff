import { afterEach, describe, expect, it, vi } from 'vitest';
import { CREATE_PAYMENT_TIMEOUT_MS, createPayment, type SafeChargeInstance } from './sdk.ts';

afterEach(() => vi.useRealTimers());

describe('Nuvei Web SDK wrapper', () => {
  it('calls createPayment synchronously and resolves with the callback’s object', async () => {
    let called = false;
    const instance: SafeChargeInstance = {
      createPayment(params, callback) {
        called = true;
        expect(params).toEqual({ sessionToken: 's' });
        setTimeout(() => callback({ result: 'PENDING', errCode: 0 }), 0);
      },
    };
    const result = createPayment(instance, { sessionToken: 's' }, new AbortController().signal);
    expect(called, 'inside the same call stack as the click').toBe(true);
    await expect(result).resolves.toEqual({ result: 'PENDING', errCode: 0 });
  });

  it('gives up with PROVIDER when the callback never comes', async () => {
    vi.useFakeTimers();
    const result = createPayment({ createPayment() {} }, {}, new AbortController().signal);
    const failure = expect(result).rejects.toMatchObject({ code: 'PROVIDER' });
    await vi.advanceTimersByTimeAsync(CREATE_PAYMENT_TIMEOUT_MS);
    await failure;
  });

  it('rejects with PROVIDER when the SDK throws, and with CANCELLED on destroy (no timer left)', async () => {
    const throwing: SafeChargeInstance = {
      createPayment() {
        throw new Error('bad params');
      },
    };
    await expect(createPayment(throwing, {}, new AbortController().signal)).rejects.toMatchObject({
      code: 'PROVIDER',
    });
    vi.useFakeTimers();
    const destroy = new AbortController();
    const pending = createPayment({ createPayment() {} }, {}, destroy.signal);
    destroy.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
