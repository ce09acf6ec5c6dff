import { describe, expect, it } from 'vitest';
import {
  chooseMethod,
  clickButton,
  createOrder,
  expectStatus,
  getOrder,
  orderBody,
  readPayCode,
  settleAtPos,
} from './harness.ts';
import { openPage, useSuite } from './suite.ts';

// Design §5: the strict-CSP page, served by the Kassa server itself, completes an OKTO payment
// with no `securitypolicyviolation` at all (no inline styles or scripts, no eval, no style attributes).
describe('strict Content-Security-Policy page', () => {
  const suite = useSuite();

  it('completes an OKTO payment with zero CSP violations recorded', async () => {
    const order = await createOrder(suite.server, orderBody({ country: 'GR', amount: '10.00' }));
    // Recorded from before the first script runs; init scripts are not subject to the page's CSP.
    const recordViolations = () => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener(
        'securitypolicyviolation',
        (e) =>
          seen.push(
            `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
          ),
        true,
      );
    };
    const url = `${suite.server.url}/sandbox/csp-page?session=${encodeURIComponent(order.clientToken)}`;
    const policy =
      (await fetch(url, { signal: AbortSignal.timeout(10_000) })).headers.get('content-security-policy') ??
      '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    const { page, context, errors } = await openPage(suite, url, recordViolations);

    await chooseMethod(page, 'OKTO Cash');
    await clickButton(page, 'Pay €10.00');
    await page.getByRole('img', { name: 'Pay code QR code', exact: true }).waitFor();
    await clickButton(page, 'Show barcode');
    await page.getByRole('img', { name: 'Pay code barcode', exact: true }).waitFor();
    await settleAtPos(context, suite.server, await readPayCode(page));
    await expectStatus(page, 'Payment successful');

    const violations = await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');
  });
});
