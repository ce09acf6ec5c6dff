import { useEffect, useRef } from 'preact/hooks';
import { useWidget } from './context.ts';

/** The "Try again" button of the failed and error states; takes focus when the shopper caused the failure. */
export function TryAgain() {
  const { m, t } = useWidget();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (m.touched) ref.current?.focus();
  }, [m]);
  return (
    <button ref={ref} type="button" class="kassa-primary kassa-noprint" onClick={() => m.retry()}>
      {t('try_again')}
    </button>
  );
}
