/** Why a widget operation failed; a declined payment is an outcome, never one of these. */
export type KassaErrorCode =
  | 'NETWORK'
  | 'VALIDATION'
  | 'PROVIDER'
  | 'CONFIGURATION'
  | 'CANCELLED'
  | 'INTERNAL'
  /** The client token's order expired or the token itself did (server `401 TOKEN_EXPIRED`). */
  | 'TOKEN_EXPIRED';

/** A server-reported problem with one shopper field (`path` like `fields.email`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The one error type of the widget, carrying a code from `KassaErrorCode`. */
export class KassaError extends Error {
  override readonly name = 'KassaError';
  readonly code: KassaErrorCode;
  /** For `CONFIGURATION`: the name of the offending option (e.g. `session`, `theme.accent`). */
  readonly option: string | undefined;
  /** For `VALIDATION`: the fields the server rejected. */
  readonly fields: readonly FieldProblem[];
  /** The HTTP status when the server answered with an error. */
  readonly status: number | undefined;

  constructor(
    code: KassaErrorCode,
    message: string,
    extra: { option?: string; fields?: FieldProblem[]; status?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.option = extra.option;
    this.fields = extra.fields ?? [];
    this.status = extra.status;
  }
}

/** Wraps anything thrown into a `KassaError` (unknown throws become `INTERNAL`). */
export function toKassaError(error: unknown): KassaError {
  if (error instanceof KassaError) return error;
  return new KassaError('INTERNAL', 'Something went wrong in the checkout.');
}
