import { isResumed } from '../core/actions.ts';
import type { CheckoutMachine } from '../core/checkout.types.ts';
import { outcomeKey } from '../core/outcome.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

/**
 * The status text once the flow chunk is loaded (attempts and outcomes); the picker-time texts
 * (loading, errors) are in app.tsx. Outcomes start with the contract words ("Payment successful",
 * "Payout failed", …) followed by a sentence of guidance.
 */
export function statusText(m: CheckoutMachine, t: Translate): string {
  const action = m.action.value;
  const outcome = m.outcome.value;
  switch (m.state.value) {
    case 'processing':
      return t('processing');
    case 'ready':
      return Object.keys(m.fieldErrors.value).length > 0 ? t('error_validation') : '';
    case 'action':
      if (action?.type === 'voucher') return t('voucher_status');
      if (action?.type === 'redirect' && action.popup)
        return t('popup_continue', { method: m.method()?.label ?? '' });
      if (isResumed(action)) return t('redirect_resume', { method: m.method()?.label ?? '' });
      return t('redirecting');
    default: {
      if (!outcome) return '';
      const detail: MessageKey =
        outcome.state === 'succeeded'
          ? 'detail_successful'
          : outcome.state === 'pending'
            ? 'detail_pending'
            : outcome.state === 'failed'
              ? 'detail_failed'
              : 'detail_final';
      return `${t(outcomeKey(m.checkout.value?.order.kind ?? 'payment', outcome.word))}. ${t(detail)}`;
    }
  }
}
