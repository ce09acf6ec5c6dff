import { describe, expect, it, vi } from 'vitest';
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
    const mount = createProxyMount(() => Promise.resolve(entry));
    const handle = mount('#checkout', options);
    const seen: string[] = [];
    handle.on('ready', (event) => seen.push(event.type));
    expect(entry.mount).not.toHaveBeenCalled();
    await Promise.resolve();
    await Promise.resolve();
    expect(entry.mount).toHaveBeenCalledWith('#checkout', options);
    entry.emit(ready);
    expect(seen).toEqual(['ready']);
    handle.on('ready', (event) => seen.push(`late ${event.type}`));
    entry.emit(ready);
    expect(seen).toEqual(['ready', 'ready', 'late ready']);
  });

  it('never mounts when destroyed before the entry loaded, and off() works before and after loading', async () => {
    const entry = fakeEntry();
    const mount = createProxyMount(() => Promise.resolve(entry));
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
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(entry);
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
});
