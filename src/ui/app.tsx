import type { CheckoutMachine } from '../core/checkout.types.ts';
import type { KassaErrorCode } from '../core/errors.ts';
import { createTranslate, type MessageKey, type Messages } from '../i18n/index.ts';
import { Ctx, type WidgetContext } from './context.ts';
import { focusOnce } from './focus.ts';
import { Picker } from './picker.tsx';
import { TryAgain } from './try-again.tsx';

/** Props of the widget's root view. */
export interface AppProps {
  m: CheckoutMachine;
  /** The locale's dictionary (for English, the picker's part until the flow chunk brings the rest). */
  messages: Partial<Messages>;
  locale: string;
  host: HTMLElement;
}

const ERROR_KEYS: Record<KassaErrorCode, MessageKey> = {
  NETWORK: 'error_network',
  PROVIDER: 'error_provider',
  INTERNAL: 'error_internal',
  CANCELLED: 'error_internal',
  CONFIGURATION: 'error_configuration',
  TOKEN_EXPIRED: 'error_token_expired',
  VALIDATION: 'error_internal',
};

// One context object per dictionary pair: a new one every render would re-render every consumer.
const contexts = new WeakMap<
  CheckoutMachine,
  WidgetContext & { messages: object; more: object | undefined }
>();

function contextFor(m: CheckoutMachine, messages: Partial<Messages>, locale: string, host: HTMLElement) {
  const more = m.flow.value?.enMore;
  const cached = contexts.get(m);
  if (cached?.messages === messages && cached.more === more) return cached;
  const context = { m, t: createTranslate(messages, more), locale, host, messages, more };
  contexts.set(m, context);
  return context;
}

/** The widget's root view: the one `role="status"` element and the view of the current state. */
export function App({ m, messages, locale, host }: AppProps) {
  const context = contextFor(m, messages, locale, host);
  const flow = m.flow.value;
  const state = m.state.value;
  const ActionView = flow?.ActionView;
  const StatusView = flow?.StatusView;
  const busy = state === 'loading' || state === 'processing';
  return (
    <Ctx.Provider value={context}>
      <div class="kassa" data-state={state} aria-busy={busy ? 'true' : 'false'}>
        <div role="status" class="kassa-status" tabIndex={-1}>
          {state === 'loading' || state === 'error' ? (
            <InitialStatus w={context} />
          ) : (
            StatusView && <StatusView />
          )}
        </div>
        {(state === 'ready' || state === 'processing') && <Picker w={context} />}
        {state === 'action' && ActionView && <ActionView />}
        {(state === 'failed' || (state === 'error' && m.canRetry.value)) && <TryAgain w={context} />}
      </div>
    </Ctx.Provider>
  );
}

/** Loading (with a progress indicator) and error texts: all the flow chunk is not needed for. */
function InitialStatus({ w: { m, t } }: { w: WidgetContext }) {
  if (m.state.value === 'loading')
    return (
      <p class="kassa-loading">
        <span class="kassa-spinner" aria-hidden="true" />
        {t('loading')}
      </p>
    );
  const error = m.error.value;
  // The server refused the client token (tampered, unknown): for the shopper, a link that is not valid.
  const invalidLink = error?.code === 'CONFIGURATION' && error.status !== undefined;
  return (
    <p class="kassa-problem" tabIndex={-1} ref={m.touched ? focusOnce : null}>
      <svg class="kassa-icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="9.5" />
        <path d="M12 7.5v5.5M12 16.5h.01" />
      </svg>
      {t(invalidLink ? 'error_token_invalid' : ERROR_KEYS[error?.code ?? 'INTERNAL'])}
    </p>
  );
}
