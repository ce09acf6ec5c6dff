/**
 * The `<kassa-checkout server="…" session="…" locale="…">` custom element, for pages with a strict CSP
 * and no inline scripts. The class is created inside `defineKassaElement()` because
 * `class … extends HTMLElement` throws in Node at evaluation time (platform-notes.md).
 */
import { type KassaHandle, mount } from './core/mount.tsx';

/** The custom element's tag name. */
export const KASSA_ELEMENT_TAG = 'kassa-checkout';

/**
 * Defines `<kassa-checkout>` once (no-op where custom elements do not exist or it is already defined).
 * It mounts into itself and re-dispatches every widget event as `kassa:<type>` (bubbling, composed).
 */
export function defineKassaElement(): void {
  if (typeof customElements === 'undefined' || customElements.get(KASSA_ELEMENT_TAG)) return;

  class KassaCheckoutElement extends HTMLElement {
    static observedAttributes = ['server', 'session', 'locale'];
    #handle: KassaHandle | null = null;
    #queued = false;

    connectedCallback(): void {
      this.#remount();
    }

    disconnectedCallback(): void {
      this.#remount();
    }

    attributeChangedCallback(): void {
      if (this.#handle) this.#remount();
    }

    // One remount per microtask for any mix of attribute changes and moves (disconnect + connect).
    #remount(): void {
      if (this.#queued) return;
      this.#queued = true;
      queueMicrotask(() => {
        this.#queued = false;
        this.#handle?.destroy();
        this.#handle = null;
        if (!this.isConnected) return;
        const attribute = (name: string) => this.getAttribute(name) ?? '';
        this.#handle = mount(this, {
          server: attribute('server'),
          session: attribute('session'),
          locale: attribute('locale'),
          onEvent: (event) =>
            this.dispatchEvent(
              new CustomEvent(`kassa:${event.type}`, { detail: event, bubbles: true, composed: true }),
            ),
        });
      });
    }
  }

  customElements.define(KASSA_ELEMENT_TAG, KassaCheckoutElement);
}

defineKassaElement();
