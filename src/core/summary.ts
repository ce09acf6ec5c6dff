import type { CheckoutSummary } from '../contract/checkout.ts';
import { KassaError } from './errors.ts';

const KINDS = ['payment', 'payout'];
const STATUSES = ['created', 'pending', 'succeeded', 'failed', 'cancelled', 'expired'];

/** A plain JSON-like object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';

function isMethod(value: unknown): boolean {
  return (
    isObject(value) &&
    isText(value.id) &&
    isText(value.label) &&
    isText(value.flow) &&
    Array.isArray(value.fields)
  );
}

/**
 * Reads the `GET /api/checkout` summary far enough to show the picker: the order's amount, kind and
 * status and each method's id, label and flow. The picker must not wait for zod (its core is about a
 * third of the 15 KB initial-load budget, design §5), so this is plain code; the whole answer is
 * checked against the zod contract (`CheckoutSummary`) when the flow chunk loads, before any method
 * starts (flow.ts `init`). Anything else is an `INTERNAL` error, never a crash.
 */
export function readSummary(json: unknown): CheckoutSummary {
  const order = isObject(json) ? json.order : undefined;
  const ok =
    isObject(json) &&
    isObject(order) &&
    isText(order.id) &&
    KINDS.includes(order.kind as string) &&
    STATUSES.includes(order.status as string) &&
    Number.isSafeInteger(order.amountMinor) &&
    isText(order.amount) &&
    isText(order.currency) &&
    isText(order.description) &&
    Array.isArray(json.methods) &&
    json.methods.every(isMethod) &&
    isObject(json.providers);
  if (!ok) throw new KassaError('INTERNAL', 'The payment server sent an unexpected answer.');
  return json as CheckoutSummary;
}
