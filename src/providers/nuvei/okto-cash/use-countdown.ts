import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { announcementStep, formatDuration } from './countdown.ts';

/** How often the visible time left is refreshed. */
export const COUNTDOWN_TICK_MS = 15_000;

/**
 * The visible time left until `expiresAt`, refreshed every `COUNTDOWN_TICK_MS`; calls `announce`
 * with the rounded time whenever the announcement step changes (not on first render).
 */
export function useCountdown(
  expiresAt: string,
  locale: string,
  announce: (timeLeft: string) => void,
): string {
  const end = Date.parse(expiresAt);
  const [now, setNow] = useState(() => Date.now());
  // Kept in refs so the one interval always sees the current values.
  const latest = useRef({ end, locale, announce, step: announcementStep(end - now) });
  latest.current = { ...latest.current, end, locale, announce };
  // A layout effect: always paired with its cleanup, so no interval outlives an unmounted voucher.
  useLayoutEffect(() => {
    const timer = setInterval(() => {
      const tick = Date.now();
      const current = latest.current;
      const step = announcementStep(current.end - tick);
      setNow(tick);
      if (step !== current.step) {
        current.step = step;
        current.announce(formatDuration(step, current.locale));
      }
    }, COUNTDOWN_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return formatDuration(Math.max(0, end - now), locale);
}
