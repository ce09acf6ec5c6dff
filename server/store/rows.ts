/**
 * Row ↔ record mapping for the store, the same for both databases (PostgreSQL's BIGINT columns are
 * read as numbers by the pool's type parser).
 */
import type { ProviderRecord } from './store.ts';
import type { EventRecord, OrderRecord, TransactionRecord, WebhookRecord } from './types.ts';

export type Row = Record<string, unknown>;

export const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);
export const parse = <T>(value: unknown, fallback: T): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : fallback;

export function toOrder(row: Row): OrderRecord {
  return {
    id: row.id as string,
    kind: row.kind as OrderRecord['kind'],
    status: row.status as OrderRecord['status'],
    amountMinor: row.amount_minor as number,
    currency: row.currency as string,
    country: row.country as string,
    description: row.description as string,
    customer: parse(row.customer_json, {} as OrderRecord['customer']),
    returnUrl: row.return_url as string,
    methods: parse(row.methods_json, null),
    reference: (row.reference as string | null) ?? null,
    metadata: parse(row.metadata_json, null),
    cardFlow: (row.card_flow as OrderRecord['cardFlow'] | null) ?? null,
    lateApproval: Number(row.late_approval) === 1,
    currentTransactionId: (row.current_transaction_id as string | null) ?? null,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    expiresAt: row.expires_at as number,
  };
}

export function toTransaction(row: Row): TransactionRecord {
  return {
    id: row.id as string,
    orderId: row.order_id as string,
    provider: row.provider as string,
    method: row.method as string,
    kind: row.kind as TransactionRecord['kind'],
    status: row.status as TransactionRecord['status'],
    amountMinor: row.amount_minor as number,
    currency: row.currency as string,
    providerTransactionId: (row.provider_transaction_id as string | null) ?? null,
    reasonCode: (row.reason_code as string | null) ?? null,
    message: (row.message as string | null) ?? null,
    action: parse(row.action_json, null),
    data: parse(row.data_json, {}),
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  };
}

/** A webhook row as a record. */
export function toWebhook(row: Row): WebhookRecord {
  return {
    id: row.id as string,
    provider: row.provider as string,
    dedupeKey: (row.dedupe_key as string | null) ?? null,
    transactionId: (row.transaction_id as string | null) ?? null,
    outcome: row.outcome as WebhookRecord['outcome'],
    reason: (row.reason as string | null) ?? null,
    payload: parse(row.payload_json, {}),
    receivedAt: row.received_at as number,
  };
}

/** An event row as a record. */
export function toEvent(row: Row): EventRecord {
  return {
    id: row.id as string,
    orderId: row.order_id as string,
    type: row.type as string,
    data: parse(row.data_json, {}),
    createdAt: row.created_at as number,
  };
}

const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** A provider record row as a record. */
export function toRecord<T>(row: Row): ProviderRecord<T> {
  return {
    ns: row.ns as string,
    id: row.id as string,
    ref: (row.ref as string | null) ?? null,
    grp: (row.grp as string | null) ?? null,
    status: (row.status as string | null) ?? null,
    dueAt: nullableNumber(row.due_at),
    leaseUntil: nullableNumber(row.lease_until),
    data: parse(row.data_json, {} as T),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
