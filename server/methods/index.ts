/**
 * Which methods an order is offered: a method (registered by its provider module) is offered when its
 * provider is configured, it supports the order's kind and its availability data accepts the order.
 */
import type { CheckoutMethod } from '../../src/contract/schemas.ts';
import type { OrderRecord } from '../store/types.ts';
import type { ServerMethod } from './types.ts';

/**
 * Whether `method`, a card payout method, is the one card method of a payout order (design §3 env
 * `KASSA_CARD_PAYOUTS`): the one the order's `methods` names when it names exactly one, else the one of
 * the configured provider.
 */
function isOrdersCardPayout(
  order: OrderRecord,
  method: ServerMethod,
  methods: readonly ServerMethod[],
  cardPayouts: string,
): boolean {
  const named = (order.methods ?? []).filter((id) => methods.some((m) => m.id === id && m.cardPayout));
  if (named.length === 1) return named[0] === method.id;
  return method.provider === cardPayouts;
}

/** The methods offered for an order, with their form fields. */
export function methodsFor(
  order: OrderRecord,
  /** The provider's runtime, or undefined when it is not configured on this server. */
  runtimeOf: (provider: ServerMethod['provider']) => unknown,
  methods: readonly ServerMethod[],
  /** `KASSA_CARD_PAYOUTS`: which provider's card method a payout order offers. */
  cardPayouts = 'odeon',
): { method: ServerMethod; view: CheckoutMethod }[] {
  const offered: { method: ServerMethod; view: CheckoutMethod }[] = [];
  for (const method of methods) {
    const runtime = runtimeOf(method.provider);
    if (runtime === undefined || !method.kinds.includes(order.kind)) continue;
    if (order.methods && !order.methods.includes(method.id)) continue;
    if (
      order.kind === 'payout' &&
      method.cardPayout &&
      !isOrdersCardPayout(order, method, methods, cardPayouts)
    )
      continue;
    const fields = method.fields(order, runtime);
    if (!fields) continue;
    // Payouts never go through a browser SDK: the server sends them (design §3 `start`).
    const own = method.flowFor ? method.flowFor(order, runtime) : method.flow;
    const flow = order.kind === 'payout' ? 'server' : own;
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
