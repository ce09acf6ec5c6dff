import { displayAmount } from '../contract/money.ts';
import type { Outcome } from '../core/outcome.ts';
import { focusOnce } from './focus.ts';
import { outcomeCss } from './outcome-styles.ts';
import { isLeaving, outcomeDetail, statusText } from './status-text.ts';
import { useStyles } from './use-styles.ts';
import { useWidget } from './use-widget.ts';

// Icon strokes by outcome (24×24): a tick, a clock, a cross.
const ICONS: Record<Outcome['state'], string> = {
  succeeded: 'M7.5 12.5l3 3 6-6.5',
  pending: 'M12 7v5l3 2',
  failed: 'M9 9l6 6M15 9l-6 6',
  cancelled: 'M9 9l6 6M15 9l-6 6',
  expired: 'M12 7v5l3 2',
};

/**
 * What the widget's one `role="status"` element shows once the flow chunk is loaded: a line for an
 * attempt in progress, or the outcome screen.
 */
export function StatusView() {
  const { m, t } = useWidget();
  useStyles(outcomeCss);
  const outcome = m.outcome.value;
  const state = m.state.value;
  if (!outcome || state !== outcome.state) {
    const text = statusText(m, t);
    // A request after a click, or the page on its way to the provider's (design §2: a progress indicator).
    return state === 'processing' || isLeaving(m) ? (
      <p class="kassa-loading" aria-busy="true">
        <span class="kassa-spinner" aria-hidden="true" />
        {text}
      </p>
    ) : (
      text
    );
  }
  return <OutcomeView outcome={outcome} />;
}

/**
 * An outcome screen (design §2 States): icon, the status heading in the contract's words, the amount,
 * the provider's reference when there is one, and why it ended or what happens next. The heading takes
 * focus when the shopper's action led here, so focus never falls to `<body>`.
 */
function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { m, t, locale } = useWidget();
  const order = m.checkout.value?.order;
  const detail = outcomeDetail(m, outcome, t);
  return (
    <div class={`kassa-outcome kassa-outcome-${outcome.state}`}>
      <svg class="kassa-outcome-icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="10" />
        <path d={ICONS[outcome.state]} />
      </svg>
      <h2 class="kassa-heading" tabIndex={-1} ref={m.touched ? focusOnce : null}>
        {statusText(m, t)}
      </h2>
      {order && (
        <p class="kassa-outcome-amount">{displayAmount(order.amountMinor, order.currency, locale)}</p>
      )}
      {outcome.providerReference && (
        <p class="kassa-muted">{t('reference', { reference: outcome.providerReference })}</p>
      )}
      {detail && <p>{detail}</p>}
    </div>
  );
}
