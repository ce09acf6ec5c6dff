/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;
/** One hour in milliseconds. */
export const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * The time left rounded up to the current announcement step: whole hours above an hour, quarter
 * hours within the last hour, minutes within the last five. The announcement changes only when this
 * value does, so screen readers hear the countdown at sensible intervals, never every second.
 */
export function announcementStep(msLeft: number): number {
  if (msLeft <= 0) return 0;
  const step = msLeft <= 5 * MINUTE_MS ? MINUTE_MS : msLeft <= HOUR_MS ? 15 * MINUTE_MS : HOUR_MS;
  return Math.ceil(msLeft / step) * step;
}

/** A duration in words via `Intl` units (plural rules included), largest two units, minutes rounded up. */
export function formatDuration(ms: number, locale: string): string {
  let minutes = Math.max(0, Math.ceil(ms / MINUTE_MS));
  const days = Math.floor((minutes * MINUTE_MS) / DAY_MS);
  minutes -= days * 24 * 60;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const parts: [number, 'day' | 'hour' | 'minute'][] = [
    [days, 'day'],
    [hours, 'hour'],
    [minutes, 'minute'],
  ];
  const shown = parts.filter(([value]) => value > 0).slice(0, 2);
  return (shown.length ? shown : [[0, 'minute'] as const])
    .map(([value, unit]) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value),
    )
    .join(' ');
}
