/**
 * The provider transport every provider client sends through (design §3 Rules): one HTTP call with a
 * time budget, typed failures, one retry of a fast failure where the caller says the call is
 * idempotent, and a log line per call that names the endpoint and safe fields, never a body or a secret.
 */
import type { FetchFn, Logger } from '../types.ts';

/**
 * Why a provider call failed: no answer in time, no connection, a non-2xx, an unreadable answer, the
 * provider's refusal, or a decline where the call should have produced something else (a link).
 */
export type ProviderErrorKind = 'timeout' | 'network' | 'http' | 'malformed' | 'rejected' | 'declined';

/** A failed provider call; providers subclass it to carry their own error codes. */
export class ProviderError extends Error {
  override readonly name: string = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly endpoint: string;
  readonly httpStatus?: number;

  constructor(kind: ProviderErrorKind, endpoint: string, message: string, httpStatus?: number) {
    super(message);
    this.kind = kind;
    this.endpoint = endpoint;
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
  }

  /** What the failure log may say about it (no secrets, no personal data). */
  logData(): Record<string, unknown> {
    return { kind: this.kind, httpStatus: this.httpStatus };
  }
}

/**
 * Builds the provider's error for a failure the transport itself detects; for a non-2xx, `answer` is
 * its body when that was JSON (a provider's error message may be in it).
 */
export type ErrorFactory<E extends ProviderError> = (
  kind: ProviderErrorKind,
  endpoint: string,
  details: { httpStatus?: number; answer?: unknown },
) => E;

/** What a transport needs: the provider's name (log lines `<provider> call`), fetch, a budget, a logger. */
export interface TransportOptions<E extends ProviderError> {
  provider: string;
  fetch: FetchFn;
  timeoutMs: number;
  log: Logger;
  error: ErrorFactory<E>;
}

/** One call: where it goes and what may be logged about it. */
export interface TransportRequest {
  /** The provider's name for the call, in logs and errors (e.g. `openOrder`). */
  endpoint: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Safe fields added to the call's log lines (e.g. a request id). */
  logFields?: Record<string, unknown>;
  /** Retried once after a fast failure (network, unreadable answer, 5xx): only for idempotent calls. */
  idempotent?: boolean;
  /** Safe facts of the answer for the call's log line (e.g. the provider's transaction id and status). */
  logAnswer?: (answer: unknown) => Record<string, unknown>;
}

/** Sends a request and reads its JSON answer through `interpret`, which throws the provider's error when refused. */
export type Send = <T>(request: TransportRequest, interpret: (json: unknown) => T) => Promise<T>;

function isRetryable(error: ProviderError): boolean {
  if (error.kind === 'network' || error.kind === 'malformed') return true;
  return error.kind === 'http' && (error.httpStatus ?? 0) >= 500;
}

/** Creates the `send` function a provider client builds its calls on. */
export function createTransport<E extends ProviderError>(options: TransportOptions<E>): Send {
  const { fetch: fetchFn, timeoutMs, log, error: makeError, provider } = options;

  async function attempt(request: TransportRequest, budgetMs: number): Promise<unknown> {
    const { endpoint } = request;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(makeError('timeout', endpoint, {}));
      }, budgetMs);
    });
    const sending = (async () => {
      let response: Response;
      try {
        response = await fetchFn(request.url, {
          method: request.method ?? 'POST',
          headers: { Accept: 'application/json', ...request.headers },
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: controller.signal,
        });
      } catch {
        throw makeError(controller.signal.aborted ? 'timeout' : 'network', endpoint, {});
      }
      const text = await response.text().catch(() => {
        throw makeError(controller.signal.aborted ? 'timeout' : 'network', endpoint, {});
      });
      let json: unknown;
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        throw makeError(response.ok ? 'malformed' : 'http', endpoint, { httpStatus: response.status });
      }
      if (!response.ok) throw makeError('http', endpoint, { httpStatus: response.status, answer: json });
      return json;
    })();
    sending.catch(() => undefined); // the race below may settle first; never leave a rejection unhandled
    try {
      return await Promise.race([sending, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  return async (request, interpret) => {
    const deadline = performance.now() + timeoutMs;
    for (let tries = 1; ; tries++) {
      const started = performance.now();
      try {
        const raw = await attempt(request, deadline - started);
        const answer = interpret(raw);
        log.info(`${provider} call`, {
          endpoint: request.endpoint,
          ...request.logFields,
          ...request.logAnswer?.(raw),
          ms: Math.round(performance.now() - started),
        });
        return answer;
      } catch (error) {
        const failure = error instanceof ProviderError ? error : makeError('network', request.endpoint, {});
        log.warn(`${provider} call failed`, {
          endpoint: request.endpoint,
          ...request.logFields,
          ...failure.logData(),
          attempt: tries,
        });
        // A timeout used the whole budget, so only a fast failure of an idempotent call is retried.
        const retry = request.idempotent === true && tries === 1 && isRetryable(failure);
        if (!retry || deadline - performance.now() <= 0) throw failure;
      }
    }
  };
}
