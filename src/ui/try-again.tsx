import type { WidgetContext } from './context.ts';

/**
 * The "Try again" button of the failed and error states. Focus goes to the screen's heading or status
 * first (focus.ts), so a screen reader hears what happened; this button is the next Tab stop.
 */
export function TryAgain({ w: { m, t } }: { w: WidgetContext }) {
  return (
    <button type="button" class="kassa-primary kassa-noprint" onClick={() => m.retry()}>
      {t('try_again')}
    </button>
  );
}
