/**
 * What the widget parses before a method is chosen: the `GET /api/checkout` summary and error bodies
 * (design §3, notes/api-for-helpers.md). Next actions and status answers are in `actions.ts`, loaded
 * with the widget's flow chunk; `schemas.ts` re-exports both for the server.
 */
// First: sets zod's `jitless` flag before the schemas below are constructed (strict CSP).
import './zod.ts';
import * as z from 'zod/mini';

/** An order's kind. */
export const OrderKind = z.enum(['payment', 'payout']);
export type OrderKind = z.infer<typeof OrderKind>;

/** Order and transaction statuses share one vocabulary (design §3). */
export const OrderStatus = z.enum(['created', 'pending', 'succeeded', 'failed', 'cancelled', 'expired']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** A field a method's form asks for, and whether it is required for this order. */
export const MethodField = z.object({
  name: z.enum([
    'firstName',
    'lastName',
    'email',
    'phone',
    'dateOfBirth',
    'identification',
    'account',
    'address',
    'city',
    'postalCode',
    'cardNumber',
    'expiry',
    'cvc',
    'cardholderName',
    'personId',
    'documentId',
    'bankAccountNumber',
    'ifsc',
    'bankName',
    'bankAccountHolder',
  ]),
  required: z.boolean(),
  /**
   * A rule of this method beyond the field's own format, as a regular expression source (e.g. the
   * 13-digit CNIC of EasyPaisa and JazzCash, design §3 "Odeon APMs"); the server applies it too.
   */
  pattern: z.optional(z.string()),
});
export type MethodField = z.infer<typeof MethodField>;

/** The kind of a method, for its generic icon and hint where it has no artwork of its own (design §2). */
export const MethodIcon = z.enum(['card', 'cash', 'bank', 'wallet', 'prepaid', 'qr']);
export type MethodIcon = z.infer<typeof MethodIcon>;

/**
 * A card saved for payouts to the order's customer (design §2: a radio "Card •••• 1234" in "Pay out
 * to"): an opaque Kassa id for `start`'s `savedCardId`, never the provider's token.
 */
export const SavedCard = z.object({ id: z.string(), label: z.string() });
export type SavedCard = z.infer<typeof SavedCard>;

/** A payment method offered for this order: its label, provider, flow and form fields. */
export const CheckoutMethod = z.object({
  id: z.string(),
  label: z.string(),
  /** The method's kind: picks its icon and one-line hint in the picker. */
  icon: MethodIcon,
  provider: z.enum(['nuvei', 'odeon', 'oct']),
  /** `sdk` methods call `start` when selected and pay inside the click (design §3). */
  flow: z.enum(['sdk', 'server']),
  fields: z.array(MethodField),
  /** Payout methods: the customer's saved cards, newest first; the fields then describe a new card. */
  savedCards: z.optional(z.array(SavedCard)),
});
export type CheckoutMethod = z.infer<typeof CheckoutMethod>;

/**
 * `GET /api/checkout` answer without its `action`: order summary, methods, public provider settings.
 * The widget parses this first and the action (with `NextAction`) only when it has one to show.
 */
export const CheckoutSummary = z.object({
  order: z.object({
    id: z.string(),
    kind: OrderKind,
    status: OrderStatus,
    amount: z.string(),
    amountMinor: z.number(),
    currency: z.string(),
    country: z.string(),
    description: z.string(),
    expiresAt: z.string(),
    /** The shop's name (`KASSA_MERCHANT_NAME`); absent when not set (the description is shown). */
    merchantName: z.optional(z.string()),
    customer: z.object({
      firstName: z.optional(z.string()),
      lastName: z.optional(z.string()),
      email: z.optional(z.string()),
      phone: z.optional(z.string()),
      dateOfBirth: z.optional(z.string()),
      identification: z.optional(z.string()),
      address: z.optional(z.string()),
      city: z.optional(z.string()),
      postalCode: z.optional(z.string()),
    }),
  }),
  methods: z.array(CheckoutMethod),
  providers: z.object({
    nuvei: z.optional(
      z.object({
        merchantId: z.string(),
        merchantSiteId: z.string(),
        env: z.enum(['int', 'prod']),
        sdkUrl: z.string(),
      }),
    ),
    odeon: z.optional(z.object({ publicId: z.string() })),
    oct: z.optional(z.object({ publicKey: z.string() })),
  }),
  method: z.optional(z.nullable(z.string())),
  /** Why the last attempt ended when `order.status` is `failed` (same vocabulary as `StatusResponse`). */
  reasonCode: z.optional(z.string()),
  /** The provider's reference of the current attempt, when it has one (outcome screens show it). */
  providerReference: z.optional(z.string()),
});
export type CheckoutSummary = z.infer<typeof CheckoutSummary>;

/** Every 4xx/5xx body (design §3 Rules). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
