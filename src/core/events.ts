import type { KassaErrorCode } from './errors.ts';

/** Every event type the widget emits (design §2 Events). */
export type KassaEventType =
  | 'ready'
  | 'method-selected'
  | 'action'
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'error';

/** Fields shared by every widget event; `message` is safe to show to shoppers. */
export interface KassaEventBase {
  orderId: string | null;
  method: string | null;
  providerReference?: string;
  reasonCode?: string;
  message?: string;
}

/** An `error` event: adds the `KassaError` code and, for `CONFIGURATION`, the option name. */
export interface KassaErrorEvent extends KassaEventBase {
  type: 'error';
  code: KassaErrorCode;
  option?: string;
}

/** Any event except `error`. */
export interface KassaStatusEvent extends KassaEventBase {
  type: Exclude<KassaEventType, 'error'>;
}

/** The one event union the widget emits. */
export type KassaEvent = KassaStatusEvent | KassaErrorEvent;

/** The event object of one type (`error` events carry `code` and `option`). */
export type KassaEventOf<T extends KassaEventType> = T extends 'error'
  ? KassaErrorEvent
  : KassaStatusEvent & { type: T };

/** A listener for one event type. */
export type KassaListener<T extends KassaEventType> = (event: KassaEventOf<T>) => void;

/** A small typed emitter; dispatches on a microtask so listeners added right after `mount` still hear. */
export interface Emitter {
  on<T extends KassaEventType>(type: T, listener: KassaListener<T>): () => void;
  emit(event: KassaEvent): void;
  clear(): void;
}

/** Creates an emitter that also forwards every event to `sink` (the `onEvent` option). */
export function createEmitter(sink?: (event: KassaEvent) => void): Emitter {
  let listeners: { type: KassaEventType; fn: (event: KassaEvent) => void }[] = [];
  let alive = true;
  const deliver = (event: KassaEvent) => {
    if (!alive) return;
    for (const entry of listeners.slice()) {
      if (entry.type === event.type) safely(entry.fn, event);
    }
    if (sink) safely(sink, event);
  };
  return {
    on(type, listener) {
      const entry = { type, fn: listener as (event: KassaEvent) => void };
      listeners.push(entry);
      return () => {
        listeners = listeners.filter((other) => other !== entry);
      };
    },
    emit(event) {
      queueMicrotask(() => deliver(event));
    },
    clear() {
      alive = false;
      listeners = [];
    },
  };
}

// A merchant's throwing listener must not break the checkout or the other listeners; like DOM event
// listeners, its exception is reported to the page (window.onerror) instead.
function safely(fn: (event: KassaEvent) => void, event: KassaEvent): void {
  try {
    fn(event);
  } catch (error) {
    (globalThis as { reportError?: (error: unknown) => void }).reportError?.(error);
  }
}
