import { signal as createSignal, effect } from '@preact/signals-core';
import { render } from 'preact';
import { en, loadMessages, type Messages, resolveLocale } from '../i18n/index.ts';
import { App } from '../ui/app.tsx';
import { adoptStyles } from '../ui/sheets.ts';
import { createApi } from './api.ts';
import { createCheckoutMachine } from './checkout.machine.ts';
import type { EarlyRequest } from './early-request.ts';
import { KassaError } from './errors.ts';
import { createEmitter, type KassaEventType, type KassaListener } from './events.ts';
import { type MountOptions, parseOptions } from './options.ts';

/** What `mount` returns. */
export interface KassaHandle {
  /** Removes the widget: host element, listeners, timers and pending requests. */
  destroy(): void;
  /** Listens to one event type; returns a function that stops listening. */
  on<T extends KassaEventType>(type: T, listener: KassaListener<T>): () => void;
}

const invalid = (option: string) => `The “${option}” option is missing or invalid.`;

/**
 * Mounts the checkout into `target` (a selector or an element) inside its own host element with an
 * open shadow root. Never throws: problems become `error` events, dispatched after `mount` returns.
 */
export const mount: (target: string | Element, options: MountOptions) => KassaHandle = mountWith;

/**
 * `mount` with the script-tag loader's request already in flight (early-request.ts). The same
 * function is the entry's `mount`, untyped third argument included: only the loader passes it.
 */
export function mountWith(
  target: string | Element,
  options: MountOptions,
  early?: EarlyRequest,
): KassaHandle {
  const raw = options as Partial<MountOptions> | undefined;
  const emitter = createEmitter(typeof raw?.onEvent === 'function' ? raw.onEvent : undefined);
  const controller = new AbortController();
  const { signal } = controller;
  let cleanup = (): void => {};
  const handle: KassaHandle = {
    on: (type, listener) => emitter.on(type, listener),
    destroy() {
      if (signal.aborted) return;
      controller.abort();
      cleanup();
      emitter.clear();
    },
  };
  const element = findTarget(target);
  if (!element) {
    // No host to show a state on: the event is all the merchant gets (design §2).
    const message = invalid('target');
    emitter.emit({
      type: 'error',
      orderId: null,
      method: null,
      code: 'CONFIGURATION',
      option: 'target',
      message,
    });
    return handle;
  }
  try {
    const host = element.ownerDocument.createElement('div');
    host.className = 'kassa-host';
    element.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const parsed = parseOptions(raw);
    const options = parsed.ok ? parsed.value : null;
    adoptStyles(shadow, options?.theme ?? {});
    // A misconfigured widget never calls its API (about:blank is only a placeholder).
    const server = options?.server ?? new URL('about:blank');
    const m = createCheckoutMachine({
      api: createApi(server, options?.session ?? '', signal, early),
      emit: emitter.emit,
      signal,
      server,
      host,
      theme: options?.theme ?? {},
    });
    const disposeState = effect(() => {
      host.dataset.kassaState = m.state.value;
    });
    const locale = resolveLocale(typeof raw?.locale === 'string' ? raw.locale : undefined);
    const messages = createSignal<Partial<Messages> | null>(null);
    loadMessages(locale)
      .catch(() => en)
      .then((loaded) => {
        messages.value = loaded;
      });
    // Renders the whole view whenever a signal it read changes. The initial views read signals with
    // @preact/signals-core alone; the flow chunk brings @preact/signals, whose Preact integration then
    // tracks each component by itself (flow.ts), so this effect stops re-running: it reads nothing
    // outside components. Keeping the integration (and preact/hooks) out of the picker's path is
    // about 2.5 KB gzip of the 15 KB initial-load budget (design §5).
    const disposeView = effect(() => {
      const loaded = messages.value;
      if (loaded && !signal.aborted)
        render(<App m={m} messages={loaded} locale={locale} host={host} />, shadow);
    });
    cleanup = () => {
      disposeState();
      disposeView();
      render(null, shadow);
      host.remove();
    };
    if (parsed.ok) void m.load();
    else m.fail(new KassaError('CONFIGURATION', invalid(parsed.option), { option: parsed.option }));
  } catch {
    // Defensive: mount must never throw into the merchant's page (e.g. a target that rejects children).
    cleanup();
    emitter.emit({
      type: 'error',
      orderId: null,
      method: null,
      code: 'INTERNAL',
      message: 'The checkout could not start.',
    });
  }
  return handle;
}

function findTarget(target: unknown): Element | null {
  if (typeof document === 'undefined') return null;
  try {
    const found = typeof target === 'string' ? document.querySelector(target) : target;
    return found instanceof Element ? found : null;
  } catch {
    // An invalid selector throws a SyntaxError; for the merchant that is simply "no target".
    return null;
  }
}
