import type { CheckoutSummary } from '../../contract/checkout.ts';
import { KassaError } from '../../core/errors.ts';
import { loadScript } from '../../core/load-script.ts';

/** Public Nuvei settings from `GET /api/checkout` (`providers.nuvei`). */
export type NuveiSettings = NonNullable<CheckoutSummary['providers']['nuvei']>;

/** The part of the Nuvei Web SDK instance Kassa uses. */
export interface SafeChargeInstance {
  createPayment(params: Record<string, unknown>, callback: (result: Record<string, unknown>) => void): void;
}

/** The global `SafeCharge(...)` factory that safecharge.js defines. */
export type SafeChargeFactory = (config: {
  sessionToken: string;
  env: 'int' | 'prod';
  merchantId: string;
  merchantSiteId: string;
}) => SafeChargeInstance;

/** How long `createPayment` may take before the widget gives up with `PROVIDER` (APM answers are quick). */
export const CREATE_PAYMENT_TIMEOUT_MS = 60_000;

function factory(): SafeChargeFactory | undefined {
  return (globalThis as { SafeCharge?: SafeChargeFactory }).SafeCharge;
}

/**
 * Loads safecharge.js once per page through the shared script loader (core/load-script.ts): a plain
 * `<script src>` in `document.head`, which a strict CSP allows when the URL is same-origin
 * (`script-src 'self'`); a failed load may be retried.
 */
export function loadNuveiSdk(url: string): Promise<void> {
  return loadScript(url, { ready: () => factory() !== undefined });
}

function sdkMissing(): KassaError {
  return new KassaError('PROVIDER', 'The payment provider could not be loaded.');
}

/** Creates a SafeCharge instance for one session token (Nuvei's plugins make one per token). */
export function createSafeCharge(settings: NuveiSettings, sessionToken: string): SafeChargeInstance {
  const create = factory();
  if (!create) throw sdkMissing();
  const { env, merchantId, merchantSiteId } = settings;
  return create({ sessionToken, env, merchantId, merchantSiteId });
}

/**
 * Calls `createPayment` synchronously (so it runs inside the shopper's click and may open the
 * provider's window) and resolves with the callback's object, or rejects after `timeoutMs`.
 */
export function createPayment(
  instance: SafeChargeInstance,
  params: Record<string, unknown>,
  signal: AbortSignal,
  timeoutMs = CREATE_PAYMENT_TIMEOUT_MS,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const settle = (error: KassaError | null, result?: Record<string, unknown>) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(result ?? {});
    };
    const onAbort = () => settle(new KassaError('CANCELLED', 'The checkout was closed.'));
    const timer = setTimeout(
      () => settle(new KassaError('PROVIDER', 'The payment provider did not answer in time.')),
      timeoutMs,
    );
    signal.addEventListener('abort', onAbort);
    try {
      instance.createPayment(params, (result) =>
        settle(null, result && typeof result === 'object' ? result : {}),
      );
    } catch {
      settle(new KassaError('PROVIDER', 'The payment provider refused the payment request.'));
    }
  });
}

/** The SDK operations the checkout machine needs, injectable so the machine is testable without a DOM. */
export interface SdkPort {
  /** Loads the SDK script and creates an instance for the session token. */
  prepare(settings: NuveiSettings, sdkUrl: string, sessionToken: string): Promise<SafeChargeInstance>;
  /** Calls `createPayment` synchronously and resolves with its callback's object. */
  pay(
    instance: SafeChargeInstance,
    params: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>>;
}

/** The real Nuvei Web SDK port. */
export const nuveiSdk: SdkPort = {
  prepare: (settings, sdkUrl, sessionToken) =>
    loadNuveiSdk(sdkUrl).then(() => createSafeCharge(settings, sessionToken)),
  pay: (instance, params, signal) => createPayment(instance, params, signal),
};

declare module '../../core/checkout.types.ts' {
  interface ProviderPorts {
    /** The Nuvei Web SDK (providers/nuvei/pay.ts uses `nuveiSdk` when none is given). */
    nuvei: SdkPort;
  }
}
