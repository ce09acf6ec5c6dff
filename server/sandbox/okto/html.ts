/** The OKTO simulators' markup (design §4), in the sandbox layout: no scripts, no inline styles. */
import { basePath, escapeHtml, page } from '../layout.ts';

/** An OKTO-branded sandbox page; `body` must already be escaped markup. */
export function oktoPage(publicUrl: string, title: string, body: string): string {
  return page({ title, brand: 'okto', body, publicUrl });
}

/** The POS simulator's form (design §4: a field "Pay code", a button "Accept cash"). */
export function posForm(publicUrl: string, value = ''): string {
  return `<form method="post" action="${escapeHtml(basePath(publicUrl))}/sandbox/okto/pos/pay">
<p><label for="payCode">Pay code</label>
<input id="payCode" name="payCode" type="text" required autocomplete="off" spellcheck="false" aria-describedby="payCode-hint" value="${escapeHtml(value)}"></p>
<p id="payCode-hint" class="hint">Scan or type the code on the shopper’s voucher; spaces and parentheses do not matter.</p>
<p><button type="submit">Accept cash</button></p>
</form>`;
}
