/**
 * The tables as Kysely sees them (one description for SQLite and PostgreSQL). Times are epoch
 * milliseconds (BIGINT in PostgreSQL, read back as numbers), JSON is TEXT, booleans are 0/1.
 */
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface OrdersTable {
  id: string;
  kind: string;
  status: string;
  amount_minor: number;
  currency: string;
  country: string;
  description: string;
  customer_json: string;
  return_url: string;
  methods_json: string | null;
  reference: string | null;
  metadata_json: string | null;
  card_flow: string | null;
  late_approval: number;
  current_transaction_id: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface TransactionsTable {
  id: string;
  order_id: string;
  provider: string;
  method: string;
  kind: string;
  status: string;
  amount_minor: number;
  currency: string;
  provider_transaction_id: string | null;
  reason_code: string | null;
  message: string | null;
  action_json: string | null;
  data_json: string;
  created_at: number;
  updated_at: number;
}

export interface EventsTable {
  seq: Generated<number>;
  id: string;
  order_id: string;
  type: string;
  data_json: string;
  created_at: number;
}

export interface WebhooksTable {
  id: string;
  provider: string;
  dedupe_key: string | null;
  transaction_id: string | null;
  outcome: string;
  reason: string | null;
  payload_json: string;
  received_at: number;
}

export interface IdempotencyTable {
  key: string;
  fingerprint: string;
  /** 0 while the first request is in flight, then the answer's HTTP status. */
  status: number;
  body: string;
  created_at: number;
  /** Real time until which the in-flight claim holds (a crashed holder's claim is taken over after). */
  lease_until: number;
}

export interface OutboxTable {
  id: string;
  order_id: string;
  type: string;
  body: string;
  attempts: number;
  next_attempt_at: number;
  give_up_at: number;
  delivered_at: number | null;
  failed_at: number | null;
  last_error: string | null;
  created_at: number;
  /** Real time until which one instance holds the row for delivery. */
  lease_until: number | null;
}

export interface PayoutClaimsTable {
  order_id: string;
  transaction_id: string;
  claimed_at: number;
}

export interface ProviderRecordsTable {
  seq: Generated<number>;
  ns: string;
  id: string;
  ref: string | null;
  grp: string | null;
  status: string | null;
  due_at: number | null;
  lease_until: number | null;
  data_json: string;
  created_at: number;
  updated_at: number;
}

export interface ProviderSeqTable {
  name: string;
  value: number;
}

export interface Tables {
  meta: MetaTable;
  orders: OrdersTable;
  transactions: TransactionsTable;
  events: EventsTable;
  webhooks: WebhooksTable;
  idempotency: IdempotencyTable;
  outbox: OutboxTable;
  payout_claims: PayoutClaimsTable;
  provider_records: ProviderRecordsTable;
  provider_seq: ProviderSeqTable;
}
