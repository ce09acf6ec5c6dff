/**
 * The script-tag loader `kassa.js`, built as a tiny classic script (IIFE, no dependencies). It defines
 * `window.Kassa = { mount, version }` and loads the ES entry and the custom element as lazy modules
 * from the script's own directory: an IIFE cannot be code-split, but a classic script may `import()`
 * (platform-notes.md "Script-tag build and lazy chunks"). `mount` returns a proxy handle at once.
 */
import type { KassaEvent, KassaEventType } from './core/events.ts';
import type { KassaHandle } from './core/mount.tsx';
import type { MountOptions } from './core/options.ts';
import { VERSION } from './version.ts';

type Entry = typeof import('./index.ts');
type Listener = (event: KassaEvent) => void;

// Captured while the script is being evaluated; `document.currentScript` is null afterwards.
const script = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null);
const base = script?.src || (typeof document === 'undefined' ? '' : document.baseURI);
const load = <T>(name: string): Promise<T> => import(/* @vite-ignore */ new URL(`./${name}.js`, base).href);
let entry: Promise<Entry> | undefined;

/** Mounts through the ES entry once it has loaded; calls made before then are queued. */
function mount(target: string | Element, options: MountOptions): KassaHandle {
  let real: KassaHandle | undefined;
  let destroyed = false;
  let queued: { type: KassaEventType; fn: Listener; off?: () => void }[] = [];
  entry ??= load<Entry>('index');
  entry.then(
    (module) => {
      if (destroyed) return;
      real = module.mount(target, options);
      for (const item of queued) item.off = real.on(item.type, item.fn);
    },
    () => {
      entry = undefined; // let a later mount try again
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
}

if (typeof window !== 'undefined' && !('Kassa' in window)) {
  (window as unknown as { Kassa: unknown }).Kassa = { mount, version: VERSION };
  // The element entry defines <kassa-checkout> on evaluation, so the script tag alone enables it.
  load('element').catch(() => {});
}
