/**
 * The hosted card page (design §4 "Card pages"): the redirect URL `/odeon/payments/redirect/{publicId}`,
 * the checkout link's and the payment link's page, and the widget's frame all become a stored page at
 * `/odeon/pay/<id>`, whose form POSTs the card (never a query string). Before charging, the page sends
 * the Payment Check and stops with "Payment rejected by the merchant" unless it is confirmed; then it
 * charges, passes 3-D Secure on the Redirect 3-DS page when the card needs it, and sends the shopper to
 * successUrl / failureUrl (cancelUrl on Cancel, pendingUrl when the result is not known) — or, in the
 * widget's frame, posts the result to the merchant page.
 */
import type { Context, Hono } from 'hono';
import { cardDigits, isCardNumber, parseExpiry } from '../../../src/contract/card-rules.ts';
import { sendPage } from '../layout.ts';
import { DECLINES, examineCard, isCurrentExpiry } from './cards.ts';
import type { OdeonContext } from './context.ts';
import type { HostedPage, OdeonTx } from './db.ts';
import { type CardFormErrors, cardFormPage, messagePage, widgetResultPage } from './html.ts';
import { themeCss } from './html-style.ts';
import { charge, createPayment, isFinal, settle } from './payment.ts';
import { type CheckoutLinkRequest, type PaymentLinkRequest, RedirectQuery, WidgetQuery } from './requests.ts';

const REJECTED = 'Payment rejected by the merchant';

/** Stores the page of a link (checkout link, payment link or APM link) with the request's return URLs. */
export function linkPage(
  ctx: OdeonContext,
  kind: 'checkout' | 'link' | 'apm',
  body: CheckoutLinkRequest | PaymentLinkRequest,
  style: HostedPage['style'],
): Promise<HostedPage> {
  return ctx.db.insertPage(
    {
      kind,
      amountMinor: body.amountMinor,
      currency: body.currency,
      description: body.description,
      invoiceId: body.invoiceId,
      accountId: body.accountId,
      successUrl: body.successUrl,
      failureUrl: body.failureUrl,
      pendingUrl: body.pendingUrl,
      cancelUrl: body.cancelUrl,
      locale: body.locale,
      style,
      parentOrigin: null,
      transactionId: null,
      ending: null,
    },
    ctx.clock.now(),
  );
}
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The card form's fields checked; `card` only when every field is right. */
function readCardForm(form: Record<string, unknown>, now: number) {
  const errors: CardFormErrors = {};
  const pan = cardDigits(text(form.cardNumber));
  if (!isCardNumber(pan)) errors.cardNumber = 'Enter a valid card number.';
  const expiryText = text(form.expiry).replace(/\s/g, '');
  const expiry = parseExpiry(expiryText);
  if (!expiry) errors.expiry = 'Enter the expiry date as MM/YY.';
  else if (!isCurrentExpiry(expiry.month, expiry.year, now)) errors.expiry = 'The card has expired.';
  const cvv = text(form.cvc).trim();
  if (!/^\d{3,4}$/.test(cvv)) errors.cvc = 'Enter the 3- or 4-digit security code.';
  const name = text(form.name).trim();
  if (name === '' || name.length > 100) errors.name = 'Enter the name on the card.';
  const values = { expiry: expiryText.slice(0, 5), name: name.slice(0, 100) };
  if (Object.keys(errors).length > 0 || !expiry) return { errors, values, card: undefined, name };
  return { errors, values, card: { pan, cvv, expiryMonth: expiry.month, expiryYear: expiry.year }, name };
}

/** Registers the hosted page routes (before the REST routes: `payments/redirect/…` is a page). */
export function registerHostedRoutes(app: Hono, ctx: OdeonContext): void {
  const pageUrl = (hosted: HostedPage) => `${ctx.base}/pay/${hosted.id}`;
  const resultUrl = (hosted: HostedPage) => `${pageUrl(hosted)}/result`;
  const problem = (c: Context, title: string, message: string, status: 400 | 404 | 409 = 400) =>
    sendPage(c, messagePage(ctx.publicUrl, title, message, { refused: true }), status);
  const goTo = (c: Context, url: string) => {
    c.header('Cache-Control', 'no-store');
    return c.redirect(url, 303);
  };
  const newPage = async (c: Context, page: Omit<HostedPage, 'id'>) =>
    goTo(c, pageUrl(await ctx.db.insertPage(page, ctx.clock.now())));

  app.get('/odeon/payments/redirect/:publicId', async (c) => {
    if (c.req.param('publicId') !== ctx.credentials.publicId) {
      return problem(c, 'Unknown merchant', 'This payment link does not belong to a merchant.', 404);
    }
    const query = RedirectQuery.safeParse(c.req.query());
    if (!query.success)
      return problem(c, 'Invalid payment link', 'This payment link is incomplete or invalid.');
    const q = query.data;
    return newPage(c, {
      kind: 'redirect',
      ...q,
      style: null,
      parentOrigin: null,
      transactionId: null,
      ending: null,
    });
  });

  app.get('/odeon/widget', async (c) => {
    const query = WidgetQuery.safeParse(c.req.query());
    if (!query.success || query.data.publicId !== ctx.credentials.publicId) {
      return problem(c, 'Invalid payment', 'The payment form was opened with invalid options.');
    }
    const { origin, publicId: _publicId, ...q } = query.data;
    return newPage(c, {
      kind: 'widget',
      ...q,
      successUrl: null,
      failureUrl: null,
      pendingUrl: null,
      cancelUrl: null,
      style: null,
      parentOrigin: origin,
      transactionId: null,
      ending: null,
    });
  });

  /** The card page of the URL (an APM link's page is apm-page.ts's). */
  const load = async (c: Context) => {
    const hosted = await ctx.db.getPage(c.req.param('id') ?? '');
    return hosted?.kind === 'apm' ? undefined : hosted;
  };
  const pageTx = async (hosted: HostedPage) =>
    hosted.transactionId === null ? undefined : ctx.db.getTx(hosted.transactionId);
  /** Whether the page can still take a card (nothing ended it, and its payment is not under way). */
  const isOpen = (hosted: HostedPage, tx: OdeonTx | undefined) =>
    hosted.ending === null && (!tx || tx.status === 'Created');

  app.get('/odeon/pay/:id/theme.css', async (c) => {
    const hosted = await load(c);
    return c.body(themeCss(hosted?.style ?? null), hosted ? 200 : 404, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });

  app.get('/odeon/pay/:id', async (c) => {
    const hosted = await load(c);
    if (!hosted) return problem(c, 'Unknown payment', 'This payment does not exist.', 404);
    const tx = await pageTx(hosted);
    if (!isOpen(hosted, tx)) return goTo(c, resultUrl(hosted));
    return sendPage(c, cardFormPage(ctx.publicUrl, ctx.base, hosted));
  });

  app.post('/odeon/pay/:id', async (c) => {
    const hosted = await load(c);
    if (!hosted) return problem(c, 'Unknown payment', 'This payment does not exist.', 404);
    const existing = await pageTx(hosted);
    if (!isOpen(hosted, existing)) return goTo(c, resultUrl(hosted));
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const now = ctx.clock.now();

    if (form.action === 'cancel') {
      await ctx.db.updatePage(hosted.id, { ending: 'cancelled' }, now);
      // A payment link's transaction exists already: it ends declined (and is notified as such).
      if (existing) await settle(ctx, existing, { status: 'Declined', decline: DECLINES.cancelled });
      return goTo(c, resultUrl(hosted));
    }

    const entry = readCardForm(form, now);
    if (!entry.card) {
      return sendPage(c, cardFormPage(ctx.publicUrl, ctx.base, hosted, entry.errors, entry.values), 400);
    }
    const { facts, decline } = examineCard(entry.card, now);
    const redirect = { success: resultUrl(hosted), failure: resultUrl(hosted), pending: resultUrl(hosted) };
    let tx: OdeonTx | undefined;
    if (existing) {
      tx = await ctx.db.updateOpenTx(
        existing.transactionId,
        { card: facts, name: entry.name, redirect },
        now,
      );
    } else {
      tx = await createPayment(
        ctx,
        {
          amountMinor: hosted.amountMinor,
          currency: hosted.currency,
          invoiceId: hosted.invoiceId,
          accountId: hosted.accountId,
          description: hosted.description,
          name: entry.name,
          redirect,
          pageId: hosted.id,
        },
        facts,
      );
      await ctx.db.updatePage(hosted.id, { transactionId: tx.transactionId }, now);
    }
    if (!tx) return goTo(c, resultUrl(hosted));

    // Seed "Payment Check": the merchant confirms with {"code":0} or the payment does not go ahead.
    if (!(await ctx.notifier.paymentCheck(tx))) {
      await ctx.db.updatePage(hosted.id, { ending: 'rejected' }, ctx.clock.now());
      await settle(ctx, tx, { status: 'Declined', decline: DECLINES.rejected });
      const link =
        hosted.kind === 'widget'
          ? { href: resultUrl(hosted), text: 'Close' }
          : hosted.failureUrl
            ? { href: hosted.failureUrl, text: 'Return to the shop' }
            : undefined;
      return sendPage(
        c,
        messagePage(ctx.publicUrl, 'Payment not completed', REJECTED, { refused: true, link }),
        409,
      );
    }
    const charged = await charge(ctx, tx, decline);
    if (charged.status === 'AwaitingAuthentication' && charged.threeDs) {
      return goTo(c, `${ctx.base}/redirect/?link_reference=${charged.threeDs.reference}`);
    }
    return goTo(c, resultUrl(hosted));
  });

  app.get('/odeon/pay/:id/result', async (c) => {
    const hosted = await load(c);
    if (!hosted) return problem(c, 'Unknown payment', 'This payment does not exist.', 404);
    const tx = await pageTx(hosted);
    const cancelled = hosted.ending === 'cancelled';
    const completed = tx?.status === 'Completed';
    const known = cancelled || (tx !== undefined && isFinal(tx));
    if (!known && (!tx || tx.status === 'Created') && hosted.ending === null) return goTo(c, pageUrl(hosted));
    if (hosted.kind === 'widget') {
      const reason = cancelled
        ? 'cancelled'
        : hosted.ending === 'rejected'
          ? REJECTED
          : completed
            ? 'Approved'
            : (tx?.reason ?? 'pending');
      const result = {
        status: completed ? ('success' as const) : ('fail' as const),
        reason,
        transactionId: tx?.transactionId ?? null,
        origin: hosted.parentOrigin ?? '',
      };
      return sendPage(c, widgetResultPage(ctx.publicUrl, ctx.base, result));
    }
    const target = cancelled
      ? hosted.cancelUrl
      : completed
        ? hosted.successUrl
        : known
          ? hosted.failureUrl
          : hosted.pendingUrl;
    if (target) return goTo(c, target);
    const message = completed
      ? 'The payment is complete.'
      : cancelled
        ? 'The payment was cancelled.'
        : 'The payment did not go through.';
    return sendPage(
      c,
      messagePage(ctx.publicUrl, completed ? 'Payment completed' : 'Payment not completed', message, {
        refused: !completed,
      }),
    );
  });
}
