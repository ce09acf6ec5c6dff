/*
 * Kassa sandbox (OdeonPay emulator): submits the page's form marked data-autosubmit, as an ACS answers
 * to the TermUrl (seed "Form example"). A file of ours, so the page needs no inline script (strict CSP).
 */
(() => {
  const form = document.querySelector('form[data-autosubmit]');
  if (form instanceof HTMLFormElement) form.submit();
})();
