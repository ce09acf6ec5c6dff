/** The OKTO voucher page (the popup path of the pay-code adapter) and the sandbox store locator. */
import type { Hono } from 'hono';
import { basePath, details, escapeHtml, sendPage } from '../layout.ts';
import type { SandboxContext } from '../nuvei/context.ts';
import type { TransactionRow } from '../nuvei/db.ts';
import { normalisePayCode } from './gs1.ts';
import { oktoPage } from './html.ts';

const STORES: Readonly<Record<string, { country: string; stores: readonly string[] }>> = {
  GR: { country: 'Greece', stores: ['Periptero Syntagma, Athens', 'Kiosk Aristotelous, Thessaloniki'] },
  CY: { country: 'Cyprus', stores: ['Kiosk Makariou, Nicosia'] },
  IT: { country: 'Italy', stores: ['Tabaccheria Centrale, Milano', 'Edicola Termini, Roma'] },
  RO: { country: 'Romania', stores: ['Chioșc Unirii, București'] },
  DE: { country: 'Germany', stores: ['Kiosk am Alexanderplatz, Berlin'] },
};

const STATUS_TEXT = {
  PENDING: 'Waiting for cash',
  REDIRECT: 'Waiting for cash',
  APPROVED: 'Paid',
  DECLINED: 'Cancelled',
} as const;

// The shop and the shopper read it, so a date rather than ISO; in UTC, the emulator knows no time zone.
const EXPIRY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** What the voucher's status line says, including what the Kassa order says about it. */
async function statusText(ctx: SandboxContext, tx: TransactionRow): Promise<string> {
  if (tx.status === 'APPROVED' || tx.status === 'DECLINED') return STATUS_TEXT[tx.status];
  const state = await ctx.orderState(tx.clientUniqueId);
  if (state === 'abandoned') return 'Withdrawn (the shopper chose another method)';
  if (state === 'cancelled') return 'Cancelled';
  if (state === 'expired') return 'Expired';
  return STATUS_TEXT[tx.status];
}

/** Registers `GET /okto/voucher?payCode=` and `GET /okto/stores?country=`. */
export function registerOktoPages(app: Hono, ctx: SandboxContext): void {
  const base = escapeHtml(basePath(ctx.publicUrl));

  app.get('/okto/voucher', async (c) => {
    const digits = normalisePayCode(c.req.query('payCode') ?? '');
    const tx = digits ? await ctx.sbx.transactionByPayDigits(digits) : undefined;
    if (!tx?.payCode) {
      const missing = oktoPage(ctx.publicUrl, 'Unknown pay code', '<p>This voucher does not exist.</p>');
      return sendPage(c, missing, 404);
    }
    const expiresAt = (await ctx.orderExpiresAt(tx.clientUniqueId)) ?? tx.expiresAt;
    const rows: [string, string][] = [
      ['Pay code', tx.payCode],
      ['Amount', `${tx.amount} ${tx.currency}`],
      ['Status', await statusText(ctx, tx)],
    ];
    if (expiresAt) rows.push(['Expires', EXPIRY_FORMAT.format(new Date(expiresAt))]);
    const body = `<p>Show this pay code at a shop that accepts OKTO Cash and pay in cash.</p>${details(rows)}
<p><a href="${base}/sandbox/okto/stores">Find a store</a></p>`;
    return sendPage(c, oktoPage(ctx.publicUrl, 'OKTO Cash voucher', body));
  });

  app.get('/okto/stores', (c) => {
    const code = (c.req.query('country') ?? '').toUpperCase();
    const codes = Object.hasOwn(STORES, code) ? [code] : Object.keys(STORES);
    const sections = codes.map((each) => {
      const entry = STORES[each];
      const stores = (entry?.stores ?? []).map((name) => `<li>${escapeHtml(name)}</li>`).join('');
      return `<h2>${escapeHtml(entry?.country ?? each)}</h2><ul>${stores}</ul>`;
    });
    const intro = '<p>Shops that take OKTO Cash pay codes (sandbox list).</p>';
    return sendPage(c, oktoPage(ctx.publicUrl, 'OKTO Cash stores', `${intro}${sections.join('\n')}`));
  });
}
