/**
 * One JSON POST to a Nuvei endpoint with a time budget, lenient zod parsing and typed errors.
 * Retries (once) only where the caller says the call is idempotent (design §3 Rules).
 */
import type { z } from 'zod';
import type { FetchFn, Logger } from '../../types.ts';
import { NuveiError } from './errors.ts';
import { BaseAnswer } from './schemas.ts';

/** What the transport needs: the base URL (ending in `/ppp/api/v1/`), fetch, a budget and a logger. */
export interface TransportOptions {
  apiUrl: string;
  fetch: FetchFn;
  timeoutMs: number;
  log: Logger;
}

/** Posts a body to `<apiUrl><method>.do` and returns the parsed success answer, or throws a NuveiError. */
export type Post = <S extends z.ZodType>(
  method: string,
  body: Record<string, unknown>,
  schema: S,
  options?: { idempotent?: boolean },
) => Promise<z.output<S>>;

function isRetryable(error: unknown): boolean {
  if (!(error instanceof NuveiError)) return false;
  if (error.kind === 'network' || error.kind === 'malformed') return true;
  return error.kind === 'http' && (error.httpStatus ?? 0) >= 500;
}

/** Builds the `post` function shared by every Nuvei client method. */
export function createTransport(options: TransportOptions): Post {
  const { apiUrl, fetch: fetchFn, timeoutMs, log } = options;

  async function attempt(method: string, body: Record<string, unknown>, budgetMs: number): Promise<unknown> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new NuveiError('timeout', method));
      }, budgetMs);
    });
    const sending = (async () => {
      let response: Response;
      try {
        response = await fetchFn(`${apiUrl}${method}.do`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
      } catch {
        throw new NuveiError(controller.signal.aborted ? 'timeout' : 'network', method);
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new NuveiError('http', method, { httpStatus: response.status });
      }
      const text = await response.text().catch(() => {
        throw new NuveiError(controller.signal.aborted ? 'timeout' : 'network', method);
      });
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new NuveiError('malformed', method, { httpStatus: response.status });
      }
    })();
    sending.catch(() => undefined); // the race below may settle first; never leave a rejection unhandled
    try {
      return await Promise.race([sending, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  function interpret<S extends z.ZodType>(method: string, json: unknown, schema: S): z.output<S> {
    const base = BaseAnswer.safeParse(json);
    if (!base.success) throw new NuveiError('malformed', method);
    if (base.data.status === 'ERROR') {
      throw new NuveiError('rejected', method, { errCode: base.data.errCode, reason: base.data.reason });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new NuveiError('malformed', method);
    return parsed.data;
  }

  return async (method, body, schema, callOptions = {}) => {
    const deadline = performance.now() + timeoutMs;
    const requestId = typeof body.clientRequestId === 'string' ? body.clientRequestId : undefined;
    for (let tries = 1; ; tries++) {
      const started = performance.now();
      try {
        const answer = interpret(method, await attempt(method, body, deadline - started), schema);
        log.info('nuvei call', {
          endpoint: method,
          clientRequestId: requestId,
          ms: Math.round(performance.now() - started),
        });
        return answer;
      } catch (error) {
        const failure = error instanceof NuveiError ? error : new NuveiError('network', method);
        log.warn('nuvei call failed', {
          endpoint: method,
          clientRequestId: requestId,
          kind: failure.kind,
          errCode: failure.errCode,
          reason: failure.reason,
          httpStatus: failure.httpStatus,
          attempt: tries,
        });
        // A timeout used the whole budget, so only a fast failure of an idempotent call is retried.
        const retry = callOptions.idempotent === true && tries === 1 && isRetryable(failure);
        if (!retry || deadline - performance.now() <= 0) throw failure;
      }
    }
  };
}
