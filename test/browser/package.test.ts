import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_WEBHOOK_SECRET } from '../../server/config.ts';
import { SANDBOX_NUVEI } from '../../server/providers/nuvei/config.ts';
import { MERCHANT_KEY as TEST_MERCHANT_KEY, TEST_SECRET } from '../../server/testing.ts';
import { MERCHANT_KEY } from './api.ts';

// The built package as a consumer gets it (runs with the browser suite because it needs the build).
const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, { types: string; import: string } | string>;
};

/** Runs an ES module snippet in plain Node from the repository root (no DOM, no Vite). */
const node = (code: string) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' }).trim();

describe('the built package', () => {
  it('points its exports for `kassa` and `kassa/element` at built JavaScript and declarations', () => {
    for (const entry of ['.', './element', './server']) {
      const target = pkg.exports[entry];
      expect(typeof target, entry).toBe('object');
      if (typeof target !== 'object') continue;
      expect(existsSync(join(ROOT, target.import)), target.import).toBe(true);
      expect(existsSync(join(ROOT, target.types)), target.types).toBe(true);
    }
  });

  it('imports `kassa` in Node without touching browser globals (server-side rendering)', () => {
    // Package self-reference resolves `kassa` through the exports map, as a consumer's import would.
    const out = node(
      "const m = await import('kassa'); console.log(typeof m.mount, typeof globalThis.window, typeof globalThis.document);",
    );
    expect(out).toBe('function undefined undefined');
  });

  it('runs `kassa/server` from its compiled JavaScript in plain Node', () => {
    const out = node(
      [
        "const { createKassaServer, verifyWebhook } = await import('kassa/server');",
        "const kassa = createKassaServer({ env: { KASSA_DB: ':memory:' }, log: { info() {}, warn() {}, error() {} } });",
        "const ready = await kassa.fetch(new Request('http://localhost:8787/readyz'));",
        "const sdk = await kassa.fetch(new Request('http://localhost:8787/sandbox/nuvei/safecharge.js'));",
        'console.log(ready.status, sdk.status, typeof verifyWebhook);',
        'await kassa.stop();',
      ].join(' '),
    );
    expect(out).toBe('200 200 function');
  });

  it('ships no secret of the sandbox configuration in any browser file', () => {
    const secrets = [
      MERCHANT_KEY,
      SANDBOX_NUVEI.secretKey,
      SANDBOX_WEBHOOK_SECRET,
      TEST_MERCHANT_KEY,
      TEST_SECRET,
    ];
    const dir = join(ROOT, 'dist/widget');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const code = readFileSync(join(dir, file), 'utf8');
      for (const secret of secrets) expect(code.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  });
});
