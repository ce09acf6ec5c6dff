// Printing from a shadow root prints the whole merchant page; while a voucher is shown, a
// document-level constructed sheet (CSP-safe, no <style>) hides everything but the widget's host.
const PRINT_CSS =
  '@media print{body *{visibility:hidden!important}' +
  '[data-kassa-print],[data-kassa-print] *{visibility:visible!important}' +
  '[data-kassa-print]{position:absolute;left:0;top:0;width:100%}}';

let sheet: CSSStyleSheet | undefined;

/** Makes `host` the only printed element while the voucher is shown; returns the undo. */
export function isolateForPrint(host: HTMLElement): () => void {
  const doc = host.ownerDocument;
  if (typeof CSSStyleSheet === 'undefined' || !Array.isArray(doc.adoptedStyleSheets)) return () => {};
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(PRINT_CSS);
  }
  const printSheet = sheet;
  host.setAttribute('data-kassa-print', '');
  if (!doc.adoptedStyleSheets.includes(printSheet))
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, printSheet];
  return () => {
    host.removeAttribute('data-kassa-print');
    if (!doc.querySelector('[data-kassa-print]')) {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((other) => other !== printSheet);
    }
  };
}
