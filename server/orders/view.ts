/**
 * The JSON shape of orders for merchant backends (design §3 `GET /api/orders/:id`).
 */
import { formatAmount } from '../../src/contract/money.ts';
import type { RefundTotals, Store } from '../store/store.ts';
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

/** A refund as merchant events carry it (design §3 "Merchant events": `refund`). */
export function refundView(tx: TransactionRecord) {
  return {
    id: tx.id,
    amount: formatAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    status: tx.status,
  };
}

const NO_REFUNDS: RefundTotals = { succeededMinor: 0, openMinor: 0 };

/**
 * What a payment order's refunds add up to (design §3 refunds): `refundedAmount` what succeeded,
 * `refundableAmount` what was paid minus every refund that has not failed. Payout orders have none.
 */
export function refundAmounts(order: OrderRecord, totals: RefundTotals = NO_REFUNDS) {
  if (order.kind !== 'payment') return {};
  const paid = order.status === 'succeeded' ? order.amountMinor : 0;
  const left = Math.max(0, paid - totals.succeededMinor - totals.openMinor);
  return {
    refundedAmount: formatAmount(totals.succeededMinor, order.currency),
    refundableAmount: formatAmount(left, order.currency),
  };
}

/**
 * The order summary used in every order answer and merchant event; `refunds` are the order's refund
 * totals (`Store.refundTotals`; none for an order that has none, e.g. one just created).
 */
export function orderSummary(order: OrderRecord, refunds: RefundTotals = NO_REFUNDS) {
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
    ...refundAmounts(order, refunds),
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

/** The order summary with its refund totals read from the store. */
export async function orderSummaryOf(store: Store, order: OrderRecord) {
  return orderSummary(order, order.kind === 'payment' ? await store.refundTotals(order.id) : NO_REFUNDS);
}

/** The full order with its transactions (refunds included, kind `refund`) and event log. */
export async function orderView(store: Store, order: OrderRecord) {
  const [transactions, events, refunds] = await Promise.all([
    store.listTransactions(order.id),
    store.listEvents(order.id),
    order.kind === 'payment' ? store.refundTotals(order.id) : NO_REFUNDS,
  ]);
  return {
    ...orderSummary(order, refunds),
    transactions: transactions.map(transactionView),
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      createdAt: iso(event.createdAt),
      data: event.data,
    })),
  };
}
