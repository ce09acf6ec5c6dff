/**
 * Reads barcodes and QR codes from screenshots with an ordinary reader, Debian's `zbarimg` (package
 * `zbar-tools`; platform-notes.md "Pay codes"), as a till's scanner would read the shopper's screen.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where zbarimg is; `.ci/run` installs it when missing. */
export const ZBARIMG = process.env.KASSA_ZBARIMG ?? '/usr/bin/zbarimg';

/** Every symbol zbarimg finds in a PNG, as raw text (one entry per symbol; empty when none). */
export function decodeSymbols(png: Buffer): Promise<string[]> {
  if (!existsSync(ZBARIMG))
    throw new Error(`${ZBARIMG} not found: apt-get install -y zbar-tools (or set KASSA_ZBARIMG)`);
  const dir = mkdtempSync(join(tmpdir(), 'kassa-zbar-'));
  const file = join(dir, 'code.png');
  writeFileSync(file, png);
  return new Promise((resolve, reject) => {
    execFile(ZBARIMG, ['--nodbus', '--raw', '-q', file], { timeout: 15_000 }, (error, stdout) => {
      rmSync(dir, { recursive: true, force: true });
      // Exit status 4 means "no symbol found": an answer, not a failure of the reader.
      if (error && error.code !== 4) reject(error);
      else resolve(stdout.split('\n').filter((line) => line !== ''));
    });
  });
}

/** A code's digits only: GS1 parentheses, spaces, GS separators and symbology prefixes aside (design §2). */
export function digitsOf(text: string): string {
  return text.replace(/^\]C1/, '').replace(/\D/g, '');
}
