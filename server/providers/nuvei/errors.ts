/** Typed failures of Nuvei API calls, so callers can map them to Kassa's PROVIDER_ERROR / PROVIDER_TIMEOUT. */
import { ProviderError, type ProviderErrorKind } from '../transport.ts';

/** Why a Nuvei call failed: no answer in time, no connection, a non-2xx, an unreadable answer, or `status: "ERROR"`. */
export type NuveiErrorKind = ProviderErrorKind;

/** One error class for every failed Nuvei call; `errCode`/`reason` are Nuvei's when it answered `ERROR`. */
export class NuveiError extends ProviderError {
  override readonly name = 'NuveiError';
  readonly errCode?: number;
  readonly reason?: string;

  constructor(
    kind: NuveiErrorKind,
    endpoint: string,
    details: {
      errCode?: number | undefined;
      reason?: string | undefined;
      httpStatus?: number | undefined;
    } = {},
  ) {
    super(
      kind,
      endpoint,
      `Nuvei ${endpoint}: ${kind}${details.errCode === undefined ? '' : ` ${details.errCode}`}`,
      details.httpStatus,
    );
    if (details.errCode !== undefined) this.errCode = details.errCode;
    if (details.reason !== undefined) this.reason = details.reason;
  }

  override logData(): Record<string, unknown> {
    return { kind: this.kind, errCode: this.errCode, reason: this.reason, httpStatus: this.httpStatus };
  }
}

/** Nuvei errCodes Kassa reacts to (platform-notes.md, "errCode"). */
export const NUVEI_ERR = {
  invalidChecksum: 1001,
  invalidTimestamp: 1021,
  invalidAmount: 1040,
  invalidCurrency: 1041,
  invalidSessionToken: 1064,
  unknownSessionToken: 1065,
  methodNotEnabled: 1068,
  sessionExpired: 1069,
} as const;
