import type { MethodIcon } from '../contract/checkout.ts';

/**
 * Generic icons of the method kinds (design §2 Methods: where no brand artwork of our own exists),
 * drawn by us as 24×24 stroke paths; the picker styles them with `currentColor`. A lazy chunk: the
 * picker shows fixed-size frames first and fills them in when this arrives.
 */
export const METHOD_ICONS: Record<MethodIcon, string> = {
  card: 'M3 6.5A1.5 1.5 0 0 1 4.5 5h15A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5zM3 9.5h18M6.5 15h4',
  cash: 'M2.5 6.5h19v11h-19zM12 9.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5M5.5 10v4M18.5 10v4',
  bank: 'M3 9.5 12 4l9 5.5M4.5 9.5h15M6 11.5v5.5M10 11.5v5.5M14 11.5v5.5M18 11.5v5.5M3.5 19.5h17',
  wallet:
    'M18 7V5.5A1.5 1.5 0 0 0 16.5 4h-11A2.5 2.5 0 0 0 3 6.5v11A2.5 2.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5v-10A1.5 1.5 0 0 0 18.5 7H5.5A2.5 2.5 0 0 1 3 4.5M16 13.5h.5',
  prepaid: 'M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4zM8 12h.01M12 12h.01M16 12h.01',
  qr: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 19.5h.01M19.5 14h.01',
};
