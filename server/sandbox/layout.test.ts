import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { openPaysafecardPage, submitPage, TEST_PIN } from '../providers/nuvei/methods/paysafecard.fixture.ts';
import { oktoVoucher, posPayForm } from '../routes/checkout.fixture.ts';
import { testApp } from '../testing.ts';
import { PAGE_CSP } from './layout.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

/** The sandbox pages a shopper or a cashier sees, fetched in-process: [name, status, csp, html]. */
async function visitAll(app: KassaApp) {
  const pages: [string, number, string | null, string][] = [];
  const visit = async (name: string, path: string) => {
    const res = await app.app.request(path);
    pages.push([name, res.status, res.headers.get('content-security-policy'), await res.text()]);
  };
  const okto = await oktoVoucher(app);
  await visit('pos', '/sandbox/okto/pos');
  await visit('voucher', `/sandbox/okto/voucher?payCode=${encodeURIComponent(okto.voucher.payCode)}`);
  await visit('stores', '/sandbox/okto/stores?country=GR');
  const paid = await app.app.request('/sandbox/okto/pos/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ payCode: okto.voucher.payCode }).toString(),
  });
  pages.push(['pos result', paid.status, paid.headers.get('content-security-policy'), await paid.text()]);
  const psc = await openPaysafecardPage(app, true);
  const url =
    psc.action.type === 'redirect' ? psc.action.url.replace(/^http:\/\/kassa\.test(\/pay)?/, '') : '';
  await visit('paysafecard', url);
  await submitPage(app, url, { pin: TEST_PIN, action: 'pay' });
  await visit('paysafecard finished', url);
  return pages;
}

describe('sandbox pages look like real pages (design §4, issue 7)', () => {
  it('wear the sandbox layout: stylesheet file, header with the sandbox badge, one heading, no inline code', async () => {
    kassa = testApp();
    for (const [name, status, csp, html] of await visitAll(kassa)) {
      expect([name, status]).toEqual([name, 200]);
      expect([name, csp]).toEqual([name, PAGE_CSP]);
      expect(html).toContain('<link rel="stylesheet" href="/sandbox/assets/sandbox.css">');
      expect(html).toMatch(/<header class="topbar">[\s\S]*<p class="badge">Sandbox · test mode<\/p>/);
      expect(html).toMatch(/<main class="card">\s*<h1>[^<]+<\/h1>/);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect([name, html]).not.toEqual([name, expect.stringMatching(/<script|<style|\sstyle=|\son\w+=/i)]);
    }
  });

  it('keep the names the design gives: "Pay code" and "Accept cash"; "PIN", "Pay" and "Cancel"', async () => {
    kassa = testApp();
    const pages = Object.fromEntries((await visitAll(kassa)).map(([name, , , html]) => [name, html]));
    expect(pages.pos).toContain('<label for="payCode">Pay code</label>');
    expect(pages.pos).toContain('<button type="submit">Accept cash</button>');
    expect(pages.paysafecard).toContain('<label for="pin">PIN</label>');
    expect(pages.paysafecard).toContain('<button type="submit" name="action" value="pay">Pay</button>');
    expect(pages.paysafecard).toContain('<button type="submit" name="action" value="cancel">Cancel</button>');
    expect(pages['paysafecard finished']).toContain('<h1>Payment completed</h1>');
    expect(pages['pos result']).toContain('<p role="status">Cash accepted</p>');
  });

  it('serve the stylesheet and icon as files, responsive down to narrow screens', async () => {
    kassa = testApp();
    const css = await kassa.app.request('/sandbox/assets/sandbox.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const text = await css.text();
    expect(text).toContain('@media (max-width: 30rem)');
    expect(text).toContain('overflow-wrap: anywhere'); // long pay codes wrap instead of overflowing
    const icon = await kassa.app.request('/sandbox/assets/icon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
  });

  it('link their stylesheet and the POS form under the path Kassa is mounted at', async () => {
    kassa = testApp({ KASSA_PUBLIC_URL: 'http://kassa.test/pay' });
    const html = await (await kassa.app.request('/sandbox/okto/pos')).text();
    expect(html).toContain('<link rel="stylesheet" href="/pay/sandbox/assets/sandbox.css">');
    expect(html).toContain('<form method="post" action="/pay/sandbox/okto/pos/pay">');
  });

  it('mark a refused pay code on the POS result page and show the code the cashier typed', async () => {
    kassa = testApp();
    const refused = await posPayForm(kassa, '(415)5200000000016(3902)001000(8020)9999999999');
    expect(refused.status).toBe(404);
    expect(refused.html).toContain('<p role="status" class="refused">Unknown pay code</p>');
    expect(refused.html).toContain('<dd>(415)5200000000016(3902)001000(8020)9999999999</dd>');
  });
});
