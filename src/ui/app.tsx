import { useMemo } from 'preact/hooks';
import type { CheckoutMachine } from '../core/checkout.machine.ts';
import type { KassaErrorCode } from '../core/errors.ts';
import { createTranslate, type MessageKey, type Messages, type Translate } from '../i18n/index.ts';
import { Ctx, type WidgetContext } from './context.ts';
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

/** The widget's root view: the one `role="status"` element and the view of the current state. */
export function App({ m, messages, locale, host }: AppProps) {
  const flow = m.flow.value;
  const context = useMemo<WidgetContext>(
    () => ({ m, t: createTranslate(messages, flow?.enMore), locale, host }),
    [m, messages, flow, locale, host],
  );
  const state = m.state.value;
  const ActionView = flow?.ActionView;
  return (
    <Ctx.Provider value={context}>
      <div
        class="kassa"
        data-state={state}
        aria-busy={state === 'loading' || state === 'processing' ? 'true' : 'false'}
      >
        <p role="status" class="kassa-status">
          {statusText(m, context.t)}
        </p>
        {(state === 'ready' || state === 'processing') && <Picker />}
        {state === 'action' && ActionView && <ActionView />}
        {(state === 'failed' || (state === 'error' && m.canRetry.value)) && <TryAgain />}
      </div>
    </Ctx.Provider>
  );
}

function statusText(m: CheckoutMachine, t: Translate): string {
  if (m.state.value === 'loading') return t('loading');
  if (m.state.value === 'error') return t(ERROR_KEYS[m.error.value?.code ?? 'INTERNAL']);
  // Attempts and outcomes only happen once the flow chunk is loaded; it words them.
  return m.flow.value?.statusText(m, t) ?? '';
}
