import { useState } from 'preact/hooks';
import { useWidget } from '../../../ui/use-widget.ts';

/** Props of `VoucherActions`. */
export interface VoucherActionsProps {
  /** The pay code exactly as the voucher shows it. */
  code: string;
  storeLocatorUrl: string;
  /** Announces a result in the voucher's `aria-live` region. */
  announce(text: string): void;
}

// 24×24 strokes: two sheets (copy), a tick (copied), a pin (store), a printer.
const COPY = 'M9 9h10v12H9zM5 15V3h10';
const COPIED = 'M5 12.5l4.5 4.5L19 7.5';
const PIN =
  'M12 21s-6.5-6-6.5-11a6.5 6.5 0 0 1 13 0c0 5-6.5 11-6.5 11zM12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z';
const PRINTER = 'M7 9V3h10v6M7 17H4v-8h16v8h-3M7 14h10v7H7z';

function Icon({ d }: { d: string }) {
  return (
    <svg class="kassa-button-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

/**
 * The voucher's tools in one even row (one column on narrow widths, in every locale): "Copy code"
 * (copies the code exactly as shown; its icon turns into a tick, so the button keeps its size and
 * name), "Find a store" (a new tab), "Print"; then "Choose another method" when the order offers more
 * than one (design §2, §3 `abandon`).
 */
export function VoucherActions({ code, storeLocatorUrl, announce }: VoucherActionsProps) {
  const { m, t } = useWidget();
  const [copied, setCopied] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const copy = () => {
    const written = navigator.clipboard?.writeText(code) ?? Promise.reject(new Error('no clipboard'));
    written.then(
      () => {
        setCopied(true);
        announce(t('copied'));
      },
      () => announce(t('copy_failed')),
    );
  };
  const others = (m.checkout.value?.methods.length ?? 0) > 1;
  return (
    <>
      <div class="kassa-actions kassa-noprint">
        <button type="button" onClick={copy}>
          <Icon d={copied ? COPIED : COPY} />
          {t('copy_code')}
        </button>
        <a
          class="kassa-button"
          href={storeLocatorUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-describedby="kassa-new-tab"
        >
          <Icon d={PIN} />
          {t('find_store')}
        </a>
        <button type="button" onClick={() => window.print()}>
          <Icon d={PRINTER} />
          {t('print')}
        </button>
      </div>
      <span id="kassa-new-tab" hidden>
        {t('new_tab')}
      </span>
      {others && (
        <button
          type="button"
          class="kassa-link kassa-noprint"
          aria-busy={leaving ? 'true' : undefined}
          onClick={() => {
            if (leaving) return;
            setLeaving(true);
            m.abandon();
          }}
        >
          {leaving && <span class="kassa-spinner" aria-hidden="true" />}
          {t('choose_another')}
        </button>
      )}
    </>
  );
}
