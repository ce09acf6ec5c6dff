/** Nuvei provider: REST client, checksums, DMN parsing and the APM pay-code adapter. */
export { createNuveiClient, type NuveiClient, type NuveiClientOptions } from './client.ts';
export { type Dmn, type DmnOutcome, type DmnReasonCode, dmnOutcome, parseDmn } from './dmn.ts';
export { NUVEI_ERR, NuveiError, type NuveiErrorKind } from './errors.ts';
export { type ApmVoucher, voucherFromApmAnswer } from './map.ts';
export type * from './schemas.ts';
export {
  bodyChecksum,
  CHECKSUM_FIELDS,
  type ChecksumAlgo,
  type ChecksumMethod,
  dmnChecksum,
  dmnTimestamp,
  nuveiTimestamp,
  requestChecksum,
  verifyDmn,
} from './signing.ts';
export type * from './types.ts';
