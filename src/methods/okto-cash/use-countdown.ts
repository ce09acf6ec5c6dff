import { useEffect, useRef, useState } from 'preact/hooks';
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
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), COUNTDOWN_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, end - now);
  const step = announcementStep(left);
  const lastStep = useRef(step);
  useEffect(() => {
    if (step === lastStep.current) return;
    lastStep.current = step;
    announce(formatDuration(step, locale));
  }, [step, locale, announce]);
  return formatDuration(left, locale);
}
