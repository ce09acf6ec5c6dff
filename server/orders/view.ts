/**
 * The JSON shape of orders for merchant backends (design §3 `GET /api/orders/:id`).
 */
import { formatAmount } from '../../src/contract/money.ts';
import type { Store } from '../store/store.ts';
import type { OrderRecord, TransactionRecord } from '../store/types.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A transaction as merchants see it. */
export function transactionView(tx: TransactionRecord) {
  return {
    id: tx.id,
    provider: tx.provider,
    method: tx.method,
    kind: tx.kind,
    status: tx.status,
    amount: formatAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    providerTransactionId: tx.providerTransactionId,
    reasonCode: tx.reasonCode,
    createdAt: iso(tx.createdAt),
    updatedAt: iso(tx.updatedAt),
  };
}

/** The order summary used in every order answer and merchant event. */
export function orderSummary(order: OrderRecord) {
  return {
    id: order.id,
    kind: order.kind,
    status: order.status,
    amount: formatAmount(order.amountMinor, order.currency),
    currency: order.currency,
    country: order.country,
    description: order.description,
    reference: order.reference,
    metadata: order.metadata ?? {},
    lateApproval: order.lateApproval,
    customer: {
      id: order.customer.id,
      firstName: order.customer.firstName,
      lastName: order.customer.lastName,
      email: order.customer.email,
    },
    returnUrl: order.returnUrl,
    methods: order.methods,
    ...(order.cardFlow ? { cardFlow: order.cardFlow } : {}),
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
    expiresAt: iso(order.expiresAt),
  };
}

/** The full order with its transactions and event log. */
export async function orderView(store: Store, order: OrderRecord) {
  const [transactions, events] = await Promise.all([
    store.listTransactions(order.id),
    store.listEvents(order.id),
  ]);
  return {
    ...orderSummary(order),
    transactions: transactions.map(transactionView),
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      createdAt: iso(event.createdAt),
      data: event.data,
    })),
  };
}
