import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import { displayAmount, parseAmount } from '../../../contract/money.ts';
import { focusOnce } from '../../../ui/focus.ts';
import { formCss } from '../../../ui/form-styles.ts';
import { useStyles } from '../../../ui/use-styles.ts';
import { useWidget } from '../../../ui/use-widget.ts';
import type { VoucherAction } from '../../define.ts';
import { PayCodeImage } from './pay-code-image.tsx';
import { groupPayCode } from './pay-code-text.ts';
import { isolateForPrint } from './print.ts';
import { useCountdown } from './use-countdown.ts';
import { VoucherActions } from './voucher-actions.tsx';
import { voucherCss } from './voucher-styles.ts';

/**
 * The OKTO Cash e-voucher (seed nuvei-okto-cash.txt, "User Experience"): who is paid and how much, the
 * pay code as QR code or GS1-128 barcode (with a toggle where both exist) and as grouped text, the
 * expiry and time left, and the shopper's tools (voucher-actions.tsx). Announcements use their own
 * `aria-live` region because the widget's one `role="status"` element is the outcome.
 */
export function OktoVoucher({ action }: { action: VoucherAction }) {
  const { m, t, locale, host } = useWidget();
  useStyles(formCss);
  useStyles(voucherCss);
  const [format, setFormat] = useState(action.format);
  const [announcement, setAnnouncement] = useState('');
  const announceTime = useCallback((time: string) => setAnnouncement(t('time_left', { time })), [t]);
  const timeLeft = useCountdown(action.expiresAt, locale, announceTime);
  // A layout effect, so it is paired with its cleanup: Preact can run a plain effect after paint for a
  // voucher already unmounted by destroy(), which would leave the page-wide print sheet behind.
  useLayoutEffect(() => isolateForPrint(host), [host]);
  const money = parseAmount(action.amount, action.currency);
  const amount =
    typeof money === 'string'
      ? `${action.amount} ${action.currency}`
      : displayAmount(money.minor, money.currency, locale);
  const expires = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(action.expiresAt),
  );
  const order = m.checkout.value?.order;
  // The shop's name when the merchant set one, else what the order is for (design §2 voucher).
  const payee = order?.merchantName ? t('voucher_payee', { shop: order.merchantName }) : order?.description;
  const alternate =
    action.alternateFormat && action.alternateFormat !== action.format ? action.alternateFormat : null;
  const shown = groupPayCode(action.payCode);
  return (
    <section class="kassa-voucher" aria-labelledby="kassa-voucher-heading">
      <div class="kassa-voucher-head">
        <h2 id="kassa-voucher-heading" class="kassa-heading" tabIndex={-1} ref={m.touched ? focusOnce : null}>
          {t('voucher_heading', { amount })}
        </h2>
        {payee && <p class="kassa-muted">{payee}</p>}
      </div>
      <PayCodeImage
        format={format}
        text={format === 'qr' ? (action.qrPayload ?? action.payCode) : action.payCode}
        label={t(format === 'qr' ? 'qr_image' : 'barcode_image')}
        caption={shown}
      />
      {alternate && (
        <button
          type="button"
          class="kassa-link kassa-noprint"
          onClick={() => setFormat(format === action.format ? alternate : action.format)}
        >
          {t(format === 'qr' ? 'show_barcode' : 'show_qr')}
        </button>
      )}
      <div class="kassa-field kassa-paycode-field">
        <label for="kassa-paycode">{t('pay_code')}</label>
        <textarea
          id="kassa-paycode"
          class="kassa-input kassa-paycode"
          readOnly
          rows={shown.split(' ').length}
          spellcheck={false}
          value={shown}
        />
      </div>
      <p>{t('voucher_instructions', { amount })}</p>
      <div class="kassa-muted">
        <p>{t('expires', { date: expires })}</p>
        <p>{t('time_left', { time: timeLeft })}</p>
      </div>
      <VoucherActions code={shown} storeLocatorUrl={action.storeLocatorUrl} announce={setAnnouncement} />
      <p aria-live="polite" class="kassa-sr">
        {announcement}
      </p>
    </section>
  );
}
