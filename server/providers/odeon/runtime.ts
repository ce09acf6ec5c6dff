/**
 * Odeon's runtime: what its method, webhook and return routes share (`MethodContext.provider`): the
 * configuration, the REST client, and the URLs on our own server that Odeon sends shoppers and
 * notifications to.
 */
import type { CardFlow } from '../../../src/contract/schemas.ts';
import type { MethodContext } from '../../methods/types.ts';
import type { OrderRecord } from '../../store/types.ts';
import type { Clock, Logger } from '../../types.ts';
import type { RuntimeDeps } from '../registry.ts';
import { createOdeonClient, type OdeonClient } from './client.ts';
import type { OdeonConfig } from './config.ts';

/** What an Odeon method runs with: `ctx.provider` is the runtime. */
export type OdeonContext = MethodContext<OdeonRuntime>;

/** What Odeon's method and routes need. */
export interface OdeonRuntime {
  config: OdeonConfig;
  client: OdeonClient;
  publicUrl: string;
  clock: Clock;
  log: Logger;
  /** `/return/odeon/<outcome>?tx=<transaction id>`: where Odeon's pages send the shopper back. */
  returnUrl(outcome: 'success' | 'failure' | 'pending' | 'cancel' | '3ds', transactionId: string): string;
  /** The card flow of an order: its own `cardFlow`, else ODEON_CARD_FLOW. */
  cardFlow(order: Pick<OrderRecord, 'cardFlow'>): CardFlow;
}

/** Creates the runtime (the Odeon module's `createRuntime`). */
export function createOdeonRuntime(config: OdeonConfig, deps: RuntimeDeps): OdeonRuntime {
  const client = createOdeonClient({
    baseUrl: config.apiUrl,
    publicId: config.publicId,
    apiSecret: config.apiSecret,
    signatureKey: config.signatureKey,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    log: deps.log,
  });
  return {
    config,
    client,
    publicUrl: deps.publicUrl,
    clock: deps.clock,
    log: deps.log,
    returnUrl: (outcome, transactionId) =>
      `${deps.publicUrl}/return/odeon/${outcome}?tx=${encodeURIComponent(transactionId)}`,
    cardFlow: (order) => order.cardFlow ?? config.cardFlow,
  };
}
