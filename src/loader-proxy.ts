import type { EarlyRequest } from './core/early-request.ts';
import type { KassaEvent, KassaEventType } from './core/events.ts';
import type { KassaHandle } from './core/mount.tsx';
import type { MountOptions } from './core/options.ts';

/** The widget's `mount` as the loader calls it: with the loader's request as a third argument. */
export type EntryMount = (
  target: string | Element,
  options: MountOptions,
  early?: EarlyRequest,
) => KassaHandle;
type Listener = (event: KassaEvent) => void;

/**
 * The script-tag loader's `Kassa.mount`: returns a handle at once and forwards to the widget's `mount`
 * once `loadEntry()` resolves with it, with `on` and `destroy` calls made before then queued. `startEarly` starts
 * the widget's first request right away (early-request.ts); the entry's `mount` takes it over, and
 * one it did not take, or one of a handle destroyed before then, is aborted. A failed load is
 * reported as a `NETWORK` error event and the next `mount` tries loading again.
 */
export function createProxyMount(
  loadEntry: () => Promise<EntryMount>,
  startEarly: (options: unknown) => EarlyRequest | undefined = () => undefined,
) {
  let entry: Promise<EntryMount> | undefined;
  return (target: string | Element, options: MountOptions): KassaHandle => {
    let real: KassaHandle | undefined;
    let destroyed = false;
    let queued: { type: KassaEventType; fn: Listener; off?: () => void }[] = [];
    let early = startEarly(options);
    const release = () => {
      if (!early?.taken) early?.abort();
      early = undefined;
    };
    entry ??= loadEntry();
    entry.then(
      (mount) => {
        if (destroyed) return;
        real = mount(target, options, early);
        release();
        for (const item of queued) item.off = real.on(item.type, item.fn);
      },
      () => {
        entry = undefined;
        release();
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
        release();
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
