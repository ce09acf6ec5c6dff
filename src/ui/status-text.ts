import { isResumed } from '../core/actions.ts';
import type { CheckoutMachine } from '../core/checkout.types.ts';
import { type Outcome, outcomeKey } from '../core/outcome.ts';
import { actionStatus } from '../core/show.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { opensPopup } from '../providers/registry.ts';

/**
 * The status text once the flow chunk is loaded, for attempts and outcomes (the picker-time texts,
 * loading and errors, are in app.tsx). An outcome's text is its heading, the contract words
 * ("Payment successful", "Payout failed", …); `outcomeDetail` says why and what next.
 */
export function statusText(m: CheckoutMachine, t: Translate): string {
  const action = m.action.value;
  const outcome = m.outcome.value;
  switch (m.state.value) {
    case 'processing':
      return t('processing');
    case 'ready':
      return Object.keys(m.fieldErrors.value).length > 0 ? t('error_validation') : '';
    case 'action': {
      const own = actionStatus(action);
      if (own) return t(own);
      if (action?.type === 'voucher') return t('voucher_status');
      if (action?.type === 'redirect' && action.popup)
        return t('popup_continue', { method: m.method()?.label ?? '' });
      if (isResumed(action)) {
        // Back from the bank's 3-D Secure page without an answer: the bank, not the method, is next.
        return toBank(m) ? t('bank_resume') : t('redirect_resume', { method: m.method()?.label ?? '' });
      }
      return toBank(m) ? t('redirecting_bank') : t('redirecting');
    }
    default:
      return outcome ? t(outcomeKey(m.checkout.value?.order.kind ?? 'payment', outcome.word)) : '';
  }
}

/**
 * True when the page is leaving for 3-D Secure (design §2 "3-D Secure in progress"): a `form-post`
 * (PaReq/MD/TermUrl), or a full-page redirect answering a card form.
 */
export function toBank(m: CheckoutMachine): boolean {
  const action = m.action.value;
  if (action?.type === 'form-post') return true;
  const card = m.method()?.fields.some(({ name }) => name === 'cardNumber') === true;
  return action?.type === 'redirect' && !action.popup && card;
}

/** True while the page is leaving for the provider's (a full-page redirect or form post in progress). */
export function isLeaving(m: CheckoutMachine): boolean {
  const action = m.action.value;
  if (m.state.value !== 'action' || !action || isResumed(action)) return false;
  return action.type === 'form-post' || (action.type === 'redirect' && !action.popup);
}

/**
 * The line under an outcome's heading: why an attempt ended, in the method's own terms where that
 * helps ("The PIN was not accepted"), or what happens next; '' when it would name a method Kassa no
 * longer lists. Only what Kassa knows (design §2 States): never "we'll email you", never "close this page".
 */
export function outcomeDetail(m: CheckoutMachine, outcome: Outcome, t: Translate): string {
  const method = m.method();
  const label = method?.label ?? '';
  const payout = m.checkout.value?.order.kind === 'payout';
  const key = detailKey(outcome, payout, method?.icon, method ? opensPopup(method.id) : false);
  const text = t(key);
  // A closed order lists no methods (a shopper back on a paid order): skip a line that names one.
  if (!label && text.includes('{method}')) return '';
  return t(key, { method: label });
}

function detailKey(
  { state, reasonCode, byShopper }: Outcome,
  payout: boolean,
  icon: string | undefined,
  popup: boolean,
): MessageKey {
  switch (state) {
    case 'succeeded':
      return payout ? 'detail_payout_successful' : 'detail_successful';
    case 'pending':
      return payout ? 'detail_payout_pending' : 'detail_pending';
    case 'cancelled':
      return 'detail_order_cancelled';
    case 'expired':
      return 'detail_order_expired';
    default:
      break;
  }
  switch (reasonCode) {
    case 'declined':
      return payout
        ? 'reason_payout_declined'
        : icon === 'prepaid'
          ? 'reason_declined_pin'
          : 'reason_declined';
    case 'cancelled':
      return byShopper ? 'reason_cancelled_you' : popup ? 'reason_cancelled_window' : 'reason_cancelled_page';
    case 'expired':
      return icon === 'cash' ? 'reason_expired_code' : 'reason_expired_window';
    case 'error':
      return 'reason_error';
    default:
      return payout ? 'reason_payout_failed' : 'reason_failed';
  }
}
