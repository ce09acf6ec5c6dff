/**
 * The 3-D Secure page (design §4): the ACS of Advanced 3-DS (`POST /odeon/acs` with the merchant's form
 * post of PaReq, MD and TermUrl; it answers by auto-posting MD and PaRes to the TermUrl, and
 * `/payments/post3ds` then settles the payment), and the page behind a Redirect 3-DS `url`
 * (`/odeon/redirect/?link_reference=…`, seed "Redirect 3-DS"), which settles the payment itself and
 * sends the shopper to the charge's success or failure redirect URL. The hosted pages and the widget
 * use the latter for their own 3-DS step. Passphrase "4" authenticates; anything else, or Cancel, fails.
 *
 * PaReq and PaRes (sandbox format, the seed's are opaque): base64 of `sbx-pareq:<transactionId>:<random>`
 * and `sbx-pares:<transactionId>:<random>`; the transaction keeps both, so a PaRes of another
 * transaction, or a made-up one, is refused by post3ds.
 */
import type { Context, Hono } from 'hono';
import { sendPage } from '../layout.ts';
import type { OdeonContext } from './context.ts';
import type { OdeonTx } from './db.ts';
import { autoPostPage, messagePage, threeDsPage } from './html.ts';
import { authenticate, completeThreeDs, isFinal } from './payment.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const isHttpUrl = (value: string) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value);

/** Where the shopper goes once a Redirect 3-DS payment has its state (pending while it has none). */
export function redirectTarget(tx: OdeonTx): string | undefined {
  if (tx.status === 'Completed') return tx.redirect?.success;
  if (tx.status === 'Declined') return tx.redirect?.failure;
  return tx.redirect?.pending;
}

/** The shopper's answer on the 3-DS form. */
const passedOf = (form: Record<string, unknown>) =>
  form.action === 'confirm' && text(form.passphrase).trim() === '4';

function unknown(c: Context, ctx: OdeonContext): Response {
  return sendPage(
    c,
    messagePage(ctx.publicUrl, '3-D Secure', 'This authentication request is not valid.', { refused: true }),
    400,
  );
}

/** Sends the shopper on after a Redirect 3-DS payment, or shows its state when there is nowhere to go. */
function leave(c: Context, ctx: OdeonContext, tx: OdeonTx): Response {
  const target = redirectTarget(tx);
  if (target) {
    c.header('Cache-Control', 'no-store');
    return c.redirect(target, 303);
  }
  const done = tx.status === 'Completed';
  const message = done
    ? 'The payment is complete.'
    : isFinal(tx)
      ? 'The payment was declined.'
      : 'The payment is being processed.';
  return sendPage(
    c,
    messagePage(ctx.publicUrl, done ? 'Payment completed' : 'Payment not completed', message, {
      refused: !done,
    }),
  );
}

/** Registers the ACS and the Redirect 3-DS page. */
export function registerThreeDsRoutes(app: Hono, ctx: OdeonContext): void {
  /** The Advanced 3-DS transaction an ACS form names, when MD and PaReq belong together. */
  const acsTransaction = async (form: Record<string, unknown>) => {
    const md = text(form.MD).trim();
    const tx = /^\d{1,15}$/.test(md) ? await ctx.db.getTx(Number(md)) : undefined;
    if (!tx?.threeDs || tx.card?.scheme !== 'advanced' || tx.threeDs.paReq !== text(form.PaReq))
      return undefined;
    return isHttpUrl(text(form.TermUrl)) ? tx : undefined;
  };

  app.post('/odeon/acs', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const tx = await acsTransaction(form);
    if (tx?.status !== 'AwaitingAuthentication') return unknown(c, ctx);
    const hidden = { PaReq: text(form.PaReq), MD: text(form.MD), TermUrl: text(form.TermUrl) };
    return sendPage(c, threeDsPage(ctx.publicUrl, `${ctx.base}/acs/confirm`, tx, hidden));
  });

  app.post('/odeon/acs/confirm', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const tx = await acsTransaction(form);
    const paRes = tx ? await authenticate(ctx, tx, passedOf(form)) : undefined;
    if (!tx || !paRes) return unknown(c, ctx);
    ctx.log.info('sandbox odeon acs', { transactionId: tx.transactionId, passed: passedOf(form) });
    const fields = { MD: String(tx.transactionId), PaRes: paRes };
    return sendPage(c, autoPostPage(ctx.publicUrl, ctx.base, text(form.TermUrl), fields));
  });

  const byReference = (c: Context) => ctx.db.txByReference(c.req.query('link_reference') ?? '');

  app.get('/odeon/redirect/', async (c) => {
    const tx = await byReference(c);
    if (!tx) return unknown(c, ctx);
    if (tx.status !== 'AwaitingAuthentication') return leave(c, ctx, tx);
    const action = `${ctx.base}/redirect/?link_reference=${tx.threeDs?.reference ?? ''}`;
    return sendPage(c, threeDsPage(ctx.publicUrl, action, tx));
  });

  app.post('/odeon/redirect/', async (c) => {
    const tx = await byReference(c);
    if (!tx) return unknown(c, ctx);
    if (tx.status !== 'AwaitingAuthentication') return leave(c, ctx, tx);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const passed = passedOf(form);
    await authenticate(ctx, tx, passed);
    const current = (await ctx.db.getTx(tx.transactionId)) ?? tx;
    ctx.log.info('sandbox odeon redirect 3ds', { transactionId: tx.transactionId, passed });
    return leave(c, ctx, isFinal(current) ? current : await completeThreeDs(ctx, current));
  });
}
