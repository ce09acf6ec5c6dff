/**
 * Domain records kept by the store. Money is integer minor units plus the currency code.
 */
import type { CardFlow, Customer, OrderKind, OrderStatus } from '../../src/contract/schemas.ts';

export type TransactionKind = 'payment' | 'refund' | 'payout';

/** An order as stored. Times are epoch milliseconds of the (possibly sandbox) clock. */
export interface OrderRecord {
  id: string;
  kind: OrderKind;
  status: OrderStatus;
  amountMinor: number;
  currency: string;
  country: string;
  description: string;
  customer: Customer;
  returnUrl: string;
  methods: string[] | null;
  reference: string | null;
  metadata: Record<string, string> | null;
  /** Overrides ODEON_CARD_FLOW for this order (design §3 `cardFlow`). */
  cardFlow: CardFlow | null;
  lateApproval: boolean;
  currentTransactionId: string | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** One attempt, refund or payout, as stored. `data` holds provider-specific state (session tokens…). */
export interface TransactionRecord {
  id: string;
  orderId: string;
  provider: string;
  method: string;
  kind: TransactionKind;
  status: OrderStatus;
  amountMinor: number;
  currency: string;
  providerTransactionId: string | null;
  reasonCode: string | null;
  message: string | null;
  action: unknown;
  data: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** An entry of an order's event log. */
export interface EventRecord {
  id: string;
  orderId: string;
  type: string;
  data: Record<string, unknown>;
  createdAt: number;
}

/** A provider webhook as received, with what was done with it. */
export interface WebhookRecord {
  id: string;
  provider: string;
  dedupeKey: string | null;
  transactionId: string | null;
  /** `checked`: a question answered, nothing applied (Odeon's Payment Check; `reason` gives the answer). */
  outcome: 'applied' | 'duplicate' | 'rejected' | 'unauthorized' | 'checked';
  reason: string | null;
  payload: Record<string, string>;
  receivedAt: number;
}
