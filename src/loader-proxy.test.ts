import { describe, expect, it, vi } from 'vitest';
import type { EarlyRequest } from './core/early-request.ts';
import type { KassaEvent } from './core/events.ts';
import type { KassaHandle } from './core/mount.tsx';
import { createProxyMount } from './loader-proxy.ts';

function fakeEntry() {
  const listeners: { type: string; fn: (event: KassaEvent) => void }[] = [];
  const handle: KassaHandle = {
    destroy: vi.fn(),
    on: (type, fn) => {
      const item = { type: type as string, fn: fn as (event: KassaEvent) => void };
      listeners.push(item);
      return () => {
        listeners.splice(listeners.indexOf(item), 1);
      };
    },
  };
  const emit = (event: KassaEvent) => {
    for (const item of listeners) if (item.type === event.type) item.fn(event);
  };
  return { mount: vi.fn(() => handle), handle, emit, listeners };
}

const options = { server: 'https://pay.example', session: 't' };
const ready: KassaEvent = { type: 'ready', orderId: 'o1', method: null };

describe('script-tag loader proxy', () => {
  it('returns a handle at once and forwards listeners added before the entry loaded', async () => {
    const entry = fakeEntry();
    const mount = createProxyMount(() => Promise.resolve(entry.mount));
    const handle = mount('#checkout', options);
    const seen: string[] = [];
    handle.on('ready', (event) => seen.push(event.type));
    expect(entry.mount).not.toHaveBeenCalled();
    await Promise.resolve();
    await Promise.resolve();
    expect(entry.mount).toHaveBeenCalledWith('#checkout', options, undefined);
    entry.emit(ready);
    expect(seen).toEqual(['ready']);
    handle.on('ready', (event) => seen.push(`late ${event.type}`));
    entry.emit(ready);
    expect(seen).toEqual(['ready', 'ready', 'late ready']);
  });

  it('never mounts when destroyed before the entry loaded, and off() works before and after loading', async () => {
    const entry = fakeEntry();
    const mount = createProxyMount(() => Promise.resolve(entry.mount));
    mount('#a', options).destroy();
    const second = mount('#b', options);
    const off = second.on('ready', () => {});
    off();
    await Promise.resolve();
    await Promise.resolve();
    expect(entry.mount).toHaveBeenCalledTimes(1);
    expect(entry.listeners).toHaveLength(0);
    second.destroy();
    expect(entry.handle.destroy).toHaveBeenCalledTimes(1);
  });

  it('reports a failed load as a NETWORK error event and retries on the next mount', async () => {
    const entry = fakeEntry();
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(entry.mount);
    const mount = createProxyMount(load);
    const onEvent = vi.fn();
    const errors: KassaEvent[] = [];
    mount('#a', { ...options, onEvent }).on('error', (event) => errors.push(event));
    await vi.waitFor(() => expect(onEvent).toHaveBeenCalled());
    expect(errors[0]).toMatchObject({ type: 'error', code: 'NETWORK' });
    mount('#a', options);
    await vi.waitFor(() => expect(entry.mount).toHaveBeenCalled());
    expect(load).toHaveBeenCalledTimes(2);
  });

  describe('the early checkout request', () => {
    function early(): EarlyRequest {
      return {
        url: 'https://pay.example/api/checkout',
        token: 't',
        answer: new Promise(() => {}),
        abort: vi.fn(),
      };
    }

    it('is started by mount, before the entry has loaded, and handed to the real mount', async () => {
      const entry = fakeEntry();
      const request = early();
      const startEarly = vi.fn(() => request);
      const mount = createProxyMount(() => Promise.resolve(entry.mount), startEarly);
      mount('#checkout', options);
      expect(startEarly).toHaveBeenCalledWith(options);
      await vi.waitFor(() => expect(entry.mount).toHaveBeenCalledWith('#checkout', options, request));
    });

    it('is left running when the real mount took it, and aborted when it did not', async () => {
      const taken = early();
      const entry = fakeEntry();
      entry.mount.mockImplementationOnce(((_target: unknown, _options: unknown, request: EarlyRequest) => {
        request.taken = true;
        return entry.handle;
      }) as () => KassaHandle);
      const mount = createProxyMount(
        () => Promise.resolve(entry.mount),
        vi.fn(() => taken),
      );
      mount('#a', options);
      await vi.waitFor(() => expect(entry.mount).toHaveBeenCalledTimes(1));
      expect(taken.abort).not.toHaveBeenCalled();

      const untaken = early();
      const other = createProxyMount(
        () => Promise.resolve(entry.mount),
        () => untaken,
      );
      other('#b', options);
      await vi.waitFor(() => expect(entry.mount).toHaveBeenCalledTimes(2));
      expect(untaken.abort).toHaveBeenCalledTimes(1);
    });

    it('is aborted by destroy() before the entry has loaded, and by a failed load', async () => {
      const entry = fakeEntry();
      const request = early();
      const mount = createProxyMount(
        () => Promise.resolve(entry.mount),
        () => request,
      );
      mount('#a', options).destroy();
      expect(request.abort).toHaveBeenCalledTimes(1);
      await Promise.resolve();
      await Promise.resolve();
      expect(entry.mount).not.toHaveBeenCalled();

      const failed = early();
      const offline = createProxyMount(
        () => Promise.reject(new Error('offline')),
        () => failed,
      );
      const onEvent = vi.fn();
      offline('#a', { ...options, onEvent });
      await vi.waitFor(() => expect(onEvent).toHaveBeenCalled());
      expect(failed.abort).toHaveBeenCalledTimes(1);
    });
  });
});
