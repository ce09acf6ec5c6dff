/**
 * The paysafecard page's markup (design §4: a field "PIN", buttons "Pay" and "Cancel") in the sandbox
 * layout: no scripts, no inline styles, no inline handlers, so it works under a strict CSP.
 */
import { details, escapeHtml, page } from '../layout.ts';
import type { TransactionRow } from '../nuvei/db.ts';
import { PAYSAFECARD_RESULTS, TEST_PIN } from './apm.ts';

const paysafecardPage = (publicUrl: string, title: string, body: string) =>
  page({ title, brand: 'paysafecard', body, publicUrl });

const amountRows = (tx: TransactionRow) => details([['Amount', `${tx.amount} ${tx.currency}`]]);

/**
 * The PIN form. The form has no `action`, so it posts back to the page's own URL (its `?id=`),
 * whatever path the server is mounted under. With `error`, the field is marked invalid and described.
 */
export function pinPage(publicUrl: string, tx: TransactionRow, error?: string): string {
  const describedBy = error ? 'pin-error pin-hint' : 'pin-hint';
  const invalid = error ? ' aria-invalid="true" autofocus' : '';
  const message = error ? `<p id="pin-error">${escapeHtml(error)}</p>\n` : '';
  const body = `${amountRows(tx)}
<form method="post" novalidate>
<p><label for="pin">PIN</label>
<input id="pin" name="pin" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="24" aria-describedby="${describedBy}"${invalid}></p>
${message}<p id="pin-hint">The 16-digit PIN printed on your paysafecard.</p>
<p><button type="submit" name="action" value="pay">Pay</button>
<button type="submit" name="action" value="cancel">Cancel</button></p>
</form>
<p class="hint">Sandbox: PIN ${TEST_PIN} pays; any other 16-digit PIN is declined.</p>`;
  return paysafecardPage(publicUrl, 'paysafecard', body);
}

/** A page for a payment that is no longer open (paid, declined, cancelled or expired). */
export function finishedPage(publicUrl: string, tx: TransactionRow, link?: string): string {
  const expired = tx.reason === PAYSAFECARD_RESULTS.expired.reason;
  const title = expired
    ? 'Payment expired'
    : tx.status === 'APPROVED'
      ? 'Payment completed'
      : 'Payment not completed';
  const text = expired
    ? 'The 30 minutes for this paysafecard payment have run out. Return to the shop to try again.'
    : tx.status === 'APPROVED'
      ? 'This paysafecard payment is complete.'
      : 'This paysafecard payment did not go through.';
  const back = link ? `<p><a class="button" href="${escapeHtml(link)}">Return to the shop</a></p>` : '';
  const refused = tx.status === 'APPROVED' ? '' : ' class="refused"';
  const body = `<p role="status"${refused}>${escapeHtml(text)}</p>${amountRows(tx)}${back}`;
  return paysafecardPage(publicUrl, title, body);
}

/** A page for an unknown page id. */
export function unknownPage(publicUrl: string): string {
  return paysafecardPage(publicUrl, 'Unknown payment', '<p>This paysafecard payment does not exist.</p>');
}
