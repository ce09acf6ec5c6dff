import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { openPaysafecardPage, submitPage, TEST_PIN } from '../providers/nuvei/methods/paysafecard.fixture.ts';
import { oktoVoucher } from '../routes/checkout.fixture.ts';
import { STRICT_CSP } from '../routes/sandbox.ts';
import { PAGE_CSP } from '../sandbox/layout.ts';
import { asMerchant, asWidget, createOrder, orderBody, testApp } from '../testing.ts';
import { DEFAULT_CSP } from './headers.ts';

let kassa: KassaApp;
/** Temporary widget folders, removed after each test. */
const dirs: string[] = [];
afterEach(async () => {
  await kassa?.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A built widget of two files, so /widget/* has something to serve. */
function widgetDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-widget-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'kassa.js'), 'window.Kassa = {};\n');
  writeFileSync(join(dir, 'index.js'), 'export const mount = () => {};\n');
  return dir;
}

const local = (url: string) => url.replace(/^http:\/\/kassa\.test/, '');
const JSON_TYPE = { 'content-type': 'application/json' };

/** Every kind of answer the server gives, fetched in-process: name → response. */
async function everyAnswer(app: KassaApp): Promise<Map<string, Response>> {
  const answers = new Map<string, Response>();
  const visit = async (name: string, path: string, init?: RequestInit) =>
    answers.set(name, await app.app.request(path, init));

  const okto = await oktoVoucher(app);
  const token = okto.clientToken;
  await visit('POST /api/orders', '/api/orders', asMerchant(orderBody({ reference: 'headers' })));
  await visit('GET /api/orders/:id', `/api/orders/${okto.orderId}`, asMerchant());
  await visit('GET /api/orders?reference', '/api/orders?reference=headers', asMerchant());
  await visit('GET /api/checkout', '/api/checkout', asWidget(token));
  await visit('GET /api/checkout/status', '/api/checkout/status', asWidget(token));
  await visit('POST /api/checkout/start', '/api/checkout/start', asWidget(token, { method: 'okto-cash' }));
  await visit(
    'POST /api/checkout/complete',
    '/api/checkout/complete',
    asWidget(token, { transactionId: okto.sdk.transactionId, result: {} }),
  );
  await visit('401 on the merchant API', '/api/orders/ord_x', asMerchant(undefined, { authorization: '' }));
  await visit('400 on the widget API', '/api/checkout/start', asWidget(token, { nope: 1 }));
  await visit('CORS preflight', '/api/checkout/start', {
    method: 'OPTIONS',
    headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
  });
  await visit('413', '/sandbox/clock', { method: 'POST', headers: JSON_TYPE, body: 'a'.repeat(64 * 1024) });
  await visit('404', '/nowhere');
  await visit('widget loader', '/widget/kassa.js');
  await visit('widget module', '/widget/index.js');
  await visit('widget 404', '/widget/missing.js');
  await visit('demo page', '/');
  await visit('demo page under /demo/', '/demo/');
  await visit('demo index.html', '/demo/index.html');
  await visit('demo script', '/demo/demo.js');
  await visit('demo stylesheet', '/demo/demo.css');
  await visit('demo order route', '/demo/api/orders', {
    method: 'POST',
    headers: JSON_TYPE,
    body: JSON.stringify(orderBody({ reference: 'demo' })),
  });
  await visit('demo webhook log', '/demo/api/webhooks');
  await visit('healthz', '/healthz');
  await visit('sandbox POS page', '/sandbox/okto/pos');
  await visit(
    'sandbox voucher page',
    `/sandbox/okto/voucher?payCode=${encodeURIComponent(okto.voucher.payCode)}`,
  );
  await visit('sandbox store locator', '/sandbox/okto/stores?country=GR');
  await visit('sandbox stylesheet', '/sandbox/assets/sandbox.css');
  await visit('sandbox icon', '/sandbox/assets/icon.svg');
  await visit('sandbox Web SDK', '/sandbox/nuvei/safecharge.js');
  await visit('sandbox strict-CSP page', `/sandbox/csp-page?session=${encodeURIComponent(token)}`);
  const psc = await openPaysafecardPage(app, true);
  const pageUrl = local(psc.action.type === 'redirect' ? psc.action.url : '');
  await visit('sandbox paysafecard page', pageUrl);
  const paid = await submitPage(app, pageUrl, { pin: TEST_PIN, action: 'pay' });
  await visit('return page closing the popup', local(paid.location ?? ''));
  await visit('sandbox paysafecard finished page', pageUrl);
  return answers;
}

describe('security and caching headers', () => {
  it('say X-Content-Type-Options: nosniff on every answer: API, errors, 404s, preflights, widget, demo and sandbox', async () => {
    kassa = testApp({}, { widgetDir: widgetDir() });
    const answers = await everyAnswer(kassa);
    expect(answers.get('413')?.status).toBe(413);
    expect(answers.get('404')?.status).toBe(404);
    expect(answers.get('widget loader')?.status).toBe(200);
    for (const [name, res] of answers) {
      expect([name, res.headers.get('x-content-type-options')]).toEqual([name, 'nosniff']);
    }
  });

  it('put a CSP on every HTML page: the demo, the sandbox pages, the popup-closing page; the strict-CSP page keeps its own', async () => {
    kassa = testApp({}, { widgetDir: widgetDir() });
    const answers = await everyAnswer(kassa);
    const html = [...answers].filter(([, res]) => res.headers.get('content-type')?.startsWith('text/html'));
    expect(html.map(([name]) => name).sort()).toEqual(
      [
        'demo page',
        'demo page under /demo/',
        'demo index.html',
        'sandbox POS page',
        'sandbox voucher page',
        'sandbox store locator',
        'sandbox strict-CSP page',
        'sandbox paysafecard page',
        'return page closing the popup',
        'sandbox paysafecard finished page',
      ].sort(),
    );
    const csp = (name: string) => answers.get(name)?.headers.get('content-security-policy');
    for (const name of [
      'demo page',
      'demo page under /demo/',
      'demo index.html',
      'return page closing the popup',
    ])
      expect([name, csp(name)]).toEqual([name, DEFAULT_CSP]);
    for (const name of html.map(([n]) => n).filter((n) => n.startsWith('sandbox') && !n.includes('strict')))
      expect([name, csp(name)]).toEqual([name, PAGE_CSP]);
    // Design §5: exactly the strict policy the browser suite visits.
    expect(csp('sandbox strict-CSP page')).toBe(STRICT_CSP);
    for (const [name, res] of html) {
      expect([name, res.headers.get('content-security-policy')]).not.toEqual([
        name,
        expect.stringContaining('unsafe-'),
      ]);
    }
  });

  it('say Cache-Control: no-store on answers with a client token or personal data', async () => {
    kassa = testApp({}, { widgetDir: widgetDir() });
    const answers = await everyAnswer(kassa);
    const privateAnswers = [
      'POST /api/orders',
      'GET /api/orders/:id',
      'GET /api/orders?reference',
      'GET /api/checkout',
      'GET /api/checkout/status',
      'POST /api/checkout/start',
      'POST /api/checkout/complete',
      '401 on the merchant API',
      '400 on the widget API',
      'demo order route',
      'demo webhook log',
      'sandbox voucher page',
      'sandbox paysafecard page',
      'sandbox paysafecard finished page',
      'sandbox POS page',
      'return page closing the popup',
    ];
    for (const name of privateAnswers) {
      expect([name, answers.get(name)?.headers.get('cache-control')]).toEqual([name, 'no-store']);
    }
    const demoOrder = (await answers.get('demo order route')?.json()) as { clientToken?: string } | undefined;
    expect(demoOrder?.clientToken, 'the demo order route answers a client token').toBeTruthy();
  });

  it('leave files cacheable: no no-store on widget files, the demo page and files, sandbox assets and the Web SDK', async () => {
    kassa = testApp({}, { widgetDir: widgetDir() });
    const answers = await everyAnswer(kassa);
    const files = [
      'widget loader',
      'widget module',
      'demo page',
      'demo page under /demo/',
      'demo script',
      'demo stylesheet',
      'sandbox stylesheet',
      'sandbox icon',
      'sandbox Web SDK',
    ];
    for (const name of files) {
      expect([name, answers.get(name)?.status]).toEqual([name, 200]);
      expect([name, answers.get(name)?.headers.get('cache-control')]).not.toEqual([
        name,
        expect.stringContaining('no-store'),
      ]);
    }
    expect(answers.get('widget loader')?.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('keep the headers when the server is mounted under a path of KASSA_PUBLIC_URL', async () => {
    kassa = testApp({ KASSA_PUBLIC_URL: 'http://kassa.test/pay' });
    const { clientToken } = await createOrder(kassa);
    const res = await kassa.fetch(new Request('http://kassa.test/pay/api/checkout', asWidget(clientToken)));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const outside = await kassa.fetch(new Request('http://kassa.test/elsewhere'));
    expect(outside.status).toBe(404);
    expect(outside.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
