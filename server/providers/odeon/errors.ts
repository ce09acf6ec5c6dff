/** Typed failures of OdeonPay API calls, so callers can map them to Kassa's PROVIDER_ERROR / PROVIDER_TIMEOUT. */
import { ProviderError, type ProviderErrorKind } from '../transport.ts';

/**
 * Why an Odeon call failed: no answer in time, no connection, a non-2xx (401 for bad credentials), an
 * unreadable answer, `success: false` with only a `message` (seed "API": `"Invalid Amount value"`), or a
 * declined transaction where the call should have produced something else (a payment link).
 * A declined charge is not an error: it is a result (conventions §6), mapped by `map.ts`.
 */
export type OdeonErrorKind = ProviderErrorKind;

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

/** One error class for every failed Odeon call (a ProviderError of the shared transport). */
export class OdeonError extends ProviderError {
  override readonly name = 'OdeonError';
  readonly providerMessage?: string;
  readonly statusCode?: number;
  readonly reasonCode?: number;
  readonly reason?: string;
  readonly transactionId?: number;
  readonly fields?: string[];

  constructor(kind: OdeonErrorKind, endpoint: string, details: OdeonErrorDetails = {}) {
    const code = details.httpStatus ?? details.reasonCode;
    super(
      kind,
      endpoint,
      `Odeon ${endpoint}: ${kind}${code === undefined ? '' : ` ${code}`}`,
      details.httpStatus,
    );
    if (details.providerMessage !== undefined) this.providerMessage = details.providerMessage;
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.reasonCode !== undefined) this.reasonCode = details.reasonCode;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.transactionId !== undefined) this.transactionId = details.transactionId;
    if (details.fields !== undefined) this.fields = details.fields;
  }

  /** The failure's log fields: Odeon's message (card numbers masked) and unparsed answer paths, never a body. */
  override logData(): Record<string, unknown> {
    return {
      kind: this.kind,
      httpStatus: this.httpStatus,
      providerMessage: this.providerMessage,
      fields: this.fields?.join(','),
    };
  }
}
