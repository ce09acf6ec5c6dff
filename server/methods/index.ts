/**
 * Which methods an order is offered: a method (registered by its provider module) is offered when its
 * provider is configured, it supports the order's kind and its availability data accepts the order.
 */
import type { CheckoutMethod } from '../../src/contract/schemas.ts';
import type { OrderRecord } from '../store/types.ts';
import type { ServerMethod } from './types.ts';

/** The methods offered for an order, with their form fields. */
export function methodsFor(
  order: OrderRecord,
  configured: (provider: ServerMethod['provider']) => boolean,
  methods: readonly ServerMethod[],
): { method: ServerMethod; view: CheckoutMethod }[] {
  const offered: { method: ServerMethod; view: CheckoutMethod }[] = [];
  for (const method of methods) {
    if (!configured(method.provider) || !method.kinds.includes(order.kind)) continue;
    if (order.methods && !order.methods.includes(method.id)) continue;
    const fields = method.fields(order);
    if (!fields) continue;
    // Payouts never go through a browser SDK: the server sends them (design §3 `start`).
    const flow = order.kind === 'payout' ? 'server' : method.flow;
    offered.push({
      method,
      view: {
        id: method.id,
        label: method.label,
        icon: method.icon,
        provider: method.provider,
        flow,
        fields,
      },
    });
  }
  return offered;
}
