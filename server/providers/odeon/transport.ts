/**
 * One signed JSON POST to an Odeon endpoint with a time budget, lenient zod parsing and typed errors.
 * Retries (once) only where the caller says the call is idempotent (design §3 Rules). Logs endpoint,
 * ids and timing only: never a body, a header or a secret.
 */
import type { z } from 'zod';
import type { FetchFn, Logger } from '../../types.ts';
import { createTransport } from '../transport.ts';
import { OdeonError } from './errors.ts';
import { type JsonValue, stringifyJson } from './json.ts';
import { maskPans } from './mask.ts';
import { BaseAnswer } from './schemas.ts';
import { basicAuthorization, CONTENT_HMAC_HEADER, signRequestBody } from './signing.ts';

/** What the transport needs; `signatureKey` set → every request carries `Content-HMAC`. */
export interface OdeonTransportOptions {
  baseUrl: string;
  publicId: string;
  apiSecret: string;
  signatureKey?: string | undefined;
  fetch: FetchFn;
  timeoutMs: number;
  log: Logger;
}

/** Safe facts about a call for the log line (ids, a masked card), never the body. */
export type LogFields = Record<string, string | number | undefined>;

/**
 * Posts `body` to `<baseUrl>/<path>` (a GET when `body` is undefined, e.g. `/payments/balance`) and
 * returns the parsed answer, or throws an OdeonError.
 */
export type OdeonPost = <S extends z.ZodType>(
  path: string,
  body: JsonValue | undefined,
  schema: S,
  options?: {
    idempotent?: boolean;
    logFields?: LogFields;
    /** Values (a CVC) hidden from provider messages before they reach a log or an error. */
    scrub?: readonly string[];
  },
) => Promise<z.output<S>>;

/** `<baseUrl>/<path>` whether or not the configured base ends in a slash. */
export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}

/** The seed's generic error answer is `{"Success": false, "Message": …}` (seed "API"): accept either case. */
function camelTopLevel(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const out: Record<string, unknown> = { ...json };
  for (const [key, value] of Object.entries(json)) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1);
    if (!(camel in out)) out[camel] = value;
  }
  return out;
}

/** Odeon's `message`, with card numbers masked and the call's other sensitive values hidden. */
function providerMessage(json: unknown, scrub: readonly string[]): string | undefined {
  const base = BaseAnswer.safeParse(camelTopLevel(json));
  if (!base.success || !base.data.message) return undefined;
  let text = maskPans(base.data.message);
  for (const value of scrub) if (value.length >= 3) text = text.replaceAll(value, '•••');
  return text;
}

/** Odeon's transaction id and status code of an answer, for the log line. */
function answerFacts(answer: unknown): LogFields {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const top = record(answer);
  const model = record(top.model ?? top.threeDsModel ?? top.threeDsRedirectModel);
  const facts: LogFields = {};
  if (typeof model.transactionId === 'number') facts.transactionId = model.transactionId;
  if (typeof model.statusCode === 'number') facts.statusCode = model.statusCode;
  return facts;
}

const RESULT_KEYS = ['model', 'threeDsModel', 'threeDsRedirectModel', 'transactions'] as const;

/**
 * Builds the `post` function shared by every Odeon client method, over the shared provider transport
 * (timeouts, one retry of a fast failure where idempotent, log lines without bodies or secrets).
 */
export function createOdeonTransport(options: OdeonTransportOptions): OdeonPost {
  const { signatureKey } = options;
  const authorization = basicAuthorization(options.publicId, options.apiSecret);

  function interpret<S extends z.ZodType>(path: string, raw: unknown, schema: S, scrub: readonly string[]) {
    const json = camelTopLevel(raw);
    const base = BaseAnswer.safeParse(json);
    if (!base.success) throw new OdeonError('malformed', path);
    // success:false with a transaction or 3-DS model is a result (a decline, a 3-DS step), not an error.
    const hasResult = RESULT_KEYS.some((key) => (base.data as Record<string, unknown>)[key] != null);
    if (!base.data.success && !hasResult) {
      throw new OdeonError('rejected', path, { providerMessage: providerMessage(json, scrub) });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(answer)');
      throw new OdeonError('malformed', path, { fields });
    }
    return parsed.data as z.output<S>;
  }

  return (path, body, schema, callOptions = {}) => {
    const text = body === undefined ? '' : stringifyJson(body);
    const scrub = callOptions.scrub ?? [];
    // The seed's Balance example sends Content-Type on its GET too; the signature covers the (empty) body.
    const headers: Record<string, string> = {
      Authorization: authorization,
      'Content-Type': 'application/json',
    };
    if (signatureKey) headers[CONTENT_HMAC_HEADER] = signRequestBody(text, signatureKey);
    // One transport per call: its errors hide this call's sensitive values (a CVC) from Odeon's message.
    const send = createTransport({
      provider: 'odeon',
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      log: options.log,
      error: (kind, endpoint, details) =>
        new OdeonError(kind, endpoint, {
          httpStatus: details.httpStatus,
          providerMessage: details.answer === undefined ? undefined : providerMessage(details.answer, scrub),
        }),
    });
    return send(
      {
        endpoint: path,
        url: endpointUrl(options.baseUrl, path),
        method: body === undefined ? 'GET' : 'POST',
        headers,
        ...(body === undefined ? {} : { body: text }),
        logFields: callOptions.logFields ?? {},
        idempotent: callOptions.idempotent === true,
        logAnswer: answerFacts,
      },
      (raw) => interpret(path, raw, schema, scrub),
    );
  };
}
