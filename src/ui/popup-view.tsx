import { useEffect, useState } from 'preact/hooks';
import type { NextAction } from '../contract/actions.ts';
import { browserNavigator } from '../core/navigate.ts';
import { closePopup, showPopup } from '../core/popup.ts';
import { moveFocus } from './focus.ts';
import { formCss } from './form-styles.ts';
import { toBank } from './status-text.ts';
import { useStyles } from './use-styles.ts';
import { useWidget } from './use-widget.ts';

/**
 * A provider page in progress (design §2 "paysafecard popup in progress"). With `popup`, the widget
 * opened the provider's window in the Pay click (core/popup.ts): "Show … window" brings it back, or
 * opens it again inside that click when it was closed. Without, it is a full-page redirect (or a
 * 3-D Secure form post) the shopper came back from unfinished: "Continue to …" goes there again. "Cancel payment" ends the attempt.
 * The outcome arrives through the status long-poll.
 */
export function PopupView({ action }: { action: Extract<NextAction, { type: 'redirect' | 'form-post' }> }) {
  const { m, t, host } = useWidget();
  useStyles(formCss);
  const [blocked, setBlocked] = useState(false);
  const method = m.method()?.label ?? '';
  const { url } = action;
  const popup = action.type === 'redirect' && action.popup === true;
  useEffect(() => {
    // The Pay button is gone: focus goes to the status ("Continue in the … window"), never to <body>.
    const status = host.shadowRoot?.querySelector<HTMLElement>('.kassa-status');
    if (m.touched && status) moveFocus(status);
    // Leaving this step (outcome, error, destroy) leaves the window nothing to do.
    return () => closePopup(m);
  }, [m, host]);
  const go = () => {
    const navigate = m.deps.navigate ?? browserNavigator;
    if (popup) setBlocked(!showPopup(m, url));
    else if (action.type === 'form-post') navigate.postForm(url, action.fields);
    else navigate.assign(url);
  };
  return (
    <div class="kassa-form kassa-noprint">
      {blocked && (
        <p role="alert" class="kassa-error">
          {t('popup_blocked', { method })}
        </p>
      )}
      <button type="button" class="kassa-primary" onClick={go}>
        {popup
          ? t('popup_show', { method })
          : toBank(m)
            ? t('continue_to_bank')
            : t('continue_to', { method })}
      </button>
      <button type="button" onClick={() => m.cancel()}>
        {t('cancel_payment')}
      </button>
    </div>
  );
}
