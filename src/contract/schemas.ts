/**
 * Request and response schemas shared by the widget and the server (design §3).
 * Written in zod/mini so the browser bundle stays small; the server uses the same objects.
 */
// `./zod.ts` sets zod's `jitless` flag before the schemas below are constructed (strict CSP).
import { z } from './zod.ts';
import { isCurrency } from './money.ts';

/** Method ids (design §2 Methods). Odeon APMs are `odeon-apm-<typeId>`. */
export const METHOD_ID = /^(okto-cash|paysafecard|odeon-card|oct-card|odeon-apm-\d+)$/;
export const MethodId = z.string().check(z.regex(METHOD_ID, 'must be a known method id'));

export const OrderKind = z.enum(['payment', 'payout']);
export type OrderKind = z.infer<typeof OrderKind>;

/** Order and transaction statuses share one vocabulary (design §3). */
export const OrderStatus = z.enum(['created', 'pending', 'succeeded', 'failed', 'cancelled', 'expired']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const CurrencyCode = z
  .string()
  .check(z.refine((value) => /^[A-Z]{3}$/.test(value) && isCurrency(value), 'must be an ISO 4217 code'));
export const CountryCode = z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'));
/** A calendar date as `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .check(
    z.refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
      message: 'must be a date as YYYY-MM-DD',
    }),
  );
const Email = z.string().check(z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'), z.maxLength(254));
const Name = z.string().check(z.minLength(1), z.maxLength(100));

export const Customer = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  firstName: Name,
  lastName: Name,
  email: Email,
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number'))),
  dateOfBirth: z.optional(IsoDate),
  identification: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  address: z.optional(z.string().check(z.maxLength(200))),
  city: z.optional(z.string().check(z.maxLength(100))),
  postalCode: z.optional(z.string().check(z.maxLength(20))),
});
export type Customer = z.infer<typeof Customer>;

/** Merchant metadata: string pairs, at most 20, keys ≤ 40 and values ≤ 500 characters. */
export const Metadata = z
  .record(z.string().check(z.minLength(1), z.maxLength(40)), z.string().check(z.maxLength(500)))
  .check(z.refine((value) => Object.keys(value).length <= 20, 'must have at most 20 keys'));

/** `POST /api/orders` body. `amount` is a decimal string, checked against the currency by the server. */
export const CreateOrderBody = z.strictObject({
  kind: OrderKind,
  amount: z.string().check(z.regex(/^(0|[1-9]\d*)(\.\d+)?$/, 'must be a decimal string such as "12.50"')),
  currency: CurrencyCode,
  country: CountryCode,
  description: z.string().check(z.minLength(1), z.maxLength(200)),
  customer: Customer,
  returnUrl: z.url(),
  methods: z.optional(z.array(MethodId).check(z.minLength(1))),
  reference: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  metadata: z.optional(Metadata),
});
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

export const CreateOrderResponse = z.object({
  orderId: z.string(),
  clientToken: z.string(),
  expiresAt: z.string(),
});
export type CreateOrderResponse = z.infer<typeof CreateOrderResponse>;

/** Shopper fields sent with `POST /api/checkout/start` (design §3). */
export const ShopperFields = z.strictObject({
  firstName: z.optional(Name),
  lastName: z.optional(Name),
  email: z.optional(Email),
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number'))),
  dateOfBirth: z.optional(IsoDate),
  identification: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  account: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});
export type ShopperFields = z.infer<typeof ShopperFields>;
export type ShopperFieldName = keyof ShopperFields;

export const StartBody = z.strictObject({ method: MethodId, fields: z.optional(ShopperFields) });
export type StartBody = z.infer<typeof StartBody>;

export const CompleteBody = z.strictObject({
  transactionId: z.string().check(z.minLength(1), z.maxLength(64)),
  result: z.record(z.string(), z.unknown()),
});
export type CompleteBody = z.infer<typeof CompleteBody>;

/** The next action the server asks the widget to take (design §3 `start`). */
export const NextAction = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sdk'),
    provider: z.literal('nuvei'),
    transactionId: z.string(),
    sessionToken: z.string(),
    paymentMethod: z.string(),
    country: z.string(),
    ipAddress: z.optional(z.string()),
  }),
  z.object({ type: z.literal('redirect'), url: z.string(), popup: z.optional(z.boolean()) }),
  z.object({ type: z.literal('form-post'), url: z.string(), fields: z.record(z.string(), z.string()) }),
  z.object({
    type: z.literal('voucher'),
    payCode: z.string(),
    format: z.enum(['qr', 'gs1-128']),
    alternateFormat: z.optional(z.enum(['qr', 'gs1-128'])),
    qrPayload: z.optional(z.string()),
    storeLocatorUrl: z.string(),
    expiresAt: z.string(),
    amount: z.string(),
    currency: z.string(),
  }),
  z.object({ type: z.literal('widget'), provider: z.literal('odeon'), scriptUrl: z.string(), params: z.record(z.string(), z.unknown()) }),
  z.object({
    type: z.literal('done'),
    status: OrderStatus,
    reasonCode: z.optional(z.string()),
    message: z.optional(z.string()),
  }),
]);
export type NextAction = z.infer<typeof NextAction>;

/** A field a method's form asks for, and whether it is required for this order. */
export const MethodField = z.object({
  name: z.enum(['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'identification', 'account']),
  required: z.boolean(),
});
export type MethodField = z.infer<typeof MethodField>;

export const CheckoutMethod = z.object({
  id: z.string(),
  label: z.string(),
  provider: z.enum(['nuvei', 'odeon', 'oct']),
  /** `sdk` methods call `start` when selected and pay inside the click (design §3). */
  flow: z.enum(['sdk', 'server']),
  fields: z.array(MethodField),
});
export type CheckoutMethod = z.infer<typeof CheckoutMethod>;

/** `GET /api/checkout` answer: order summary, methods, and public provider settings only. */
export const CheckoutResponse = z.object({
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
    customer: z.object({
      firstName: z.optional(z.string()),
      lastName: z.optional(z.string()),
      email: z.optional(z.string()),
      phone: z.optional(z.string()),
      dateOfBirth: z.optional(z.string()),
      identification: z.optional(z.string()),
    }),
  }),
  methods: z.array(CheckoutMethod),
  providers: z.object({
    nuvei: z.optional(
      z.object({ merchantId: z.string(), merchantSiteId: z.string(), env: z.enum(['int', 'prod']), sdkUrl: z.string() }),
    ),
    odeon: z.optional(z.object({ publicId: z.string() })),
    oct: z.optional(z.object({ publicKey: z.string() })),
  }),
  /** The current attempt's action when the shopper comes back with the same token. */
  action: z.optional(NextAction),
  method: z.optional(z.nullable(z.string())),
  /** Why the last attempt ended when `order.status` is `failed` (same vocabulary as `StatusResponse`). */
  reasonCode: z.optional(z.string()),
});
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

/** `GET /api/checkout/status` answer. */
export const StatusResponse = z.object({
  status: OrderStatus,
  action: z.optional(NextAction),
  method: z.optional(z.nullable(z.string())),
  /** Why the last attempt ended: `declined`, `cancelled`, `expired`, … (outcome wording). */
  reasonCode: z.optional(z.string()),
  providerReference: z.optional(z.string()),
  message: z.optional(z.string()),
  /** Opaque version of this answer: pass it back as `since` so a change between two polls is answered at once. */
  version: z.optional(z.string()),
});
export type StatusResponse = z.infer<typeof StatusResponse>;

/** Every 4xx/5xx body (design §3 Rules). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
