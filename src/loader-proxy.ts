import type { KassaEvent, KassaEventType } from './core/events.ts';
import type { KassaHandle } from './core/mount.tsx';
import type { MountOptions } from './core/options.ts';

type Entry = { mount(target: string | Element, options: MountOptions): KassaHandle };
type Listener = (event: KassaEvent) => void;

/**
 * The script-tag loader's `Kassa.mount`: returns a handle at once and forwards to the ES entry once
 * `loadEntry()` resolves, with `on` and `destroy` calls made before then queued. A failed load is
 * reported as a `NETWORK` error event and the next `mount` tries loading again.
 */
export function createProxyMount(loadEntry: () => Promise<Entry>) {
  let entry: Promise<Entry> | undefined;
  return (target: string | Element, options: MountOptions): KassaHandle => {
    let real: KassaHandle | undefined;
    let destroyed = false;
    let queued: { type: KassaEventType; fn: Listener; off?: () => void }[] = [];
    entry ??= loadEntry();
    entry.then(
      (module) => {
        if (destroyed) return;
        real = module.mount(target, options);
        for (const item of queued) item.off = real.on(item.type, item.fn);
      },
      () => {
        entry = undefined;
        if (destroyed) return;
        const event: KassaEvent = { type: 'error', orderId: null, method: null, code: 'NETWORK' };
        event.message = 'The checkout could not be loaded.';
        for (const item of queued) if (item.type === 'error') item.fn(event);
        options?.onEvent?.(event);
      },
    );
    return {
      destroy() {
        destroyed = true;
        queued = [];
        real?.destroy();
      },
      on(type, fn) {
        if (real) return real.on(type, fn);
        const item: (typeof queued)[number] = { type, fn: fn as Listener };
        queued.push(item);
        return () => {
          item.off?.();
          queued = queued.filter((other) => other !== item);
        };
      },
    };
  };
}
