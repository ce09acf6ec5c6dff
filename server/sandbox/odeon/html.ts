/**
 * The emulator's pages in the sandbox layout (design §4 "Card pages", "3-D Secure page"): the hosted
 * card form, the 3-D Secure page, the auto-posting answer to a TermUrl and the pages a payment ends on.
 * No inline script, style or handler: the scripts they need are files of ours (scripts/), so the pages
 * pass a strict CSP. Card numbers and CVCs are never written back into a page.
 */
import { displayDecimal } from '../../../src/contract/display.ts';
import { isCurrency } from '../../../src/contract/money.ts';
import { details, escapeHtml, page } from '../layout.ts';
import { amountText } from './amount.ts';
import type { HostedPage, OdeonTx } from './db.ts';

const odeonPage = (publicUrl: string, title: string, body: string, head = '') =>
  page({ title, brand: 'odeon', body, publicUrl, head });

/** The amount as shoppers read it (e.g. "€12.50"), from its decimal text: no floating point. */
export function shownAmount(minor: number, currency: string, locale: string | null): string {
  const decimal = amountText(minor, currency);
  // A currency outside ISO 4217 (an APM's USDT) has no Intl format: its decimal text and code.
  if (!isCurrency(currency)) return `${decimal} ${currency}`;
  const tag = locale?.replace('_', '-') ?? 'en-US';
  try {
    return displayDecimal(decimal, currency, tag);
  } catch {
    return displayDecimal(decimal, currency, 'en-US');
  }
}

/** Errors of the card form, by field. */
export type CardFormErrors = Partial<Record<'cardNumber' | 'expiry' | 'cvc' | 'name', string>>;

/** Field values written back after an error: never the card number or the security code. */
export interface CardFormValues {
  expiry?: string;
  name?: string;
}

interface FieldSpec {
  key: keyof CardFormErrors;
  id: string;
  label: string;
  autocomplete: string;
  extra: string;
  hint?: string;
}

const FIELDS: readonly FieldSpec[] = [
  {
    key: 'cardNumber',
    id: 'card-number',
    label: 'Card number',
    autocomplete: 'cc-number',
    extra: ' inputmode="numeric" maxlength="23" spellcheck="false"',
  },
  {
    key: 'expiry',
    id: 'card-expiry',
    label: 'Expiry date',
    autocomplete: 'cc-exp',
    extra: ' inputmode="numeric" maxlength="5" placeholder="MM/YY"',
    hint: 'MM/YY',
  },
  {
    key: 'cvc',
    id: 'card-cvc',
    label: 'Security code',
    autocomplete: 'cc-csc',
    extra: ' inputmode="numeric" maxlength="4" spellcheck="false"',
  },
  {
    key: 'name',
    id: 'card-name',
    label: 'Name on card',
    autocomplete: 'cc-name',
    extra: ' spellcheck="false"',
  },
];

function field(spec: FieldSpec, errors: CardFormErrors, values: CardFormValues, first: boolean): string {
  const error = errors[spec.key];
  const described = [error ? `${spec.id}-error` : '', spec.hint ? `${spec.id}-hint` : ''].filter(Boolean);
  const value = spec.key === 'expiry' || spec.key === 'name' ? values[spec.key] : undefined;
  const attrs = [
    `id="${spec.id}"`,
    `name="${spec.key}"`,
    'type="text"',
    `autocomplete="${spec.autocomplete}"`,
    described.length ? `aria-describedby="${described.join(' ')}"` : '',
    error ? 'aria-invalid="true"' : '',
    error && first ? 'autofocus' : '',
    value ? `value="${escapeHtml(value)}"` : '',
  ].filter(Boolean);
  const hint = spec.hint ? ` <span id="${spec.id}-hint" class="hint">(${spec.hint})</span>` : '';
  const message = error ? `\n<span id="${spec.id}-error" role="alert">${escapeHtml(error)}</span>` : '';
  return `<p><label for="${spec.id}">${spec.label}</label>${hint}\n<input ${attrs.join(' ')}${spec.extra}>${message}</p>`;
}

/** Facts shown above a payment's form. */
function summary(hosted: HostedPage): string {
  const rows: [string, string][] = [
    ['Amount', shownAmount(hosted.amountMinor, hosted.currency, hosted.locale)],
  ];
  if (hosted.description) rows.push(['Description', hosted.description]);
  if (hosted.invoiceId) rows.push(['Invoice', hosted.invoiceId]);
  const title = hosted.style?.merchantTitle
    ? `<p class="merchant-title">${escapeHtml(hosted.style.merchantTitle)}</p>\n`
    : '';
  return `${title}${details(rows)}`;
}

/** The hosted card form (redirect, checkout link, payment link, widget frame). */
export function cardFormPage(
  publicUrl: string,
  base: string,
  hosted: HostedPage,
  errors: CardFormErrors = {},
  values: CardFormValues = {},
): string {
  const firstError = FIELDS.find((f) => errors[f.key])?.key;
  const fields = FIELDS.map((f) => field(f, errors, values, f.key === firstError)).join('\n');
  const amount = shownAmount(hosted.amountMinor, hosted.currency, hosted.locale);
  const body = `${summary(hosted)}
<form method="post" action="${escapeHtml(`${base}/pay/${hosted.id}`)}" novalidate>
${fields}
<p><button type="submit" name="action" value="pay" class="pay-button">Pay ${escapeHtml(amount)}</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></p>
</form>
<p class="hint">Sandbox: 4242 4242 4242 4242 pays without 3-D Secure, 4111 1111 1111 1111 asks for Advanced
3-D Secure, 4200 0000 0000 0000 for Redirect 3-D Secure; security code 333 is declined; any expiry not in
the past. Passphrase for 3-D Secure: 4.</p>`;
  const theme =
    hosted.style && (hosted.style.payButtonColor || hosted.style.payButtonTextColor)
      ? `<link rel="stylesheet" href="${escapeHtml(`${base}/pay/${hosted.id}/theme.css`)}">\n`
      : '';
  return odeonPage(publicUrl, 'Card payment', body, theme);
}

/**
 * An APM link's page (design §4 "APM link page"): the type's name as heading, the payment's facts and
 * the buttons "Approve", "Decline" and "Cancel", posting to the page itself.
 */
export function apmPage(publicUrl: string, action: string, hosted: HostedPage, name: string): string {
  const body = `${summary(hosted)}
<form method="post" action="${escapeHtml(action)}" novalidate>
<p><button type="submit" name="action" value="approve" class="pay-button">Approve</button>
<button type="submit" name="action" value="decline">Decline</button>
<button type="submit" name="action" value="cancel">Cancel</button></p>
</form>
<p class="hint">Sandbox: Approve completes the payment, Decline declines it, Cancel returns to the shop
as cancelled. Each result is notified to the shop.</p>`;
  return odeonPage(publicUrl, name, body);
}

/** The 3-D Secure page: a heading "3-D Secure", a field "Passphrase", buttons "Confirm" and "Cancel". */
export function threeDsPage(
  publicUrl: string,
  action: string,
  tx: OdeonTx,
  hidden: Record<string, string> = {},
): string {
  const inputs = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const card = tx.card ? `Card ${tx.card.firstSix.slice(0, 4)} •••• ${tx.card.lastFour}` : 'Card';
  const body = `${details([
    ['Amount', shownAmount(tx.amountMinor, tx.currency, null)],
    ['Card', card],
  ])}
<form method="post" action="${escapeHtml(action)}" novalidate>
${inputs}
<p><label for="passphrase">Passphrase</label>
<input id="passphrase" name="passphrase" type="password" autocomplete="off" aria-describedby="passphrase-hint"></p>
<p id="passphrase-hint">Your card issuer asks you to confirm this payment.</p>
<p><button type="submit" name="action" value="confirm">Confirm</button>
<button type="submit" name="action" value="cancel">Cancel</button></p>
</form>
<p class="hint">Sandbox: passphrase 4 authenticates; anything else, or Cancel, fails authentication.</p>`;
  return odeonPage(publicUrl, '3-D Secure', body);
}

/**
 * A page whose form posts itself (the ACS answering to the TermUrl with MD and PaRes): a script file
 * of ours submits it; without scripts the shopper presses "Continue".
 */
export function autoPostPage(
  publicUrl: string,
  base: string,
  action: string,
  fields: Record<string, string>,
): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const body = `<p role="status">Returning to the shop…</p>
<form method="post" action="${escapeHtml(action)}" data-autosubmit>
${inputs}
<p><button type="submit">Continue</button></p>
</form>`;
  const script = `<script src="${escapeHtml(`${base}/assets/autosubmit.js`)}" defer></script>\n`;
  return odeonPage(publicUrl, '3-D Secure', body, script);
}

/** A page that ends the payment: a message, and a link back when there is somewhere to go. */
export function messagePage(
  publicUrl: string,
  title: string,
  message: string,
  options: { refused?: boolean; link?: { href: string; text: string } | undefined } = {},
): string {
  const back = options.link
    ? `<p><a class="button" href="${escapeHtml(options.link.href)}">${escapeHtml(options.link.text)}</a></p>`
    : '';
  const refused = options.refused ? ' class="refused"' : '';
  return odeonPage(publicUrl, title, `<p role="status"${refused}>${escapeHtml(message)}</p>${back}`);
}

/** The widget frame's last page: a script of ours posts the result to the merchant page. */
export function widgetResultPage(
  publicUrl: string,
  base: string,
  result: { status: 'success' | 'fail'; reason: string; transactionId: number | null; origin: string },
): string {
  const message = result.status === 'success' ? 'Payment completed.' : 'Payment not completed.';
  const body = `<p role="status" id="odeon-result" data-status="${result.status}" data-reason="${escapeHtml(result.reason)}" data-transaction-id="${result.transactionId ?? ''}" data-origin="${escapeHtml(result.origin)}">${message}</p>`;
  const script = `<script src="${escapeHtml(`${base}/assets/widget-result.js`)}" defer></script>\n`;
  return odeonPage(publicUrl, 'OdeonPay', body, script);
}
