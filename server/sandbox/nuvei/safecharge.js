/*
 * Kassa sandbox stand-in for Nuvei's Web SDK (safecharge.js). It defines the same global,
 * SafeCharge({ sessionToken, env, merchantId, merchantSiteId }), whose createPayment(params, callback)
 * sends the payment to the Kassa sandbox emulator next to this file and calls back with a result
 * object: { result: 'APPROVED' | 'PENDING' | 'REDIRECT' | 'DECLINED' | 'ERROR', errCode, errorDescription,
 * transactionId, transactionStatus, paymentOption?: { redirectUrl, userPaymentOptionId? } }.
 * Plain script: no eval, no inline code, so it runs under a strict CSP (script-src 'self').
 */
(() => {
  const script = document.currentScript;
  // Resolved once at load time: document.currentScript is null inside later callbacks.
  const base = script?.src ? new URL('.', script.src).href : '';

  const failure = (description) => ({
    result: 'ERROR',
    errCode: -1,
    errorDescription: description,
    reason: description,
  });

  const send = (body) =>
    fetch(`${base}websdk/createPayment`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    })
      .then((response) =>
        response.text().then((text) => {
          try {
            const answer = JSON.parse(text);
            if (answer && typeof answer.result === 'string') return answer;
          } catch (_error) {
            // fall through: an unreadable answer is reported as an error result
          }
          return failure(`Unexpected answer from the payment server (HTTP ${response.status})`);
        }),
      )
      .catch(() => failure('The payment server could not be reached'));

  function SafeCharge(options) {
    const settings = options || {};
    return {
      createPayment(params, callback) {
        const done = typeof callback === 'function' ? callback : () => undefined;
        const payment = params || {};
        send({
          sessionToken: payment.sessionToken || settings.sessionToken,
          merchantId: settings.merchantId,
          merchantSiteId: settings.merchantSiteId,
          env: settings.env,
          params: payment,
        }).then((result) => done(result));
      },
    };
  }

  window.SafeCharge = SafeCharge;
})();
