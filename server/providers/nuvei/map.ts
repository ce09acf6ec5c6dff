/**
 * Pure mapping from Nuvei answers to what Kassa shows. Nuvei's documents do not say where an APM's
 * pay code comes from (the OKTO seed only says the user "is redirected to a page with a barcode or QR
 * code"), so the adapter accepts, in order:
 *   1. an explicit pay-code field: `payCode` at the top level or in `paymentOption`;
 *   2. a redirect URL (`paymentOption.redirectUrl`, or top-level `redirectURL`) whose query carries `payCode`;
 *   3. otherwise the redirect URL alone, which the widget opens in a popup.
 * The sandbox emulator answers in shape 2.
 */
import { z } from 'zod';

const Answer = z.looseObject({
  payCode: z.string().min(1).optional().catch(undefined),
  redirectURL: z.string().min(1).optional().catch(undefined),
  paymentOption: z
    .looseObject({
      payCode: z.string().min(1).optional().catch(undefined),
      redirectUrl: z.string().min(1).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

/** A pay code to show as a voucher, or a page to open in a popup. */
export type ApmVoucher = { payCode: string; redirectUrl?: string } | { redirectUrl: string };

function payCodeInQuery(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('payCode') || undefined;
  } catch {
    return undefined;
  }
}

/** Finds the pay code (or else the redirect page) in a `/payment`, `/getPaymentStatus` or Web SDK answer. */
export function voucherFromApmAnswer(answer: unknown): ApmVoucher | null {
  const parsed = Answer.safeParse(answer);
  if (!parsed.success) return null;
  const { payCode, redirectURL, paymentOption } = parsed.data;
  const redirectUrl = paymentOption?.redirectUrl ?? redirectURL;
  const explicit = payCode ?? paymentOption?.payCode;
  if (explicit) return redirectUrl ? { payCode: explicit, redirectUrl } : { payCode: explicit };
  if (!redirectUrl) return null;
  const fromQuery = payCodeInQuery(redirectUrl);
  return fromQuery ? { payCode: fromQuery, redirectUrl } : { redirectUrl };
}
