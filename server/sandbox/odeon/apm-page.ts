/**
 * The APM link page `/odeon/apm/<id>` (design §4 "APM link page"; apm.ts): for every APM type, a
 * heading with the type's name (catalogue; "Payment type <id>" for one it lacks), the amount, and
 * "Approve", "Decline", "Cancel". The answer settles the payment once (its notification queued) and
 * sends the shopper to successUrl (Completed), cancelUrl (cancelled; failureUrl without one) or
 * failureUrl (Declined); with no URL to go to, a page says how it ended. Opened again once settled, it
 * sends the shopper on the same way. No inline script or style: the page passes the strict CSP.
 */
import type { Context, Hono } from 'hono';
import { sendPage } from '../layout.ts';
import { answerApmPayment, apmName, isCancelled } from './apm.ts';
import type { OdeonContext } from './context.ts';
import type { HostedPage, OdeonTx } from './db.ts';
import { apmPage, messagePage } from './html.ts';

const ANSWERS = ['approve', 'decline', 'cancel'] as const;
const isAnswer = (value: unknown): value is (typeof ANSWERS)[number] =>
  typeof value === 'string' && (ANSWERS as readonly string[]).includes(value);

/** Where the shopper goes once the payment has its result. */
function target(hosted: HostedPage, tx: OdeonTx): string | null {
  if (tx.status === 'Completed') return hosted.successUrl;
  if (isCancelled(tx)) return hosted.cancelUrl ?? hosted.failureUrl;
  return hosted.failureUrl;
}

/** Registers the APM page routes. */
export function registerApmRoutes(app: Hono, ctx: OdeonContext): void {
  const pageUrl = (hosted: HostedPage) => `${ctx.base}/apm/${hosted.id}`;

  /** The page and its payment, or undefined for an id that is no APM page. */
  const load = async (c: Context) => {
    const hosted = await ctx.db.getPage(c.req.param('id') ?? '');
    if (hosted?.kind !== 'apm' || hosted.transactionId === null) return undefined;
    const tx = await ctx.db.getTx(hosted.transactionId);
    return tx ? { hosted, tx } : undefined;
  };
  const unknown = (c: Context) =>
    sendPage(
      c,
      messagePage(ctx.publicUrl, 'Unknown payment', 'This payment does not exist.', { refused: true }),
      404,
    );

  /** Sends the shopper on after the result, or shows it when there is nowhere to go. */
  const leave = (c: Context, hosted: HostedPage, tx: OdeonTx) => {
    const url = target(hosted, tx);
    if (url) {
      c.header('Cache-Control', 'no-store');
      return c.redirect(url, 303);
    }
    const completed = tx.status === 'Completed';
    const message = completed
      ? 'The payment is complete.'
      : isCancelled(tx)
        ? 'The payment was cancelled.'
        : 'The payment did not go through.';
    return sendPage(
      c,
      messagePage(ctx.publicUrl, completed ? 'Payment completed' : 'Payment not completed', message, {
        refused: !completed,
      }),
    );
  };

  app.get('/odeon/apm/:id', async (c) => {
    const found = await load(c);
    if (!found) return unknown(c);
    const { hosted, tx } = found;
    if (tx.status !== 'Created') return leave(c, hosted, tx);
    return sendPage(c, apmPage(ctx.publicUrl, pageUrl(hosted), hosted, apmName(tx.apm?.typeId ?? null)));
  });

  app.post('/odeon/apm/:id', async (c) => {
    const found = await load(c);
    if (!found) return unknown(c);
    const { hosted, tx } = found;
    if (tx.status !== 'Created') return leave(c, hosted, tx);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (!isAnswer(form.action)) {
      return sendPage(
        c,
        apmPage(ctx.publicUrl, pageUrl(hosted), hosted, apmName(tx.apm?.typeId ?? null)),
        400,
      );
    }
    const settled = await answerApmPayment(ctx, tx, form.action);
    return leave(c, hosted, settled);
  });
}
