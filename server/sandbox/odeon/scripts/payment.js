/*
 * Kassa sandbox stand-in for OdeonPay's payment.js (seed "Payment Widget"). It defines the same global:
 * new OdeonPay().charge({ publicId, amount, currency, invoiceId, description, accountId, locale },
 * onSuccess(options), onFail(reason, options)). The card form opens in an iframe titled "OdeonPay" over
 * the merchant page (the emulator's hosted page in widget mode, at the origin this script came from),
 * which does the Payment Check, the charge and any 3-D Secure step, then posts the result back.
 * Plain script: no eval, no inline code, styles set as CSSOM properties (allowed under a strict CSP).
 */
(() => {
  const script = document.currentScript;
  // Resolved once at load time: document.currentScript is null inside later calls.
  const base = script?.src ? new URL('.', script.src) : null;
  const OPTION_KEYS = ['publicId', 'amount', 'currency', 'invoiceId', 'description', 'accountId', 'locale'];

  function setStyles(element, styles) {
    for (const [name, value] of Object.entries(styles)) element.style[name] = value;
  }

  function OdeonPay() {
    if (!(this instanceof OdeonPay)) return new OdeonPay();
  }

  OdeonPay.prototype.charge = function charge(options, onSuccess, onFail) {
    const opts = options || {};
    const succeed = typeof onSuccess === 'function' ? onSuccess : () => undefined;
    const fail = typeof onFail === 'function' ? onFail : () => undefined;
    if (!base) {
      fail('The payment form could not be loaded', opts);
      return this;
    }
    const url = new URL('widget', base);
    for (const key of OPTION_KEYS) {
      const value = opts[key];
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    url.searchParams.set('origin', window.location.origin);

    const overlay = document.createElement('div');
    setStyles(overlay, {
      position: 'fixed',
      top: '0',
      right: '0',
      bottom: '0',
      left: '0',
      zIndex: '2147483647',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      background: 'rgba(15, 23, 42, 0.6)',
    });
    const frame = document.createElement('iframe');
    frame.title = 'OdeonPay';
    frame.src = url.href;
    setStyles(frame, {
      width: 'min(440px, 100vw)',
      height: 'min(720px, 100vh)',
      border: '0',
      borderRadius: '12px',
      background: '#ffffff',
      boxShadow: '0 12px 40px rgba(0, 0, 0, 0.35)',
    });
    overlay.appendChild(frame);

    const onMessage = (event) => {
      if (event.origin !== base.origin || event.source !== frame.contentWindow) return;
      const data = event.data;
      if (data?.type !== 'odeonpay:result') return;
      window.removeEventListener('message', onMessage);
      overlay.remove();
      if (data.status === 'success') succeed(opts);
      else fail(typeof data.reason === 'string' && data.reason ? data.reason : 'failed', opts);
    };
    window.addEventListener('message', onMessage);
    document.body.appendChild(overlay);
    return this;
  };

  window.OdeonPay = OdeonPay;
})();
