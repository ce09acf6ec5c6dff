/**
 * The script-tag loader `kassa.js`, built as a tiny classic script (IIFE, no dependencies). It defines
 * `window.Kassa = { mount, version }` and loads the ES entry and the custom element as lazy modules
 * from the script's own directory: an IIFE cannot be code-split, but a classic script may `import()`
 * (platform-notes.md "Script-tag build and lazy chunks"). This module must export nothing: the IIFE
 * build would otherwise assign its exports to a global `Kassa` over the one defined here.
 */
import { createProxyMount } from './loader-proxy.ts';
import { VERSION } from './version.ts';

// Captured while the script is being evaluated; `document.currentScript` is null afterwards.
const script = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null);
const base = script?.src || (typeof document === 'undefined' ? '' : document.baseURI);
const load = <T>(name: string): Promise<T> => import(/* @vite-ignore */ new URL(`./${name}.js`, base).href);

if (typeof window !== 'undefined' && !('Kassa' in window)) {
  (window as unknown as { Kassa: unknown }).Kassa = {
    mount: createProxyMount(() => load('index')),
    version: VERSION,
  };
  // The element entry defines <kassa-checkout> on evaluation, so the script tag alone enables it.
  load('element').catch(() => {});
}
