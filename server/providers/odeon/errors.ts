/** Typed failures of OdeonPay API calls, so callers can map them to Kassa's PROVIDER_ERROR / PROVIDER_TIMEOUT. */

/**
 * Why an Odeon call failed: no answer in time, no connection, a non-2xx (401 for bad credentials), an
 * unreadable answer, `success: false` with only a `message` (seed "API": `"Invalid Amount value"`), or a
 * declined transaction where the call should have produced something else (a payment link).
 * A declined charge is not an error: it is a result (conventions §6), mapped by `map.ts`.
 */
export type OdeonErrorKind = 'timeout' | 'network' | 'http' | 'malformed' | 'rejected' | 'declined';

/** Details Odeon gave, when it gave any; `providerMessage` has card-number-like digits masked. */
export interface OdeonErrorDetails {
  httpStatus?: number | undefined;
  providerMessage?: string | undefined;
  statusCode?: number | undefined;
  reasonCode?: number | undefined;
  reason?: string | undefined;
  transactionId?: number | undefined;
  /** Paths of the answer's fields that did not parse (never their values), for kind `malformed`. */
  fields?: string[] | undefined;
}

/** One error class for every failed Odeon call. */
export class OdeonError extends Error {
  override readonly name = 'OdeonError';
  readonly kind: OdeonErrorKind;
  readonly endpoint: string;
  readonly httpStatus?: number;
  readonly providerMessage?: string;
  readonly statusCode?: number;
  readonly reasonCode?: number;
  readonly reason?: string;
  readonly transactionId?: number;
  readonly fields?: string[];

  constructor(kind: OdeonErrorKind, endpoint: string, details: OdeonErrorDetails = {}) {
    const code = details.httpStatus ?? details.reasonCode;
    super(`Odeon ${endpoint}: ${kind}${code === undefined ? '' : ` ${code}`}`);
    this.kind = kind;
    this.endpoint = endpoint;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.providerMessage !== undefined) this.providerMessage = details.providerMessage;
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.reasonCode !== undefined) this.reasonCode = details.reasonCode;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.transactionId !== undefined) this.transactionId = details.transactionId;
    if (details.fields !== undefined) this.fields = details.fields;
  }
}
