/**
 * Card numbers never reach a log, an event or an error (issue 9 item 3): only the first six and last
 * four digits, the form the seed's notifications use (`cardFirstSix`, `cardLastFour`).
 */

/** `424242…4242` for a card number; anything too short to be one is fully hidden. */
export function maskPan(pan: string): string {
  const digits = pan.replace(/\D/g, '');
  if (digits.length < 12) return '…';
  return `${digits.slice(0, 6)}…${digits.slice(-4)}`;
}

/** Masks every run of 12–19 digits (spaces or dashes allowed) in free text, e.g. a provider's message. */
export function maskPans(text: string): string {
  return text.replace(/\d(?:[ -]?\d){11,18}/g, (run) => maskPan(run));
}
