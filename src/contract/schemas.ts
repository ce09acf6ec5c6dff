/**
 * Request and response schemas shared by the widget and the server (design §3).
 * Written in zod/mini so the browser bundle stays small; the server uses the same objects.
 */
// First: sets zod's `jitless` flag before the schemas below are constructed (strict CSP).
import './zod.ts';
import * as z from 'zod/mini';
import { OrderKind } from './checkout.ts';
import { Email, IsoDate, Name, ShopperFields } from './fields.ts';
import { isCurrency } from './money.ts';

// The widget-facing schemas and shopper fields live in their own modules (the browser bundle
// imports those directly); this module keeps the complete contract for the server.
export * from './actions.ts';
export * from './checkout.ts';
export { IsoDate, type ShopperFieldName, ShopperFields } from './fields.ts';

/** Method ids (design §2 Methods). Odeon APMs are `odeon-apm-<typeId>`. */
export const METHOD_ID = /^(okto-cash|paysafecard|odeon-card|oct-card|odeon-apm-\d+)$/;
export const MethodId = z.string().check(z.regex(METHOD_ID, 'must be a known method id'));

export const CurrencyCode = z
  .string()
  .check(z.refine((value) => /^[A-Z]{3}$/.test(value) && isCurrency(value), 'must be an ISO 4217 code'));
export const CountryCode = z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'));

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

/** How an `odeon-card` payment runs (design §3 `ODEON_CARD_FLOW`). */
export const CardFlow = z.enum(['widget', 'redirect', 'checkout', 'direct']);
export type CardFlow = z.infer<typeof CardFlow>;

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
  /** Overrides `ODEON_CARD_FLOW` for this order (design §3; the demo's flow switch). */
  cardFlow: z.optional(CardFlow),
});
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

export const CreateOrderResponse = z.object({
  orderId: z.string(),
  clientToken: z.string(),
  expiresAt: z.string(),
});
export type CreateOrderResponse = z.infer<typeof CreateOrderResponse>;

const BrowserValue = z.string().check(z.maxLength(512));
/** What the widget reads for 3-D Secure (the seed's `browserData` keys, design §3 `start`). */
export const BrowserData = z.strictObject({
  colorDepth: z.optional(BrowserValue),
  javaEnabled: z.optional(BrowserValue),
  screenHeight: z.optional(BrowserValue),
  screenWidth: z.optional(BrowserValue),
  language: z.optional(BrowserValue),
  timeZoneOffset: z.optional(BrowserValue),
  userAgent: z.optional(BrowserValue),
});
export type BrowserData = z.infer<typeof BrowserData>;

const ThemeValue = z.string().check(z.maxLength(200), z.regex(/^[^;{}<>\\]*$/, 'must be a plain CSS value'));
/**
 * The widget's effective theme (its `theme` option over the page's custom properties over the
 * defaults): the `checkout` card flow paints Odeon's page from it (design §3 "Odeon cards").
 */
export const StartTheme = z.strictObject({
  accent: z.optional(ThemeValue),
  accentText: z.optional(ThemeValue),
  text: z.optional(ThemeValue),
  mutedText: z.optional(ThemeValue),
  background: z.optional(ThemeValue),
  border: z.optional(ThemeValue),
  error: z.optional(ThemeValue),
  font: z.optional(ThemeValue),
  radius: z.optional(ThemeValue),
});
export type StartTheme = z.infer<typeof StartTheme>;

export const StartBody = z.strictObject({
  method: MethodId,
  fields: z.optional(ShopperFields),
  browserData: z.optional(BrowserData),
  /** A saved card for a payout (design §3 `start`). */
  savedCardId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  theme: z.optional(StartTheme),
});
export type StartBody = z.infer<typeof StartBody>;

export const CompleteBody = z.strictObject({
  transactionId: z.string().check(z.minLength(1), z.maxLength(64)),
  result: z.record(z.string(), z.unknown()),
});
export type CompleteBody = z.infer<typeof CompleteBody>;
