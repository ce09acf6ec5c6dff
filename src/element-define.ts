/**
 * The `<kassa-checkout>` custom element, given the `mount` to use: the ES entry `kassa/element` passes
 * the real one, the script-tag loader its proxy (so the element is defined as soon as `kassa.js` runs
 * and starts the checkout request at once). The class is created inside `defineElement()` because
 * `class … extends HTMLElement` throws in Node at evaluation time (platform-notes.md). Written for the
 * loader's ES2020 target: no class fields, per-element state in WeakMaps.
 */
import type { KassaHandle } from './core/mount.tsx';
import type { MountOptions } from './core/options.ts';

/** The custom element's tag name. */
export const KASSA_ELEMENT_TAG = 'kassa-checkout';

const ATTRIBUTES = ['server', 'session', 'locale'];

/**
 * Defines `<kassa-checkout>` once (no-op where custom elements do not exist or it is already defined).
 * It mounts into itself and re-dispatches every widget event as `kassa:<type>` (bubbling, composed).
 */
export function defineElement(mount: (target: Element, options: MountOptions) => KassaHandle): void {
  if (typeof customElements === 'undefined' || customElements.get(KASSA_ELEMENT_TAG)) return;
  const handles = new WeakMap<Element, KassaHandle>();
  const queued = new WeakSet<Element>();

  // One remount per microtask for any mix of attribute changes and moves (disconnect + connect).
  const remount = (element: Element): void => {
    if (queued.has(element)) return;
    queued.add(element);
    queueMicrotask(() => {
      queued.delete(element);
      handles.get(element)?.destroy();
      handles.delete(element);
      if (!element.isConnected) return;
      const attribute = (name: string) => element.getAttribute(name) ?? '';
      const handle = mount(element, {
        server: attribute('server'),
        session: attribute('session'),
        locale: attribute('locale'),
        onEvent: (event) =>
          element.dispatchEvent(
            new CustomEvent(`kassa:${event.type}`, { detail: event, bubbles: true, composed: true }),
          ),
      });
      handles.set(element, handle);
    });
  };

  customElements.define(
    KASSA_ELEMENT_TAG,
    class KassaCheckoutElement extends HTMLElement {
      static get observedAttributes(): string[] {
        return ATTRIBUTES;
      }

      connectedCallback(): void {
        remount(this);
      }

      disconnectedCallback(): void {
        remount(this);
      }

      attributeChangedCallback(): void {
        if (handles.has(this)) remount(this);
      }
    },
  );
}
