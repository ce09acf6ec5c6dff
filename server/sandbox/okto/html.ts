/** Minimal HTML pages for the OKTO simulators: no scripts, no inline styles (they pass a strict CSP). */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A complete HTML document; `body` must already be escaped markup. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

/** The POS simulator's form (design §4: a field "Pay code", a button "Accept cash"). */
export function posForm(value = ''): string {
  return `<form method="post" action="/sandbox/okto/pos/pay">
<p><label for="payCode">Pay code</label>
<input id="payCode" name="payCode" type="text" required autocomplete="off" spellcheck="false" value="${escapeHtml(value)}"></p>
<p><button type="submit">Accept cash</button></p>
</form>`;
}

/** A definition list of label/value pairs. */
export function details(rows: readonly (readonly [string, string])[]): string {
  const items = rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<dl>${items.join('')}</dl>`;
}
