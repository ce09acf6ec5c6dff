import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js';
import { create } from 'qrcode/lib/core/qrcode.js';
import { gs1BarcodeData, parseGs1 } from './gs1.ts';

/** QR quiet zone in modules (ISO/IEC 18004 asks for 4). */
export const QR_QUIET_MODULES = 4;
/** Barcode quiet zone in modules on each side (GS1-128 asks for 10). */
export const BARCODE_QUIET_MODULES = 10;
/** Bar height in modules; GS1 asks for at least 15% of the width; 70 modules is about 25% for OKTO codes. */
export const BARCODE_HEIGHT_MODULES = 70;

/** A QR code as one SVG path of dark modules, with the quiet zone included in `size`. */
export function qrSvg(text: string): { size: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let path = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      path += `M${start + QR_QUIET_MODULES} ${row + QR_QUIET_MODULES}h${col - start}v1h${start - col}z`;
    }
  }
  return { size: n + 2 * QR_QUIET_MODULES, path };
}

/**
 * A CODE128 barcode as bar rectangles `[x, width]` in modules, quiet zones included in `width`.
 * GS1 element strings become GS1-128 (leading FNC1 plus separators); other codes plain CODE128.
 */
export function barcodeSvg(payCode: string): { width: number; bars: [number, number][] } {
  const elements = parseGs1(payCode);
  const encoder = elements
    ? new CODE128(gs1BarcodeData(elements), { ean128: true, text: payCode })
    : new CODE128(payCode, {});
  const bits = encoder.encode().data;
  const bars: [number, number][] = [];
  for (const match of bits.matchAll(/1+/g)) bars.push([match.index + BARCODE_QUIET_MODULES, match[0].length]);
  return { width: bits.length + 2 * BARCODE_QUIET_MODULES, bars };
}
