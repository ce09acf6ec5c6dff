import type { CheckoutMachine } from '../../core/checkout.types.ts';
import { KassaError } from '../../core/errors.ts';

/** The `widget` action's `params` (design §3 "Odeon cards"); `amount` is the exact decimal string. */
export interface OdeonWidgetParams {
  publicId: string;
  amount: string;
  currency: string;
  invoiceId: string;
  description: string;
  accountId?: string;
  locale?: string;
}

const REQUIRED = ['publicId', 'amount', 'currency', 'invoiceId', 'description'] as const;
const OPTIONAL = ['accountId', 'locale'] as const;

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

/**
 * Checks the `widget` action's params by hand (a few flat strings; zod stays out of this chunk) and
 * keeps only what `charge` takes. A malformed answer is an `INTERNAL` error, never a crash.
 */
export function readParams(params: Record<string, unknown>): OdeonWidgetParams {
  const text = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined);
  if (REQUIRED.some((key) => text(key) === undefined) || !/^\d+(\.\d+)?$/.test(text('amount') ?? ''))
    throw new KassaError('INTERNAL', 'The payment server sent an unexpected answer.');
  const read = Object.fromEntries(REQUIRED.map((key) => [key, text(key)])) as unknown as OdeonWidgetParams;
  for (const key of OPTIONAL) {
    const value = text(key);
    if (value !== undefined) read[key] = value;
  }
  return read;
}

/**
 * Loads payment.js once per page through the shared script loader (a plain `<script src>`, strict CSP),
 * which the flow chunk lends (core/flow.ts: imported here, it would become a chunk of its own).
 */
export function loadOdeonPay(m: CheckoutMachine, url: string): Promise<void> {
  const flow = m.flow.value;
  if (!flow) return Promise.reject(odeonPayMissing());
  return flow.loadScript(url, { ready: () => odeonPayClass() !== undefined });
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
