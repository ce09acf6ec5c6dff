/**
 * The emulator's browser scripts, served from our origin (the pages' strict CSP allows no inline
 * script): `payment.js` (the widget stand-in, CORS-open: merchant pages on any origin load it) and the
 * small page scripts under `/odeon/assets/`. Read once from scripts/ (copied beside the built module
 * by scripts/build-server.mjs).
 */
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';

const read = (name: string) => readFileSync(new URL(`./scripts/${name}`, import.meta.url), 'utf8');

const PAGE_SCRIPTS: Readonly<Record<string, string>> = {
  'autosubmit.js': read('autosubmit.js'),
  'widget-result.js': read('widget-result.js'),
};
const PAYMENT_JS = read('payment.js');

const scriptHeaders = {
  'Content-Type': 'application/javascript; charset=utf-8',
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'no-cache',
};

/** Registers `/odeon/payment.js` and `/odeon/assets/<script>`. */
export function registerOdeonAssets(app: Hono): void {
  app.get('/odeon/payment.js', (c) => c.body(PAYMENT_JS, 200, scriptHeaders));
  app.get('/odeon/assets/:name', (c) => {
    const name = c.req.param('name');
    const script = Object.hasOwn(PAGE_SCRIPTS, name) ? PAGE_SCRIPTS[name] : undefined;
    return script === undefined ? c.notFound() : c.body(script, 200, scriptHeaders);
  });
}
