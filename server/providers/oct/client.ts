/**
 * The OCT client (seed "OCT Authorize"): `POST /api/transactions/authorize` with a bearer token from
 * token.ts. Money is already in minor units (the seed's `amount`). A 401 drops the token and the call is
 * sent once more with a fresh one (OCT refused it before doing anything, so nothing is paid twice); a
 * second 401 is the caller's to report. The body carries the encrypted card number: it is sent, never
 * logged (the transport logs the endpoint and the reference only).
 */
import type { FetchFn, Logger } from '../../types.ts';
import { createTransport, type Send } from '../transport.ts';
import { OctError, type OctFieldError } from './errors.ts';
import { AuthorizeAnswer, UnprocessableAnswer } from './schemas.ts';
import { createTokenSource, type TokenSource } from './token.ts';

/** The seed's `CustomerDto`. */
export interface OctCustomer {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  address?: string;
  city?: string;
  country?: string;
  postal_code?: string;
  id?: string | null;
}

/** The seed's `OctTransactionRequestDto`. */
export interface AuthorizeRequest {
  reference: string;
  terminal_id: string;
  description: string;
  currency: string;
  /** Minor units (seed: "100 = 1.00 EUR"). */
  amount: number;
  transaction_type: 'OCT';
  payment_method: { type: 'card'; data: { encrypted_card_number: string } };
  customer: OctCustomer;
  metadata?: Record<string, unknown>;
  customer_ip?: string | null;
}

/** What the client is built with. */
export interface OctClientOptions {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The API's base URL without a trailing slash. */
  apiUrl: string;
  fetch: FetchFn;
  timeoutMs: number;
  log: Logger;
  /** Real time for the token cache (tests inject their own). */
  now?: () => number;
}

/** The OCT calls Kassa makes. */
export interface OctClient {
  tokens: TokenSource;
  authorize(request: AuthorizeRequest): Promise<AuthorizeAnswer>;
}

/** The transport's error for a failed OCT call: a 422 in the seed's shape becomes kind `rejected`. */
function octError(
  kind: ConstructorParameters<typeof OctError>[0],
  endpoint: string,
  details: { httpStatus?: number; answer?: unknown },
): OctError {
  if (details.httpStatus === 422) {
    const parsed = UnprocessableAnswer.safeParse(details.answer);
    if (parsed.success) {
      const errors: OctFieldError[] = parsed.data.errors.map((e) => ({
        property: e.property ?? '',
        message: e.message ?? '',
      }));
      return new OctError('rejected', endpoint, 422, errors);
    }
  }
  return new OctError(kind, endpoint, details.httpStatus);
}

/** Creates the client of one OCT configuration. */
export function createOctClient(options: OctClientOptions): OctClient {
  const send: Send = createTransport({
    provider: 'oct',
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    log: options.log,
    error: octError,
  });
  const tokens = createTokenSource({
    issuerUrl: options.issuerUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    send,
    ...(options.now ? { now: options.now } : {}),
  });

  const call = (token: string, request: AuthorizeRequest) =>
    send(
      {
        endpoint: 'authorize',
        url: `${options.apiUrl}/api/transactions/authorize`,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        logFields: { reference: request.reference },
        logAnswer: (raw) => {
          const result = (raw as { result?: { id?: unknown; status?: unknown } }).result;
          return { id: result?.id, status: result?.status };
        },
      },
      (json) => {
        const parsed = AuthorizeAnswer.safeParse(json);
        if (!parsed.success) throw new OctError('malformed', 'authorize');
        return parsed.data;
      },
    );

  return {
    tokens,
    async authorize(request) {
      const token = await tokens.get();
      try {
        return await call(token, request);
      } catch (error) {
        if (!(error instanceof OctError && error.unauthorized)) throw error;
        // Refused before anything was done (an expired or revoked token): once more with a fresh one.
        tokens.invalidate(token);
        return call(await tokens.get(), request);
      }
    },
  };
}
