/**
 * Next actions and the answers that carry them (`start`, `complete`, `status`, `cancel` and the full
 * `GET /api/checkout`), design §3; `schemas.ts` re-exports them for the server.
 *
 * Bundle size: the widget parses an action with its variant's schema from `ACTION_SCHEMAS` and the
 * answers' base objects, never the union. The unions are `@__PURE__`, so bundlers drop them (and zod's
 * union code) from the widget while the server keeps the exact same schemas. Discriminators are
 * one-value enums rather than literals for the same reason (the widget already needs zod's enum).
 */
// First: sets zod's `jitless` flag before the schemas below are constructed (strict CSP).
import './zod.ts';
import * as z from 'zod/mini';
import { CheckoutSummary, OrderStatus } from './checkout.ts';

/** True for a plain JSON object whose values all pass `valueOk`. */
function isRecord(value: unknown, valueOk: (item: unknown) => boolean): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(valueOk)
  );
}

// Records are checked with z.custom rather than z.record: same type and rule, but zod's record class
// (~0.7 KB gzip) stays out of the widget's initial bundle, which shares one copy of zod's core.
const StringRecord = z.custom<Record<string, string>>(
  (value) => isRecord(value, (item) => typeof item === 'string'),
  'must be an object of strings',
);
const ObjectRecord = z.custom<Record<string, unknown>>(
  (value) => isRecord(value, () => true),
  'must be an object',
);

/** Pay through the provider's Web SDK: the server has opened the session (design §3). */
export const SdkAction = z.object({
  type: z.enum(['sdk']),
  provider: z.enum(['nuvei']),
  transactionId: z.string(),
  sessionToken: z.string(),
  paymentMethod: z.string(),
  country: z.string(),
  ipAddress: z.optional(z.string()),
});
/** Go to the provider's page: full-page, or in a popup the shopper opens. */
export const RedirectAction = z.object({
  type: z.enum(['redirect']),
  url: z.string(),
  popup: z.optional(z.boolean()),
});
/** A top-level form POST, e.g. 3-D Secure PaReq/MD/TermUrl. */
export const FormPostAction = z.object({
  type: z.enum(['form-post']),
  url: z.string(),
  fields: StringRecord,
});
/** A cash voucher's pay code (OKTO Cash). */
export const VoucherAction = z.object({
  type: z.enum(['voucher']),
  payCode: z.string(),
  format: z.enum(['qr', 'gs1-128']),
  alternateFormat: z.optional(z.enum(['qr', 'gs1-128'])),
  qrPayload: z.optional(z.string()),
  storeLocatorUrl: z.string(),
  expiresAt: z.string(),
  amount: z.string(),
  currency: z.string(),
});
/** A provider's own widget script (OdeonPay). */
export const WidgetAction = z.object({
  type: z.enum(['widget']),
  provider: z.enum(['odeon']),
  scriptUrl: z.string(),
  params: ObjectRecord,
});
/** The attempt has ended with an order status. */
export const DoneAction = z.object({
  type: z.enum(['done']),
  status: OrderStatus,
  reasonCode: z.optional(z.string()),
  message: z.optional(z.string()),
});

/** Each next action's schema by its `type`. */
export const ACTION_SCHEMAS = {
  sdk: SdkAction,
  redirect: RedirectAction,
  'form-post': FormPostAction,
  voucher: VoucherAction,
  widget: WidgetAction,
  done: DoneAction,
} as const;

/** The next action the server asks the widget to take (design §3 `start`). */
export const NextAction = /* @__PURE__ */ z.discriminatedUnion('type', [
  SdkAction,
  RedirectAction,
  FormPostAction,
  VoucherAction,
  WidgetAction,
  DoneAction,
]);
export type NextAction = z.infer<typeof NextAction>;

/** `GET /api/checkout` answer: the summary plus the current attempt's action, if any. */
export const CheckoutResponse = /* @__PURE__ */ z.extend(CheckoutSummary, {
  /** The current attempt's action when the shopper comes back with the same token. */
  action: /* @__PURE__ */ z.optional(NextAction),
});
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

/** `GET /api/checkout/status` answer without its `action` (see `StatusResponse`). */
export const StatusBase = z.object({
  status: OrderStatus,
  method: z.optional(z.nullable(z.string())),
  /** Why the last attempt ended: `declined`, `cancelled`, `expired`, … (outcome wording). */
  reasonCode: z.optional(z.string()),
  providerReference: z.optional(z.string()),
  message: z.optional(z.string()),
  /** Opaque version of this answer: pass it back as `since` so a change between two polls is answered at once. */
  version: z.optional(z.string()),
});

/** `GET /api/checkout/status` (and `POST /api/checkout/cancel`) answer. */
export const StatusResponse = /* @__PURE__ */ z.extend(StatusBase, {
  /** The current attempt's action (e.g. the same voucher) while one is shown. */
  action: /* @__PURE__ */ z.optional(NextAction),
});
export type StatusResponse = z.infer<typeof StatusResponse>;
