/**
 * OKTO point-of-sale simulator (design §4): the shop scans or types the pay code and accepts the cash;
 * the emulator then approves the Nuvei transaction and sends its DMN.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { issuesToFields } from '../../http-error.ts';
import { basePath, details, escapeHtml, sendPage } from '../layout.ts';
import type { SandboxContext } from '../nuvei/context.ts';
import type { TransactionRow } from '../nuvei/db.ts';
import { settleAndNotify } from '../nuvei/settle.ts';
import { normalisePayCode } from './gs1.ts';
import { oktoPage, posForm } from './html.ts';
import { registerOktoPages } from './pages.ts';

const PayBody = z.strictObject({ payCode: z.string().trim().min(1).max(200) });

/** What the till answers: HTTP status, a machine-readable status and a message for the cashier. */
interface PosOutcome {
  httpStatus: 200 | 404 | 409 | 410;
  status: 'paid' | 'unknown' | 'already_paid' | 'expired' | 'cancelled' | 'abandoned';
  message: string;
  tx?: TransactionRow;
}

/**
 * Accepts cash for a pay code: 200 paid (DMN queued), 404 unknown, 409 already paid, 410 expired,
 * cancelled or abandoned ("Choose another method").
 */
export async function acceptCash(ctx: SandboxContext, payCode: string): Promise<PosOutcome> {
  const digits = normalisePayCode(payCode);
  const tx = digits ? await ctx.sbx.transactionByPayDigits(digits) : undefined;
  if (!tx) return { httpStatus: 404, status: 'unknown', message: 'Unknown pay code' };
  if (tx.status === 'APPROVED')
    return { httpStatus: 409, status: 'already_paid', message: 'This pay code is already paid' };
  const state = await ctx.orderState(tx.clientUniqueId);
  if (state === 'abandoned') {
    // Design §3 `abandon`: a live Nuvei would still take it (and Kassa would record that late approval).
    return {
      httpStatus: 410,
      status: 'abandoned',
      message: 'This pay code was withdrawn: the shopper chose another payment method',
    };
  }
  if (tx.status !== 'PENDING' || state === 'cancelled') {
    return { httpStatus: 410, status: 'cancelled', message: 'The order behind this pay code was cancelled' };
  }
  // Pay codes expire at the order's expiresAt (design §4); the live value wins over the one stored at issue.
  const expiresAt = (await ctx.orderExpiresAt(tx.clientUniqueId)) ?? tx.expiresAt;
  if (state === 'expired' || (expiresAt !== null && ctx.clock.now() > Date.parse(expiresAt))) {
    return { httpStatus: 410, status: 'expired', message: 'This pay code has expired' };
  }
  // An 'unknown' order (e.g. the emulator used on its own) is accepted; the server rejects the DMN if needed.
  const settled = await settleAndNotify(ctx, tx.id, { status: 'APPROVED' });
  if (!settled) return { httpStatus: 409, status: 'already_paid', message: 'This pay code is already paid' };
  ctx.log.info('sandbox okto cash accepted', { transactionId: tx.id });
  return { httpStatus: 200, status: 'paid', message: 'Cash accepted', tx: settled };
}

function isForm(c: Context): boolean {
  const type = c.req.header('Content-Type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

async function readPayCode(c: Context): Promise<ReturnType<typeof PayBody.safeParse>> {
  if (isForm(c)) {
    const form = await c.req.parseBody().catch(() => ({}));
    return PayBody.safeParse(form);
  }
  return PayBody.safeParse(await c.req.json().catch(() => null));
}

/** Registers `/okto/pos`, `/okto/pos/pay` and the voucher and store pages on the sandbox app. */
export function registerOktoRoutes(app: Hono, ctx: SandboxContext): void {
  const base = escapeHtml(basePath(ctx.publicUrl));
  const intro = '<p>Take the shopper’s cash for an OKTO Cash voucher.</p>';
  app.get('/okto/pos', (c) =>
    sendPage(c, oktoPage(ctx.publicUrl, 'OKTO point of sale', `${intro}${posForm(ctx.publicUrl)}`)),
  );

  app.post('/okto/pos/pay', async (c) => {
    const form = isForm(c);
    const body = await readPayCode(c);
    if (!body.success) {
      const fields = issuesToFields(body.error.issues);
      if (form) {
        const retry = `<p role="alert">Enter a pay code.</p>${posForm(ctx.publicUrl)}`;
        return sendPage(c, oktoPage(ctx.publicUrl, 'Pay code missing', retry), 400);
      }
      return c.json(
        { error: { code: 'VALIDATION', message: 'The request has invalid fields.', fields } },
        400,
      );
    }
    const outcome = await acceptCash(ctx, body.data.payCode);
    const tx = outcome.tx;
    if (!form) {
      const paid = tx ? { transactionId: tx.id, amount: tx.amount, currency: tx.currency } : {};
      return c.json({ status: outcome.status, message: outcome.message, ...paid }, outcome.httpStatus);
    }
    const summary = tx
      ? details([
          ['Amount', `${tx.amount} ${tx.currency}`],
          ['Transaction', tx.id],
        ])
      : details([['Pay code', body.data.payCode]]);
    const refused = outcome.httpStatus === 200 ? '' : ' class="refused"';
    const html = `<p role="status"${refused}>${escapeHtml(outcome.message)}</p>${summary}
<p><a class="button" href="${base}/sandbox/okto/pos">Next customer</a></p>`;
    // The heading names the till; the outcome is the status line (announced, and coloured when refused).
    return sendPage(c, oktoPage(ctx.publicUrl, 'OKTO point of sale', html), outcome.httpStatus);
  });

  registerOktoPages(app, ctx);
}
