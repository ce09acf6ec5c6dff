/**
 * Nuvei REST client (server-to-server). Money becomes Nuvei's decimal string only here (design §3 Rules);
 * every call gets a fresh clientRequestId, a timeStamp from the injected clock and its checksum.
 */
import { randomUUID } from 'node:crypto';
import { formatAmount, parseAmount } from '../../../src/contract/money.ts';
import type { Clock, FetchFn, Logger, NuveiCredentials } from '../../types.ts';
import { NUVEI_ERR, NuveiError } from './errors.ts';
import {
  AddUpoApmAnswer,
  CreateUserAnswer,
  OpenOrderAnswer,
  PaymentAnswer,
  PaymentStatusAnswer,
  PayoutAnswer,
  SessionTokenAnswer,
} from './schemas.ts';
import { bodyChecksum, type ChecksumMethod, nuveiTimestamp } from './signing.ts';
import { createTransport } from './transport.ts';
import type {
  AddUpoApmInput,
  CreateUserInput,
  OpenOrderInput,
  PaymentInput,
  PaymentStatus,
  PayoutInput,
} from './types.ts';

/** Dependencies of the client; `apiUrl` ends in `/ppp/api/v1/` (the sandbox emulator's or Nuvei's). */
export interface NuveiClientOptions {
  apiUrl: string;
  credentials: NuveiCredentials;
  fetch: FetchFn;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
}

/** The Nuvei calls Kassa makes. */
export type NuveiClient = ReturnType<typeof createNuveiClient>;

/** Creates a Nuvei REST client; every method resolves with the parsed answer or rejects with a NuveiError. */
export function createNuveiClient(options: NuveiClientOptions) {
  const { credentials, clock } = options;
  const post = createTransport(options);

  /** A request body with merchant ids, a fresh clientRequestId, the timeStamp and the method's checksum. */
  function signed(method: ChecksumMethod, fields: Record<string, unknown>): Record<string, unknown> {
    const body: Record<string, unknown> = {
      merchantId: credentials.merchantId,
      merchantSiteId: credentials.merchantSiteId,
      clientRequestId: randomUUID(),
      ...fields,
      timeStamp: nuveiTimestamp(clock.now()),
    };
    body.checksum = bodyChecksum(method, body, credentials.secretKey, credentials.checksum);
    return body;
  }

  const getSessionToken = () => post('getSessionToken', signed('getSessionToken', {}), SessionTokenAnswer);

  async function payment(input: PaymentInput) {
    const send = (sessionToken: string) =>
      post(
        'payment',
        signed('payment', {
          sessionToken,
          clientUniqueId: input.clientUniqueId,
          amount: formatAmount(input.amountMinor, input.currency),
          currency: input.currency,
          userTokenId: input.userTokenId,
          productId: input.productId,
          paymentOption: input.userPaymentOptionId
            ? { userPaymentOptionId: input.userPaymentOptionId }
            : { alternativePaymentMethod: { paymentMethod: input.paymentMethod } },
          deviceDetails: { ipAddress: input.ipAddress },
          billingAddress: input.billingAddress,
          userDetails: input.userDetails,
          urlDetails: { notificationUrl: input.notificationUrl, ...input.urlDetails },
        }),
        PaymentAnswer,
      );
    let sessionToken = input.sessionToken ?? (await getSessionToken()).sessionToken;
    try {
      const answer = await send(sessionToken);
      return { ...answer, sessionToken: answer.sessionToken ?? sessionToken };
    } catch (error) {
      // 1069: the token outlived its ~15 minutes; nothing was processed, so one resend with a new token is safe.
      if (!(error instanceof NuveiError) || error.errCode !== NUVEI_ERR.sessionExpired) throw error;
      sessionToken = (await getSessionToken()).sessionToken;
      const answer = await send(sessionToken);
      return { ...answer, sessionToken: answer.sessionToken ?? sessionToken };
    }
  }

  return {
    /** `/getSessionToken`: a server-side session token for `/payment`. */
    getSessionToken,

    /** `/openOrder`: opens the Web SDK session for one Kassa transaction (`clientUniqueId`). */
    openOrder: (input: OpenOrderInput) =>
      post(
        'openOrder',
        signed('openOrder', {
          clientUniqueId: input.clientUniqueId,
          amount: formatAmount(input.amountMinor, input.currency),
          currency: input.currency,
          userTokenId: input.userTokenId,
          productId: input.productId,
          urlDetails: { notificationUrl: input.notificationUrl, ...input.urlDetails },
          billingAddress:
            input.country || input.email || input.billingAddress
              ? { country: input.country, email: input.email, ...input.billingAddress }
              : undefined,
          userDetails: input.userDetails,
          deviceDetails: input.ipAddress ? { ipAddress: input.ipAddress } : undefined,
        }),
        OpenOrderAnswer,
      ),

    /** `/payment` with a server-side session token (fetched, and replaced once on errCode 1069). */
    payment,

    /** `/getPaymentStatus` of a session (no checksum; idempotent, so retried once after a fast failure). */
    getPaymentStatus: async (sessionToken: string): Promise<PaymentStatus> => {
      const answer = await post('getPaymentStatus', { sessionToken }, PaymentStatusAnswer, {
        idempotent: true,
      });
      const money =
        answer.amount !== undefined && answer.currency !== undefined
          ? parseAmount(answer.amount, answer.currency)
          : undefined;
      return { ...answer, amountMinor: typeof money === 'object' ? money.minor : undefined };
    },

    /** `/createUser`: registers the shopper's userTokenId before a payout UPO can be added. */
    createUser: (input: CreateUserInput) =>
      post('createUser', signed('createUser', { ...input }), CreateUserAnswer),

    /** `/addUPOAPM`: stores the shopper's APM account (e.g. paysafecard) as a user payment option. */
    addUPOAPM: (input: AddUpoApmInput) =>
      post('addUPOAPM', signed('addUPOAPM', { ...input }), AddUpoApmAnswer),

    /** `/payout` to a stored user payment option. */
    payout: (input: PayoutInput) =>
      post(
        'payout',
        signed('payout', {
          userTokenId: input.userTokenId,
          clientUniqueId: input.clientUniqueId,
          amount: formatAmount(input.amountMinor, input.currency),
          currency: input.currency,
          userPaymentOption: { userPaymentOptionId: input.userPaymentOptionId },
          urlDetails: { notificationUrl: input.notificationUrl },
          deviceDetails: input.ipAddress ? { ipAddress: input.ipAddress } : undefined,
        }),
        PayoutAnswer,
      ),
  };
}
