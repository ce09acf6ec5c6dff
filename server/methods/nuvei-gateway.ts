/**
 * The slice of Nuvei the methods use, over the raw client in server/providers/nuvei.
 * Provider failures become HttpErrors the widget can show and retry from.
 */
import type { NuveiConfig } from '../config.ts';
import { HttpError } from '../http-error.ts';
import type { NuveiClient } from '../providers/nuvei/client.ts';

/** Public Nuvei settings the widget may see (never the secret key). */
export interface NuveiPublicSettings {
  merchantId: string;
  merchantSiteId: string;
  env: 'int' | 'prod';
  sdkUrl: string;
}

export interface OpenOrderInput {
  clientUniqueId: string;
  amountMinor: number;
  currency: string;
  userTokenId: string;
  country: string;
  email: string;
}

/** What the methods need from Nuvei. */
export interface NuveiGateway {
  config: NuveiConfig;
  publicSettings: NuveiPublicSettings;
  notificationUrl: string;
  /** The raw REST client, for calls beyond the Web SDK flow (payouts). */
  client: NuveiClient;
  openOrder(input: OpenOrderInput): Promise<{ sessionToken: string; orderId: string | undefined }>;
  getPaymentStatus(sessionToken: string): Promise<Record<string, unknown>>;
}

/** Maps a provider failure (timeout, HTTP error, malformed answer, rejection) to the widget-facing error. */
export function providerHttpError(error: unknown): HttpError {
  const kind = (error as { kind?: string }).kind;
  if (kind === 'timeout') {
    return new HttpError(
      504,
      'PROVIDER_TIMEOUT',
      'The payment provider did not answer in time. Please try again.',
    );
  }
  return new HttpError(
    502,
    'PROVIDER_ERROR',
    'The payment provider could not process the request. Please try again.',
  );
}
