import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { NextAction } from '../contract/actions.ts';
import { isResumed } from '../core/actions.ts';
import { KassaError } from '../core/errors.ts';
import { findActionHandler } from '../providers/registry.ts';
import { PopupView } from './popup-view.tsx';
import { useWidget } from './use-widget.ts';

/**
 * Shows the current action: the provider-page controls of a popup or a redirect the shopper came back
 * from (ours), else the view the action's provider contributes (its lazy chunk, e.g. OKTO's voucher).
 * A full-page redirect in progress has no view: the status line says where the shopper is going.
 */
export function ActionView() {
  const { m } = useWidget();
  const action = m.action.value;
  if (action?.type === 'redirect' && (action.popup || isResumed(action)))
    return <PopupView action={action} />;
  if (action?.type === 'form-post' && isResumed(action)) return <PopupView action={action} />;
  if (!action || action.type === 'redirect') return null;
  return <ProviderView action={action} />;
}

type View = ComponentType<{ action: NextAction }>;

/** One view per action type: the component found for it, or `null` when its provider has none. */
function ProviderView({ action }: { action: NextAction }) {
  const { m, t } = useWidget();
  const [found, setFound] = useState<{ type: string; View: View | null } | null>(null);
  const methodId = m.selected.value;
  useEffect(() => {
    let live = true;
    findActionHandler(m, action)
      .then((handler) => (handler?.View ? handler.View() : null))
      .then((View) => {
        if (live) setFound({ type: action.type, View: View as View | null });
      })
      .catch(() => {
        // A chunk that fails to load is a connection problem; "Try again" reloads the checkout.
        if (live)
          m.fail(new KassaError('NETWORK', 'Part of the checkout could not be loaded.'), () => void m.load());
      });
    return () => {
      live = false;
    };
    // A new action of the same type (a long-poll repeating the voucher) keeps its view.
  }, [m, action.type, methodId]);
  if (found?.type === action.type) return found.View ? <found.View action={action} /> : null;
  // A 3-D Secure form post leaves the page at once: no progress line of our own unless a view says so.
  if (action.type === 'form-post') return null;
  // The view's code (e.g. the voucher with the pay-code libraries) is loading: a progress indicator at once.
  return (
    <p class="kassa-loading" aria-busy="true">
      <span class="kassa-spinner" aria-hidden="true" />
      {t('loading_method')}
    </p>
  );
}
