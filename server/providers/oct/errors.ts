/** Typed failures of OCT calls (discovery, token, authorize) over the shared provider transport. */
import { ProviderError, type ProviderErrorKind } from '../transport.ts';

/** One entry of the seed's 422 answer (`errors[]`): the refused property and OCT's message. */
export interface OctFieldError {
  property: string;
  message: string;
}

/** A failed OCT call; a 422 is kind `rejected` with its `errors[]`. */
export class OctError extends ProviderError {
  override readonly name = 'OctError';
  /** The 422's `errors[]` (kind `rejected`). */
  readonly errors: OctFieldError[];

  constructor(kind: ProviderErrorKind, endpoint: string, httpStatus?: number, errors: OctFieldError[] = []) {
    super(
      kind,
      endpoint,
      `OCT ${endpoint}: ${kind}${httpStatus === undefined ? '' : ` ${httpStatus}`}`,
      httpStatus,
    );
    this.errors = errors;
  }

  /** Whether OCT refused the bearer token or the client credentials. */
  get unauthorized(): boolean {
    return this.kind === 'http' && this.httpStatus === 401;
  }

  /** The refused properties (never their values or OCT's messages, which may quote them). */
  override logData(): Record<string, unknown> {
    return {
      kind: this.kind,
      httpStatus: this.httpStatus,
      ...(this.errors.length > 0 ? { properties: this.errors.map((e) => e.property).join(',') } : {}),
    };
  }
}
