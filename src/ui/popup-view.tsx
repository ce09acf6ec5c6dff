import { useEffect, useRef, useState } from 'preact/hooks';
import type { NextAction } from '../contract/actions.ts';
import { browserNavigator } from '../core/navigate.ts';
import { closePopup, showPopup } from '../core/popup.ts';
import { useWidget } from './context.ts';
import { formCss } from './form-styles.ts';
import { useStyles } from './use-styles.ts';

/**
 * A provider page in progress (design §2 "paysafecard popup in progress"). With `popup`, the widget
 * opened the provider's window in the Pay click (core/popup.ts): "Show … window" brings it back, or
 * opens it again inside that click when it was closed. Without, it is a full-page redirect the shopper
 * came back from unfinished: "Continue to …" goes there again. "Cancel payment" ends the attempt.
 * The outcome arrives through the status long-poll.
 */
export function PopupView({ action }: { action: Extract<NextAction, { type: 'redirect' }> }) {
  const { m, t } = useWidget();
  useStyles(formCss);
  const primary = useRef<HTMLButtonElement>(null);
  const [blocked, setBlocked] = useState(false);
  const method = m.method()?.label ?? '';
  const { url, popup } = action;
  useEffect(() => {
    // The Pay button is gone; keyboard focus goes to this step's first control.
    if (m.touched) primary.current?.focus();
    // Leaving this step (outcome, error, destroy) leaves the window nothing to do.
    return () => closePopup(m);
  }, [m]);
  const go = () => {
    if (popup) setBlocked(!showPopup(m, url));
    else (m.deps.navigate ?? browserNavigator).assign(url);
  };
  return (
    <div class="kassa-form kassa-noprint">
      {blocked && (
        <p role="alert" class="kassa-error">
          {t('popup_blocked', { method })}
        </p>
      )}
      <button ref={primary} type="button" class="kassa-primary" onClick={go}>
        {t(popup ? 'popup_show' : 'continue_to', { method })}
      </button>
      <button type="button" onClick={() => m.cancel()}>
        {t('cancel_payment')}
      </button>
    </div>
  );
}
