/** Inputs of the Nuvei client methods (amounts in integer minor units; the client formats them). */
import type { PaymentStatusAnswer } from './schemas.ts';

/** Shopper details as Nuvei's `billingAddress` / `userDetails` blocks take them (OKTO seed, "Payment (Deposit) Flow"). */
export interface NuveiPerson {
  firstName: string;
  lastName: string;
  country: string;
  email: string;
  phone?: string | undefined;
  address?: string | undefined;
  city?: string | undefined;
  zip?: string | undefined;
  /** `YYYY-MM-DD`; never logged. */
  dateOfBirth?: string | undefined;
  /** National ID number; never logged. */
  identification?: string | undefined;
}

/** Return and notification URLs sent as `urlDetails`. */
export interface NuveiUrls {
  successUrl?: string | undefined;
  failureUrl?: string | undefined;
  pendingUrl?: string | undefined;
  backUrl?: string | undefined;
}

/** `/openOrder` input: one Kassa transaction (`clientUniqueId`) opened for the Web SDK. */
export interface OpenOrderInput {
  clientUniqueId: string;
  amountMinor: number;
  currency: string;
  userTokenId: string;
  notificationUrl: string;
  /** Shorthand for `billingAddress.country`. */
  country?: string | undefined;
  /** Shorthand for `billingAddress.email`. */
  email?: string | undefined;
  productId?: string | undefined;
  ipAddress?: string | undefined;
  billingAddress?: Partial<NuveiPerson> | undefined;
  userDetails?: Partial<NuveiPerson> | undefined;
  urlDetails?: NuveiUrls | undefined;
}

/** `/payment` input; without `sessionToken` the client gets one with `/getSessionToken`. */
export interface PaymentInput {
  clientUniqueId: string;
  amountMinor: number;
  currency: string;
  userTokenId: string;
  notificationUrl: string;
  paymentMethod: string;
  ipAddress: string;
  billingAddress: NuveiPerson;
  userDetails: NuveiPerson;
  sessionToken?: string | undefined;
  userPaymentOptionId?: string | undefined;
  productId?: string | undefined;
  urlDetails?: NuveiUrls | undefined;
}

/** `/createUser` input (paysafecard seed, "Payout (Withdrawal) Flow" step 1). */
export interface CreateUserInput {
  userTokenId: string;
  firstName: string;
  lastName: string;
  email: string;
  countryCode: string;
  phone?: string | undefined;
  address?: string | undefined;
  city?: string | undefined;
  zip?: string | undefined;
  locale?: string | undefined;
}

/** `/addUPOAPM` input; `apmData` and `billingAddress` keep their key order, which the checksum follows. */
export interface AddUpoApmInput {
  userTokenId: string;
  paymentMethodName: string;
  apmData: Record<string, string>;
  billingAddress: Record<string, string>;
}

/** `/payout` input (platform-notes.md, "/payout body"). */
export interface PayoutInput {
  userTokenId: string;
  clientUniqueId: string;
  amountMinor: number;
  currency: string;
  userPaymentOptionId: string;
  notificationUrl: string;
  ipAddress?: string | undefined;
}

/** `/getPaymentStatus` answer plus `amountMinor` parsed from its decimal `amount`. */
export type PaymentStatus = PaymentStatusAnswer & { amountMinor: number | undefined };
