import * as z from 'zod/mini';
import { parseAnswer } from '../../core/api-calls.ts';
import { KassaError } from '../../core/errors.ts';
import { loadScript } from '../../core/load-script.ts';

/** The `widget` action's `params` (design §3 "Odeon cards"); `amount` is the exact decimal string. */
export const OdeonWidgetParams = z.object({
  publicId: z.string(),
  amount: z.string().check(z.regex(/^\d+(\.\d+)?$/)),
  currency: z.string(),
  invoiceId: z.string(),
  description: z.string(),
  accountId: z.optional(z.string()),
  locale: z.optional(z.string()),
});
export type OdeonWidgetParams = z.infer<typeof OdeonWidgetParams>;

/** What `charge` takes (seed odeonpay-api.txt, "Payment Widget", Parameters): `amount` is Numeric. */
export type OdeonChargeOptions = Omit<OdeonWidgetParams, 'amount'> & { amount: number };

/** An OdeonPay instance: `charge(options, onSuccess, onFail)` shows Odeon's own dialog over the page. */
export interface OdeonPayInstance {
  charge(
    options: OdeonChargeOptions,
    onSuccess: (options?: unknown) => void,
    onFail: (reason?: unknown, options?: unknown) => void,
  ): unknown;
}

/** The global `OdeonPay` class payment.js defines. */
export type OdeonPayClass = new () => OdeonPayInstance;

/** The `OdeonPay` class once payment.js has run (or a stand-in a test put there). */
export function odeonPayClass(): OdeonPayClass | undefined {
  const found = (globalThis as { OdeonPay?: unknown }).OdeonPay;
  return typeof found === 'function' ? (found as OdeonPayClass) : undefined;
}

/** Checks the `widget` action's params (a malformed answer is an `INTERNAL` error, never a crash). */
export function readParams(params: unknown): OdeonWidgetParams {
  return parseAnswer(OdeonWidgetParams, params);
}

/** Loads payment.js once per page through the shared script loader (a plain `<script src>`, strict CSP). */
export function loadOdeonPay(url: string): Promise<void> {
  return loadScript(url, { ready: () => odeonPayClass() !== undefined });
}

/**
 * The options `charge` takes. The amount stays an exact decimal string everywhere in Kassa; payment.js
 * wants a JavaScript number, so it is converted here, at the SDK's boundary only ("12.50" → 12.5, a
 * value a double holds exactly enough for Odeon to read it back as 12.50).
 */
export function chargeOptions(params: OdeonWidgetParams): OdeonChargeOptions {
  return { ...params, amount: Number(params.amount) };
}

/**
 * The `reason` of a failed payment for `complete`: "cancelled" when the shopper closed Odeon's dialog,
 * else what the SDK said (shortened), else "failed". The server confirms the outcome with Odeon anyway.
 */
export function failureReason(reason: unknown): string {
  const text =
    typeof reason === 'string'
      ? reason
      : typeof (reason as { message?: unknown } | null)?.message === 'string'
        ? (reason as { message: string }).message
        : '';
  if (/cancel|clos|dismiss|abort/i.test(text)) return 'cancelled';
  return text.trim().slice(0, 200) || 'failed';
}

/** payment.js is not there (it loaded but defined nothing, or went away). */
export function odeonPayMissing(): KassaError {
  return new KassaError('PROVIDER', 'The payment provider could not be loaded.');
}
