/** The OKTO voucher page (the popup path of the pay-code adapter) and the sandbox store locator. */
import type { Hono } from 'hono';
import type { SandboxContext } from '../nuvei/context.ts';
import { normalisePayCode } from './gs1.ts';
import { details, escapeHtml, page } from './html.ts';

const STORES: Readonly<Record<string, readonly string[]>> = {
  GR: ['Periptero Syntagma, Athens', 'Kiosk Aristotelous, Thessaloniki'],
  CY: ['Kiosk Makariou, Nicosia'],
  IT: ['Tabaccheria Centrale, Milano', 'Edicola Termini, Roma'],
  RO: ['Chioșc Unirii, București'],
  DE: ['Kiosk am Alexanderplatz, Berlin'],
};

const STATUS_TEXT = {
  PENDING: 'Waiting for cash',
  REDIRECT: 'Waiting for cash',
  APPROVED: 'Paid',
  DECLINED: 'Cancelled',
} as const;

/** Registers `GET /okto/voucher?payCode=` and `GET /okto/stores?country=`. */
export function registerOktoPages(app: Hono, ctx: SandboxContext): void {
  app.get('/okto/voucher', (c) => {
    const digits = normalisePayCode(c.req.query('payCode') ?? '');
    const tx = digits ? ctx.store.transactionByPayDigits(digits) : undefined;
    if (!tx?.payCode) return c.html(page('Unknown pay code', '<p>This voucher does not exist.</p>'), 404);
    const expiresAt = ctx.orderExpiresAt(tx.clientUniqueId) ?? tx.expiresAt;
    const rows: [string, string][] = [
      ['Pay code', tx.payCode],
      ['Amount', `${tx.amount} ${tx.currency}`],
      ['Status', STATUS_TEXT[tx.status]],
    ];
    if (expiresAt) rows.push(['Expires', expiresAt]);
    const body = `<p>Show this pay code at a shop that accepts OKTO Cash and pay in cash.</p>${details(rows)}
<p><a href="/sandbox/okto/stores">Find a store</a></p>`;
    return c.html(page('OKTO Cash voucher', body));
  });

  app.get('/okto/stores', (c) => {
    const country = (c.req.query('country') ?? '').toUpperCase();
    const countries = Object.hasOwn(STORES, country) ? [country] : Object.keys(STORES);
    const sections = countries.map((code) => {
      const stores = (STORES[code] ?? []).map((name) => `<li>${escapeHtml(name)}</li>`).join('');
      return `<h2>${escapeHtml(code)}</h2><ul>${stores}</ul>`;
    });
    return c.html(page('OKTO Cash stores (sandbox)', sections.join('\n')));
  });
}
