import { useEffect, useRef, useState } from 'preact/hooks';
import { useWidget } from './context.ts';
import { formCss } from './form-styles.ts';
import { useStyles } from './use-styles.ts';

/** Window features for the provider's popup: a separate, modest window (not a tab). */
const POPUP_FEATURES = 'popup,width=480,height=720';

/**
 * A `redirect` action with `popup: true`: browsers allow `window.open` only inside a click, and the
 * server's answer arrives after the Pay click's activation may be gone, so the shopper opens (or
 * re-focuses) the window with this button. The outcome arrives through the status long-poll.
 */
export function PopupView({ url }: { url: string }) {
  const { m, t } = useWidget();
  useStyles(formCss);
  const popup = useRef<Window | null>(null);
  const [blocked, setBlocked] = useState(false);
  const method = m.method()?.label ?? '';
  useEffect(
    () => () => {
      if (popup.current && !popup.current.closed) popup.current.close();
    },
    [],
  );
  const show = () => {
    if (popup.current && !popup.current.closed) {
      popup.current.focus();
      return;
    }
    popup.current = window.open(url, 'kassa-popup', POPUP_FEATURES);
    setBlocked(popup.current === null);
  };
  return (
    <div class="kassa-form kassa-noprint">
      {blocked && <p class="kassa-error">{t('popup_blocked', { method })}</p>}
      <button type="button" class="kassa-primary" onClick={show}>
        {t('popup_show', { method })}
      </button>
      <button type="button" onClick={() => void m.cancel()}>
        {t('cancel_payment')}
      </button>
    </div>
  );
}
