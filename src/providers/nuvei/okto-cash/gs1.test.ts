import { describe, expect, it } from 'vitest';
import { FNC1, gs1BarcodeData, hasPredefinedLength, parseGs1 } from './gs1.ts';
import { BARCODE_QUIET_MODULES, barcodeSvg, QR_QUIET_MODULES, qrSvg } from './pay-code-svg.ts';

// The platform notes' example, checked there with an independent GS1 reader.
const SLIP = '(415)5412345678908(3902)001000(8020)1234567890';

// Widths of the CODE128 symbols 0..106 (ISO/IEC 15417 Table 1: bar, space, bar, space, bar, space).
const WIDTHS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 ' +
  '122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 ' +
  '322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 ' +
  '112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 ' +
  '331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 ' +
  '112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 ' +
  '124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 ' +
  '411311 113141 114131 311141 411131 211412 211214 211232 2331112'
).split(' ');
const SYMBOLS = new Map(
  WIDTHS.map((widths, value) => [
    [...widths].map((w, i) => (i % 2 === 0 ? '1' : '0').repeat(Number(w))).join(''),
    value,
  ]),
);

/** Decodes CODE128 modules into symbol values, independently of jsbarcode's encoder. */
function decode(modules: string): number[] {
  const values: number[] = [];
  for (let i = 0; i < modules.length - 13; i += 11) values.push(SYMBOLS.get(modules.slice(i, i + 11)) ?? -1);
  values.push(SYMBOLS.get(modules.slice(-13)) ?? -1);
  return values;
}

describe('GS1 element strings', () => {
  it('parses (AI)value text and refuses anything else', () => {
    expect(parseGs1(SLIP)).toEqual([
      { ai: '415', value: '5412345678908' },
      { ai: '3902', value: '001000' },
      { ai: '8020', value: '1234567890' },
    ]);
    expect(parseGs1('5412345678908')).toBeNull();
    expect(parseGs1('(415)')).toBeNull();
  });

  it('knows which AIs have a predefined length (415 yes; 3902 and 8020 no)', () => {
    expect(hasPredefinedLength('415')).toBe(true);
    expect(hasPredefinedLength('01')).toBe(true);
    expect(hasPredefinedLength('3902')).toBe(false);
    expect(hasPredefinedLength('8020')).toBe(false);
  });

  it('strips parentheses and puts FNC1 only after variable-length fields that are not last', () => {
    const data = gs1BarcodeData(parseGs1(SLIP) ?? []);
    expect(data).toBe(`4155412345678908${'3902001000'}${FNC1}80201234567890`);
  });
});

describe('pay code SVG shapes', () => {
  it('draws GS1-128: Start C, FNC1, the digit pairs, FNC1 after the variable 3902 field, checksum, Stop', () => {
    const { width, bars } = barcodeSvg(SLIP);
    const modules = Array.from({ length: width }, () => '0');
    for (const [x, w] of bars) for (let i = x; i < x + w; i++) modules[i] = '1';
    const code = modules.join('').slice(BARCODE_QUIET_MODULES, width - BARCODE_QUIET_MODULES);
    const values = decode(code);
    const data = [102, 41, 55, 41, 23, 45, 67, 89, 8, 39, 2, 0, 10, 0, 102, 80, 20, 12, 34, 56, 78, 90];
    const checksum = data.reduce((sum, value, i) => sum + value * (i + 1), 105) % 103;
    expect(values).toEqual([105, ...data, checksum, 106]);
    expect(modules.slice(0, BARCODE_QUIET_MODULES).join('')).toBe('0'.repeat(BARCODE_QUIET_MODULES));
  });

  it('draws a code that is not a GS1 element string as plain CODE128 (no leading FNC1)', () => {
    const { width, bars } = barcodeSvg('1234567890');
    const modules = Array.from({ length: width }, () => '0');
    for (const [x, w] of bars) for (let i = x; i < x + w; i++) modules[i] = '1';
    const values = decode(modules.join('').slice(BARCODE_QUIET_MODULES, width - BARCODE_QUIET_MODULES));
    expect(values.slice(0, 6)).toEqual([105, 12, 34, 56, 78, 90]);
  });

  it('draws a QR code as one path of dark modules with a four-module quiet zone', () => {
    const { size, path } = qrSvg(SLIP);
    expect(size).toBeGreaterThan(21 + 2 * QR_QUIET_MODULES - 1);
    // The top-left finder pattern starts at the quiet zone and is 7 modules wide.
    expect(path.startsWith(`M${QR_QUIET_MODULES} ${QR_QUIET_MODULES}h7v1h-7z`)).toBe(true);
  });
});
