/*
 * Kassa sandbox (OdeonPay emulator): the widget frame's last page posts the payment result to the
 * merchant page that opened payment.js, and only to its origin.
 */
(() => {
  const result = document.getElementById('odeon-result');
  if (!result || window.parent === window) return;
  const origin = result.dataset.origin;
  if (!origin) return;
  const id = result.dataset.transactionId;
  window.parent.postMessage(
    {
      type: 'odeonpay:result',
      status: result.dataset.status === 'success' ? 'success' : 'fail',
      reason: result.dataset.reason || '',
      transactionId: id ? Number(id) : null,
    },
    origin,
  );
})();
