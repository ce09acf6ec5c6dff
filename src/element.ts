/**
 * The `<kassa-checkout server="…" session="…" locale="…">` custom element, for pages with a strict CSP
 * and no inline scripts (the element itself is in element-define.ts, shared with the script-tag
 * loader). Importing this module defines it; importing it in Node does nothing.
 */
import { mount } from './core/mount.tsx';
import { defineElement } from './element-define.ts';

export { KASSA_ELEMENT_TAG } from './element-define.ts';

/**
 * Defines `<kassa-checkout>` once (no-op where custom elements do not exist or it is already defined).
 * It mounts into itself and re-dispatches every widget event as `kassa:<type>` (bubbling, composed).
 */
export function defineKassaElement(): void {
  defineElement(mount);
}

defineKassaElement();
