/**
 * OCT's answers as Kassa reads them (seed "OCT Authorize"; OpenID Connect discovery; RFC 6749 token
 * answers), parsed leniently (design §3 Rules: provider messages are parsed leniently).
 */
import { z } from 'zod';

/** `<issuer>/.well-known/openid-configuration`: what the client-credentials grant needs. */
export const Discovery = z.object({
  issuer: z.string().min(1),
  token_endpoint: z.url(),
  // OpenID Connect Discovery: absent means client_secret_basic.
  token_endpoint_auth_methods_supported: z.optional(z.array(z.string())),
});
export type Discovery = z.infer<typeof Discovery>;

/** The token endpoint's answer (RFC 6749 §5.1). */
export const TokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, 'must be Bearer'),
  expires_in: z.optional(z.coerce.number().int().positive()),
});
export type TokenAnswer = z.infer<typeof TokenAnswer>;

/** The seed's TransactionStatus values Kassa maps. */
export const OCT_STATUSES = ['APPROVED', 'DECLINED', 'PENDING'] as const;

/** `ExecuteTransactionResponseDto` (seed), the parts Kassa uses. */
export const AuthorizeAnswer = z.object({
  result: z.object({
    id: z.string().min(1),
    reference: z.string(),
    currency: z.string(),
    amount: z.number().int(),
    status: z.string(),
    approved: z.optional(z.boolean()),
    pending: z.optional(z.boolean()),
    payment_method: z.optional(
      z.nullable(
        z.object({
          masked: z.optional(z.nullable(z.string())),
          brand: z.optional(z.nullable(z.string())),
        }),
      ),
    ),
  }),
});
export type AuthorizeAnswer = z.infer<typeof AuthorizeAnswer>;

/** The seed's 422 answer. */
export const UnprocessableAnswer = z.object({
  errors: z.array(
    z.object({
      message: z.optional(z.string()),
      params: z.optional(z.array(z.string())),
      property: z.optional(z.string()),
    }),
  ),
  status: z.optional(z.number()),
});
