/**
 * The paysafecard page (design §4): `GET /paysafecard/pay?id=` shows the PIN form, `POST` the same URL
 * (form fields `pin` and `action` = `pay` | `cancel`) settles the Nuvei transaction, queues its DMN
 * and sends the shopper to the session's `urlDetails` with a 303. PINs are never stored or logged.
 */
import type { Context, Hono } from 'hono';
import { sendPage as html } from '../layout.ts';
import type { SandboxContext } from '../nuvei/context.ts';
import type { TransactionRow } from '../nuvei/db.ts';
import { settleAndNotify } from '../nuvei/settle.ts';
import { parseReturnUrls } from '../nuvei/transaction.ts';
import { expireIfDue, PAYSAFECARD_RESULTS, TEST_PIN, transactionOfPage } from './apm.ts';
import { finishedPage, pinPage, unknownPage } from './html.ts';

type Result = keyof typeof PAYSAFECARD_RESULTS;

/** Where the shopper goes after each result; undefined when the session gave no URL for it. */
function returnUrl(tx: TransactionRow, result: Result): string | undefined {
  const urls = parseReturnUrls(tx.urlDetails);
  if (result === 'approved') return urls.successUrl;
  if (result === 'cancelled') return urls.backUrl ?? urls.failureUrl;
  return urls.failureUrl;
}

/** The 16 digits of a PIN as typed (spaces and dashes between groups allowed), or null when malformed. */
export function normalisePin(value: unknown): string | null {
  const digits = typeof value === 'string' ? value.replace(/[\s-]/g, '') : '';
  return /^\d{16}$/.test(digits) ? digits : null;
}

/** The page for a transaction that is no longer open: 410 when it expired, else `status`. */
function finished(c: Context, ctx: SandboxContext, tx: TransactionRow, status: 200 | 409): Response {
  const expired = tx.reason === PAYSAFECARD_RESULTS.expired.reason;
  const link = tx.status === 'APPROVED' ? returnUrl(tx, 'approved') : returnUrl(tx, 'declined');
  return html(c, finishedPage(ctx.publicUrl, tx, link), expired ? 410 : status);
}

/** Ends the payment with `result` and redirects (or shows the outcome when there is nowhere to go). */
async function conclude(
  c: Context,
  ctx: SandboxContext,
  tx: TransactionRow,
  result: Result,
): Promise<Response> {
  const settled = await settleAndNotify(ctx, tx.id, PAYSAFECARD_RESULTS[result]);
  if (!settled) return finished(c, ctx, (await ctx.sbx.getTransaction(tx.id)) ?? tx, 409);
  ctx.log.info('sandbox paysafecard page', { transactionId: tx.id, result });
  const target = returnUrl(settled, result);
  if (!target) return finished(c, ctx, settled, 200);
  c.header('Cache-Control', 'no-store');
  return c.redirect(target, 303);
}

/** Registers the paysafecard page on the sandbox app. */
export function registerPaysafecardRoutes(app: Hono, ctx: SandboxContext): void {
  const load = async (c: Context): Promise<TransactionRow | undefined> => {
    const tx = await transactionOfPage(ctx, c.req.query('id') ?? '');
    return tx ? expireIfDue(ctx, tx) : undefined;
  };

  app.get('/paysafecard/pay', async (c) => {
    const tx = await load(c);
    if (!tx) return html(c, unknownPage(ctx.publicUrl), 404);
    return tx.status === 'REDIRECT' ? html(c, pinPage(ctx.publicUrl, tx)) : finished(c, ctx, tx, 200);
  });

  app.post('/paysafecard/pay', async (c) => {
    const tx = await load(c);
    if (!tx) return html(c, unknownPage(ctx.publicUrl), 404);
    if (tx.status !== 'REDIRECT') return finished(c, ctx, tx, 409);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (form.action === 'cancel') return conclude(c, ctx, tx, 'cancelled');
    const pin = normalisePin(form.pin);
    if (!pin) return html(c, pinPage(ctx.publicUrl, tx, 'Enter the 16 digits of your paysafecard PIN.'), 400);
    return conclude(c, ctx, tx, pin === TEST_PIN ? 'approved' : 'declined');
  });
}
