/**
 * The script-tag loader `kassa.js`, built as a tiny classic script (IIFE, no dependencies). It defines
 * `window.Kassa = { mount, version }` and `<kassa-checkout>`, and loads the widget as ES modules from
 * the script's own directory: an IIFE cannot be code-split, but a classic script may `import()`
 * (platform-notes.md "Script-tag build and lazy chunks"). This module must export nothing: the IIFE
 * build would otherwise assign its exports to a global `Kassa` over the one defined here.
 *
 * What makes the picker appear soon: every file `mount` needs is requested at once, side by side
 * (the build names them, vite.config.ts), not one import level after the other; and `mount` starts
 * the checkout request before any of them has arrived (loader-proxy.ts, core/early-request.ts).
 */
import { startEarlyRequest } from './core/early-request.ts';
import { defineElement } from './element-define.ts';
import { createProxyMount, type EntryMount } from './loader-proxy.ts';
import { VERSION } from './version.ts';

/**
 * Set by the build: the file that defines `mount` (the chunk the entry `index.js` re-exports it from),
 * its export name there, and every file it needs (itself and its static imports), relative to this script.
 */
declare const __KASSA_ENTRY__: { file: string; name: string; files: string[] } | undefined;

if (typeof window !== 'undefined' && !('Kassa' in window)) {
  // Read while the script is being evaluated (`document.currentScript` is null afterwards).
  const base = (document.currentScript as HTMLScriptElement | null)?.src || document.baseURI;
  const load = (file: string): Promise<Record<string, EntryMount>> =>
    import(/* @vite-ignore */ new URL(file, base).href);
  const entry =
    typeof __KASSA_ENTRY__ === 'undefined' ? { file: 'index.js', name: 'mount', files: [] } : __KASSA_ENTRY__;
  // Fetched (and evaluated) now; their own `import` statements then find each other in the module map.
  for (const file of entry.files) load(file).catch(() => {});
  const mount = createProxyMount(
    () => load(entry.file).then((module) => module[entry.name] as EntryMount),
    startEarlyRequest,
  );
  (window as unknown as { Kassa: unknown }).Kassa = { mount, version: VERSION };
  defineElement(mount);
}
