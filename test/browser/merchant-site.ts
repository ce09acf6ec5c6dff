/**
 * A plain merchant web site on another origin than the Kassa server (`localhost` vs `127.0.0.1`,
 * another port): the widget must work when embedded cross-origin (design §2, issue 2 item 8).
 * Every page records the widget's events in `window.kassaEvents`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FLOOR_CHUNK, FLOOR_LOADER, SCRIPT_FLOOR } from './floor-widget.ts';

export interface MerchantSite {
  /** `http://localhost:<port>` */
  origin: string;
  /**
   * URL of a page: `mount` (script tag + Kassa.mount), `module` (ES import), `element` (custom
   * element), `radios` (no widget: the plain four-radio list the benchmark compares against),
   * `floor` and `script-floor` (the `mount` page with one of the benchmark's floors instead of the
   * widget, floor-widget.ts, loaded from `http://127.0.0.1:<port>/floor/`), or `framed`: a page at
   * `http://127.0.0.1:<port>` whose iframe shows the `mount` page of `http://localhost:<port>` — the
   * widget inside a cross-origin frame of the merchant page.
   */
  page(kind: PageKind, params: PageParams): string;
  /**
   * A `returnUrl` for orders: the `mount` page with the server in its URL but no token. Like a real
   * shop's return page it mounts the widget again with the checkout it remembers for this tab (the
   * token a `mount` or `module` page last had, kept in sessionStorage); Kassa adds `kassa_order` and
   * `kassa_status` to it.
   */
  returnUrl(server: string): string;
  stop(): Promise<void>;
}

export type PageKind = 'mount' | 'module' | 'element' | 'radios' | 'floor' | 'script-floor' | 'framed';

export interface PageParams {
  server: string;
  session: string;
  locale?: string;
  /** Extra or overriding `mount` options, as JSON (e.g. a bad option). */
  options?: Record<string, unknown>;
  /** Selector handed to `mount` (default `#checkout`). */
  target?: string;
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const RECORD = `window.kassaEvents = []; window.kassaErrors = [];
const params = new URLSearchParams(location.search);
// A cross-origin frame may be denied storage (third-party storage blocked): then it only has its URL.
const remembered = (() => { try { return sessionStorage; } catch { return null; } })();
if (params.get('session')) remembered?.setItem('kassa-session', params.get('session'));
const options = Object.assign({ server: params.get('server'),
  session: params.get('session') || remembered?.getItem('kassa-session') || '',
  locale: params.get('locale') || 'en', onEvent: (e) => window.kassaEvents.push(e) },
  JSON.parse(params.get('options') || '{}'));
const target = params.get('target') || '#checkout';`;

const RADIOS = ['OKTO Cash', 'paysafecard', 'Card', 'Bank transfer']
  .map((label, i) => `<label><input type="radio" name="method" value="m${i}">${label}</label>`)
  .join('');

function render(kind: string, q: URLSearchParams): string {
  const server = q.get('server') ?? '';
  const head =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Merchant shop</title></head>';
  const body =
    '<body><main><h1>Checkout</h1><p>Order total shown by the widget.</p><div id="checkout"></div>';
  if (kind === 'framed') {
    const inner = new URL(`http://localhost:${q.get('port') ?? ''}/mount.html`);
    for (const [key, value] of q) if (key !== 'port') inner.searchParams.set(key, value);
    return `${head}<body><main><h1>Checkout</h1><iframe title="Checkout" width="520" height="900" src="${attr(inner.href)}"></iframe></main></body></html>`;
  }
  if (kind === 'radios') {
    return `${head}${body.replace('<div id="checkout"></div>', '')}<div id="checkout">
<div role="radiogroup" aria-labelledby="pm"><span id="pm">Payment method</span>${RADIOS}</div></div></main></body></html>`;
  }
  if (kind === 'mount' || kind === 'floor' || kind === 'script-floor') {
    const floor = `http://127.0.0.1:${q.get('port') ?? ''}/floor/`;
    const src =
      kind === 'mount' ? `${server}/widget/kassa.js` : `${floor}${kind === 'floor' ? 'kassa' : 'script'}.js`;
    return `${head}${body}<script src="${attr(src)}"></script>
<script>${RECORD}
window.checkout = Kassa.mount(target, options);
window.checkout.on('error', (e) => window.kassaErrors.push(e));</script></main></body></html>`;
  }
  if (kind === 'module') {
    return `${head}${body}<script type="module">${RECORD}
const { mount } = await import(${JSON.stringify(`${server}/widget/index.js`)});
window.checkout = mount(target, options);</script></main></body></html>`;
  }
  // The custom element reports through DOM events named `kassa:<type>` (design §2 Events).
  const element = `<kassa-checkout server="${attr(server)}" session="${attr(q.get('session') ?? '')}" locale="${attr(q.get('locale') ?? 'en')}"></kassa-checkout>`;
  return `${head}<body><main><h1>Checkout</h1><script>window.kassaEvents = [];
for (const type of ['ready','method-selected','action','pending','succeeded','failed','cancelled','expired','error'])
  document.addEventListener('kassa:' + type, (e) => window.kassaEvents.push(e.detail));</script>
${element}<script src="${attr(server)}/widget/kassa.js"></script></main></body></html>`;
}

const FLOOR_FILES: Record<string, string> = {
  '/floor/kassa.js': FLOOR_LOADER,
  '/floor/chunk.js': FLOOR_CHUNK,
  '/floor/script.js': SCRIPT_FLOOR,
};

/** Starts the site on a free port. */
export async function startMerchantSite(): Promise<MerchantSite> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const kind = url.pathname.replace(/^\/|\.html$/g, '');
    const floor = FLOOR_FILES[url.pathname];
    if (floor) {
      // Cross-origin to the page (127.0.0.1 vs localhost), like the widget: the chunk's import needs CORS.
      const headers = { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' };
      res.writeHead(200, headers).end(floor);
      return;
    }
    if (!['mount', 'module', 'element', 'radios', 'floor', 'script-floor', 'framed'].includes(kind)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(render(kind, url.searchParams));
  });
  // Listening on all interfaces: Chromium may resolve `localhost` to ::1 or 127.0.0.1.
  await new Promise<void>((done) => server.listen(0, done));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://localhost:${port}`;
  return {
    origin,
    page(kind, p) {
      const q = new URLSearchParams({ server: p.server, session: p.session, locale: p.locale ?? 'en' });
      if (p.options) q.set('options', JSON.stringify(p.options));
      if (p.target) q.set('target', p.target);
      if (kind === 'floor' || kind === 'script-floor') q.set('port', String(port));
      if (kind === 'framed') {
        q.set('port', String(port));
        return `http://127.0.0.1:${port}/framed.html?${q}`;
      }
      return `${origin}/${kind}.html?${q}`;
    },
    returnUrl: (server) => `${origin}/mount.html?${new URLSearchParams({ server })}`,
    stop: () => new Promise((done) => server.close(() => done())),
  };
}
