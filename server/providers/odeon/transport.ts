/**
 * One signed JSON POST to an Odeon endpoint with a time budget, lenient zod parsing and typed errors.
 * Retries (once) only where the caller says the call is idempotent (design §3 Rules). Logs endpoint,
 * ids and timing only: never a body, a header or a secret.
 */
import type { z } from 'zod';
import type { FetchFn, Logger } from '../../types.ts';
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

/** Posts `body` to `<baseUrl>/<path>` and returns the parsed answer, or throws an OdeonError. */
export type OdeonPost = <S extends z.ZodType>(
  path: string,
  body: JsonValue,
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

function isRetryable(error: OdeonError): boolean {
  if (error.kind === 'network' || error.kind === 'malformed') return true;
  return error.kind === 'http' && (error.httpStatus ?? 0) >= 500;
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

/** Builds the `post` function shared by every Odeon client method. */
export function createOdeonTransport(options: OdeonTransportOptions): OdeonPost {
  const { fetch: fetchFn, timeoutMs, log, signatureKey } = options;
  const authorization = basicAuthorization(options.publicId, options.apiSecret);

  async function attempt(path: string, text: string, budgetMs: number, scrub: readonly string[]) {
    const headers: Record<string, string> = {
      Authorization: authorization,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    };
    if (signatureKey) headers[CONTENT_HMAC_HEADER] = signRequestBody(text, signatureKey);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new OdeonError('timeout', path));
      }, budgetMs);
    });
    const sending = (async () => {
      let response: Response;
      try {
        const url = endpointUrl(options.baseUrl, path);
        response = await fetchFn(url, { method: 'POST', headers, body: text, signal: controller.signal });
      } catch {
        throw new OdeonError(controller.signal.aborted ? 'timeout' : 'network', path);
      }
      const body = await response.text().catch(() => {
        throw new OdeonError(controller.signal.aborted ? 'timeout' : 'network', path);
      });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        const kind = response.ok ? 'malformed' : 'http';
        throw new OdeonError(kind, path, { httpStatus: response.status });
      }
      if (!response.ok) {
        throw new OdeonError('http', path, {
          httpStatus: response.status,
          providerMessage: providerMessage(json, scrub),
        });
      }
      return json as unknown;
    })();
    sending.catch(() => undefined); // the race below may settle first; never leave a rejection unhandled
    try {
      return await Promise.race([sending, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

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

  return async (path, body, schema, callOptions = {}) => {
    const text = stringifyJson(body);
    const deadline = performance.now() + timeoutMs;
    for (let tries = 1; ; tries++) {
      const started = performance.now();
      try {
        const scrub = callOptions.scrub ?? [];
        const answer = interpret(path, await attempt(path, text, deadline - started, scrub), schema, scrub);
        log.info('odeon call', {
          endpoint: path,
          ...callOptions.logFields,
          ...answerFacts(answer),
          ms: Math.round(performance.now() - started),
        });
        return answer;
      } catch (error) {
        const failure = error instanceof OdeonError ? error : new OdeonError('network', path);
        log.warn('odeon call failed', {
          endpoint: path,
          ...callOptions.logFields,
          kind: failure.kind,
          httpStatus: failure.httpStatus,
          providerMessage: failure.providerMessage,
          fields: failure.fields?.join(','),
          attempt: tries,
        });
        // A timeout used the whole budget, so only a fast failure of an idempotent call is retried.
        const retry = callOptions.idempotent === true && tries === 1 && isRetryable(failure);
        if (!retry || deadline - performance.now() <= 0) throw failure;
      }
    }
  };
}
