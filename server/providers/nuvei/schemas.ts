/**
 * Lenient zod schemas of Nuvei REST answers: the fields Kassa uses are checked, the rest passes through
 * (`z.looseObject`), because Nuvei adds fields over time.
 */
import { z } from 'zod';

/** An integer Nuvei sometimes sends as a string. */
const Int = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform(Number);
/** An id Nuvei sends as a number or a string; Kassa keeps ids as strings. */
const Id = z.union([z.string(), z.number()]).transform(String);

/** Fields every Nuvei answer carries; `status` decides between success and `ERROR`. */
export const BaseAnswer = z.looseObject({
  status: z.enum(['SUCCESS', 'ERROR']),
  errCode: Int.optional(),
  reason: z.string().optional(),
  internalRequestId: Id.optional(),
  clientRequestId: Id.optional(),
  merchantId: Id.optional(),
  merchantSiteId: Id.optional(),
  version: z.string().optional(),
});

/** `paymentOption` in `/payment` and `/getPaymentStatus` answers (redirect APMs, stored UPOs). */
export const PaymentOptionAnswer = z.looseObject({
  redirectUrl: z.string().optional(),
  userPaymentOptionId: Id.optional(),
  payCode: z.string().optional(),
});

export const SessionTokenAnswer = BaseAnswer.extend({ sessionToken: z.string().min(1) });
export type SessionTokenAnswer = z.output<typeof SessionTokenAnswer>;

export const OpenOrderAnswer = BaseAnswer.extend({
  sessionToken: z.string().min(1),
  orderId: Id,
  clientUniqueId: z.string().optional(),
  userTokenId: Id.optional(),
});
export type OpenOrderAnswer = z.output<typeof OpenOrderAnswer>;

const TransactionFields = {
  orderId: Id.optional(),
  transactionStatus: z.string().optional(),
  transactionId: Id.optional(),
  clientUniqueId: z.string().optional(),
  userTokenId: Id.optional(),
  paymentOption: PaymentOptionAnswer.optional(),
  // Some answers put the redirect at the top level (platform-notes.md, "/payment transactionStatus").
  redirectURL: z.string().optional(),
  gwErrorCode: Int.optional(),
  gwErrorReason: z.string().optional(),
};

export const PaymentAnswer = BaseAnswer.extend({ ...TransactionFields, sessionToken: z.string().min(1) });
export type PaymentAnswer = z.output<typeof PaymentAnswer>;

export const PaymentStatusAnswer = BaseAnswer.extend({
  ...TransactionFields,
  amount: z.string().optional(),
  currency: z.string().optional(),
  transactionType: z.string().optional(),
  userPaymentOptionId: Id.optional(),
});
export type PaymentStatusAnswer = z.output<typeof PaymentStatusAnswer>;

export const CreateUserAnswer = BaseAnswer.extend({ userId: Id });
export type CreateUserAnswer = z.output<typeof CreateUserAnswer>;

export const AddUpoApmAnswer = BaseAnswer.extend({ userPaymentOptionId: Id });
export type AddUpoApmAnswer = z.output<typeof AddUpoApmAnswer>;

export const PayoutAnswer = BaseAnswer.extend({
  transactionStatus: z.string(),
  transactionId: Id.optional(),
  userPaymentOptionId: Id.optional(),
  gwErrorCode: Int.optional(),
  gwErrorReason: z.string().optional(),
});
export type PayoutAnswer = z.output<typeof PayoutAnswer>;
