/**
 * Builds the NuveiGateway over the REST client, with the DMN notification URL on our own server.
 */
import type { NuveiConfig } from '../../config.ts';
import type { NuveiGateway } from '../../methods/nuvei-gateway.ts';
import type { Clock, FetchFn, Logger } from '../../types.ts';
import { createNuveiClient } from './client.ts';

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

/** Creates the gateway the methods use. */
export function createNuveiGateway(options: {
  config: NuveiConfig;
  publicUrl: string;
  fetch: FetchFn;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
}): NuveiGateway {
  const { config } = options;
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
