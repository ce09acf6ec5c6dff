import { useCallback, useEffect, useState } from 'preact/hooks';
import { displayAmount, parseAmount } from '../../contract/money.ts';
import { useWidget } from '../../ui/context.ts';
import { formCss } from '../../ui/form-styles.ts';
import { useStyles } from '../../ui/use-styles.ts';
import type { VoucherAction } from '../define.ts';
import { PayCodeImage } from './pay-code-image.tsx';
import { isolateForPrint } from './print.ts';
import { useCountdown } from './use-countdown.ts';
import { voucherCss } from './voucher-styles.ts';

/**
 * The OKTO Cash e-voucher (seed nuvei-okto-cash.txt, "User Experience"): the pay code as QR code or
 * GS1-128 barcode (with a toggle where both exist), as text, amount, expiry, time left, and the
 * shopper's tools: copy, find a store, print. Announcements use their own `aria-live` region because
 * the widget's one `role="status"` element is the outcome.
 */
export function OktoVoucher({ action }: { action: VoucherAction }) {
  const { t, locale, host } = useWidget();
  useStyles(voucherCss);
  useStyles(formCss);
  const [format, setFormat] = useState(action.format);
  const [announcement, setAnnouncement] = useState('');
  const [copied, setCopied] = useState(false);
  const announceTime = useCallback((time: string) => setAnnouncement(t('time_left', { time })), [t]);
  const timeLeft = useCountdown(action.expiresAt, locale, announceTime);
  useEffect(() => isolateForPrint(host), [host]);
  const money = parseAmount(action.amount, action.currency);
  const amount =
    typeof money === 'string'
      ? `${action.amount} ${action.currency}`
      : displayAmount(money.minor, money.currency, locale);
  const expires = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(action.expiresAt),
  );
  const alternate =
    action.alternateFormat && action.alternateFormat !== action.format ? action.alternateFormat : null;
  const copy = () => {
    // Copies the code exactly as shown in the "Pay code" field (design §2).
    const written =
      navigator.clipboard?.writeText(action.payCode) ?? Promise.reject(new Error('no clipboard'));
    written.then(
      () => {
        setCopied(true);
        setAnnouncement(t('copied'));
      },
      () => setAnnouncement(t('copy_failed')),
    );
  };
  return (
    <section class="kassa-voucher">
      <PayCodeImage
        format={format}
        text={format === 'qr' ? (action.qrPayload ?? action.payCode) : action.payCode}
        label={t(format === 'qr' ? 'qr_image' : 'barcode_image')}
      />
      {alternate && (
        <button
          type="button"
          class="kassa-noprint"
          onClick={() => setFormat(format === action.format ? alternate : action.format)}
        >
          {t(format === 'qr' ? 'show_barcode' : 'show_qr')}
        </button>
      )}
      <div class="kassa-field">
        <label for="kassa-paycode">{t('pay_code')}</label>
        <input id="kassa-paycode" class="kassa-input kassa-paycode" readOnly value={action.payCode} />
      </div>
      <p>{t('voucher_instructions', { amount })}</p>
      <p class="kassa-muted">{t('expires', { date: expires })}</p>
      <p class="kassa-muted">{t('time_left', { time: timeLeft })}</p>
      <div class="kassa-actions kassa-noprint">
        <button type="button" onClick={copy}>
          {t('copy_code')}
          {copied && <span aria-hidden="true"> ✓</span>}
        </button>
        <a
          class="kassa-button"
          href={action.storeLocatorUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-describedby="kassa-new-tab"
        >
          {t('find_store')}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <span id="kassa-new-tab" hidden>
        {t('new_tab')}
      </span>
      <p aria-live="polite" class="kassa-sr">
        {announcement}
      </p>
    </section>
  );
}
