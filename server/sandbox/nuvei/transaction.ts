/** New emulated transactions with Nuvei-like ids (kept apart from apm.ts so APM modules can import it). */
import type { ApmPayment } from './apm.ts';
import type { SandboxContext } from './context.ts';
import type { TransactionRow } from './db.ts';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A new PENDING transaction row for a payment, with Nuvei-like ids; `fields` adds method specifics. */
export function newTransaction(
  ctx: SandboxContext,
  payment: ApmPayment,
  fields: Partial<TransactionRow>,
): TransactionRow {
  const { store, clock } = ctx;
  const now = clock.now();
  const billing = payment.params.billingAddress ?? {};
  return {
    id: `7110${String(store.nextId('transaction', 1)).padStart(14, '0')}`,
    pppId: String(store.nextId('ppp_transaction', 372000001)),
    sessionToken: payment.session.token,
    orderId: payment.session.orderId ?? String(store.nextId('order', 350000001)),
    clientUniqueId: payment.clientUniqueId,
    paymentMethod: payment.paymentMethod,
    status: 'PENDING',
    amount: payment.amount,
    currency: payment.currency,
    userTokenId: payment.userTokenId,
    notificationUrl: payment.notificationUrl,
    productId: payment.productId,
    // Names and email go into the DMN as Nuvei's do; dates of birth and ID numbers are never stored.
    firstName: text(billing.firstName),
    lastName: text(billing.lastName),
    email: text(billing.email),
    payCode: null,
    payDigits: null,
    expiresAt: null,
    redirectUrl: null,
    reason: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}
