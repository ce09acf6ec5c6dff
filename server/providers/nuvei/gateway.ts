/**
 * Nuvei's runtime: the slice of Nuvei the methods use (`MethodContext.provider`), over the raw REST
 * client, with the DMN notification URL and the return URLs on our own server.
 */
import type { MethodContext } from '../../methods/types.ts';
import type { RuntimeDeps } from '../registry.ts';
import { createNuveiClient, type NuveiClient } from './client.ts';
import type { NuveiConfig } from './config.ts';

/** What a Nuvei method runs with: `ctx.provider` is the gateway. */
export type NuveiContext = MethodContext<NuveiGateway>;

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

/** Where the provider's page sends the shopper back: our return routes, which confirm and redirect. */
function returnUrls(publicUrl: string, transactionId: string) {
  const url = (outcome: string) =>
    `${publicUrl}/return/nuvei/${outcome}?tx=${encodeURIComponent(transactionId)}`;
  return {
    successUrl: url('success'),
    failureUrl: url('failure'),
    pendingUrl: url('pending'),
    backUrl: url('back'),
  };
}

/** Creates the gateway the methods use (the Nuvei module's `createRuntime`). */
export function createNuveiGateway(config: NuveiConfig, options: RuntimeDeps): NuveiGateway {
  const client = createNuveiClient({
    apiUrl: config.apiUrl,
    credentials: {
      merchantId: config.merchantId,
      merchantSiteId: config.merchantSiteId,
      secretKey: config.secretKey,
      checksum: config.checksum,
    },
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    log: options.log,
  });
  const notificationUrl = `${options.publicUrl}/webhooks/nuvei`;
  return {
    config,
    client,
    notificationUrl,
    publicSettings: {
      merchantId: config.merchantId,
      merchantSiteId: config.merchantSiteId,
      env: config.env,
      sdkUrl: config.sdkUrl,
    },
    async openOrder(input) {
      const answer = await client.openOrder({
        clientUniqueId: input.clientUniqueId,
        amountMinor: input.amountMinor,
        currency: input.currency,
        userTokenId: input.userTokenId,
        notificationUrl,
        urlDetails: returnUrls(options.publicUrl, input.clientUniqueId),
        billingAddress: { country: input.country, email: input.email },
      });
      return {
        sessionToken: answer.sessionToken,
        orderId: answer.orderId === undefined ? undefined : String(answer.orderId),
      };
    },
    async getPaymentStatus(sessionToken) {
      return (await client.getPaymentStatus(sessionToken)) as Record<string, unknown>;
    },
  };
}
