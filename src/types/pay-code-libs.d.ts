// Deep imports keep the voucher chunk small: only qrcode's encoder core and jsbarcode's CODE128,
// not the renderers and all symbologies. The packages' own types cover only their main entry.

declare module 'qrcode/lib/core/qrcode.js' {
  /** A QR symbol's module matrix. */
  export interface BitMatrix {
    size: number;
    get(row: number, col: number): boolean | number;
  }
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): { modules: BitMatrix; version: number };
}

declare module 'jsbarcode/bin/barcodes/CODE128/index.js' {
  /** CODE128 with automatic code-set switching; `ean128` prefixes FNC1 (GS1-128). */
  export class CODE128 {
    constructor(data: string, options: { ean128?: boolean; text?: string });
    valid(): boolean;
    encode(): { data: string; text: string };
  }
}
