/**
 * Small interfaces shared across the server, its providers and the sandbox emulators.
 * They keep the emulators and provider clients independent of the app's wiring.
 */

/** The server's notion of "now"; in sandbox mode `POST /sandbox/clock` moves it forward or back to real time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export type ProviderName = 'nuvei' | 'odeon' | 'oct';
export type FaultKind = 'timeout' | 'http500' | 'malformed';

/**
 * Sandbox fault injection (`POST /sandbox/faults`): emulators ask before answering each call. Armed
 * faults live in the store, so with several instances a fault armed through one is taken by whichever
 * instance answers the call (design §3 "Several instances").
 */
export interface Faults {
  /** Takes (consumes) the next fault for this provider endpoint, if one is armed. */
  take(provider: ProviderName, endpoint: string): Promise<FaultKind | null>;
}

/** Structured logger; never pass dates of birth, ID numbers, PINs or secrets to it. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Nuvei merchant credentials, used by the client and (in sandbox mode) the emulator alike. */
export interface NuveiCredentials {
  merchantId: string;
  merchantSiteId: string;
  secretKey: string;
  checksum: 'sha256' | 'md5';
}

/**
 * Whether a Kassa order behind a provider transaction is still open (the POS simulator refuses closed
 * ones); `abandoned`: the order is open but the shopper left this attempt's voucher for another method.
 */
export type OrderOpenState = 'open' | 'cancelled' | 'expired' | 'abandoned' | 'unknown';

/** A fetch function (injected so tests and the sandbox can route calls in-process). */
export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
