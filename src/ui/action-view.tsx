import { useEffect, useState } from 'preact/hooks';
import { isResumed } from '../core/actions.ts';
import { KassaError } from '../core/errors.ts';
import type { MethodDefinition } from '../methods/define.ts';
import { loadMethod } from '../methods/registry.ts';
import { PopupView } from './popup-view.tsx';
import { useWidget } from './use-widget.ts';

/** Shows the current action: a method's voucher (lazy chunk) or the provider-page controls. */
export function ActionView() {
  const { m } = useWidget();
  const action = m.action.value;
  if (action?.type === 'voucher') return <VoucherSlot />;
  // A popup in progress, or a full-page redirect the shopper came back from unfinished.
  if (action?.type === 'redirect' && (action.popup || isResumed(action)))
    return <PopupView action={action} />;
  return null;
}

function VoucherSlot() {
  const { m, t } = useWidget();
  const [definition, setDefinition] = useState<MethodDefinition | null>(null);
  // Vouchers are OKTO Cash's today; a returning shopper's answer may not name the method.
  const methodId = m.selected.value ?? 'okto-cash';
  useEffect(() => {
    let live = true;
    loadMethod(methodId)
      .then((loaded) => (loaded?.Voucher ? loaded : loadMethod('okto-cash')))
      .then((loaded) => {
        if (live && loaded) setDefinition(loaded);
      })
      .catch(() => {
        // A chunk that fails to load is a connection problem; "Try again" reloads the checkout.
        if (live)
          m.fail(new KassaError('NETWORK', 'Part of the checkout could not be loaded.'), () => void m.load());
      });
    return () => {
      live = false;
    };
  }, [m, methodId]);
  const action = m.action.value;
  const Voucher = definition?.Voucher;
  if (Voucher && action?.type === 'voucher') return <Voucher action={action} />;
  // The voucher's code (with the pay-code libraries) is loading: a progress indicator at once.
  return (
    <p class="kassa-loading" aria-busy="true">
      <span class="kassa-spinner" aria-hidden="true" />
      {t('loading_method')}
    </p>
  );
}
