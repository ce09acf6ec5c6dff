import type { ErrorBody } from '../contract/checkout.ts';
import { authHeaders, type EarlyRequest, NO_STORE, readAnswer } from './early-request.ts';
import { type FieldProblem, KassaError, type KassaErrorCode } from './errors.ts';

/** How long an ordinary widget API call may take before it fails with `NETWORK`. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** The widget's transport to the companion server's `/api/checkout` routes (design §3). */
export interface Api {
  /**
   * GETs (no body) or POSTs JSON to `path` (relative to the server URL) with the client token and
   * resolves with the JSON answer; HTTP and network failures reject with a `KassaError`.
   */
  fetchJson(path: string, body?: unknown, timeoutMs?: number): Promise<unknown>;
}

/**
 * Creates the transport; `signal` (aborted on `destroy`) cancels every pending request. `early` is a
 * request the script-tag loader already started (early-request.ts): the first call takes it over when
 * it is the same request (a GET of the same URL with the same token); later calls never do.
 */
export function createApi(server: URL, token: string, signal: AbortSignal, early?: EarlyRequest): Api {
  let ahead = early;
  return {
    fetchJson(path, body, timeoutMs) {
      const url = new URL(path, server);
      const same = ahead && body === undefined && ahead.url === url.href && ahead.token === token;
      const taken = same ? ahead : undefined;
      ahead = undefined;
      if (taken) taken.taken = true;
      return request(url, token, signal, body, timeoutMs, taken);
    },
  };
}

async function request(
  url: URL,
  token: string,
  outer: AbortSignal,
  body?: unknown,
  timeoutMs = REQUEST_TIMEOUT_MS,
  early?: EarlyRequest,
) {
  // One controller per call, aborted by destroy (outer) or by our own timer; AbortSignal.any is too new.
  // A request taken over from the loader has its own controller: abort that one too.
  const controller = new AbortController();
  const abort = () => {
    controller.abort();
    early?.abort();
  };
  outer.addEventListener('abort', abort);
  const timer = setTimeout(abort, timeoutMs);
  const headers = authHeaders(token);
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const answer = await (early?.answer ??
      fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        cache: NO_STORE,
        signal: controller.signal,
      }).then(readAnswer));
    // Aborted while the body was being read (destroy or the timer): not an answer.
    if (controller.signal.aborted) throw controller.signal.reason;
    if (!answer.ok) throw httpError(answer.status, answer.json);
    return answer.json;
  } catch (error) {
    if (error instanceof KassaError) throw error;
    if (outer.aborted) throw new KassaError('CANCELLED', 'The checkout was closed.');
    throw new KassaError('NETWORK', 'The payment server could not be reached.');
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', abort);
  }
}

/**
 * The `error` of an `ErrorBody` answer (notes/api-for-helpers.md), read by hand: the first request's
 * errors are handled before zod is loaded (summary.ts). Malformed field entries are dropped.
 */
function errorOf(json: unknown): Partial<ErrorBody['error']> {
  const error = (json as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  if (typeof error !== 'object' || error === null) return {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const fields = Array.isArray(error.fields)
    ? error.fields.filter(
        (field): field is FieldProblem =>
          typeof field?.path === 'string' && typeof field.message === 'string',
      )
    : [];
  return { code: text(error.code) ?? '', message: text(error.message) ?? '', fields };
}

/** Maps an HTTP error answer (`ErrorBody`, notes/api-for-helpers.md) to a `KassaError`. */
export function httpError(status: number, json: unknown): KassaError {
  const error = errorOf(json);
  const fields = error.fields ?? [];
  const message = error.message || `The payment server answered ${status}.`;
  // A token the server refuses is the merchant's integration problem (the `session` option), unless
  // it merely expired with its order.
  if (error.code === 'TOKEN_EXPIRED') return new KassaError('TOKEN_EXPIRED', message);
  if (status === 401 || status === 403)
    return new KassaError('CONFIGURATION', message, { option: 'session', status });
  const code: KassaErrorCode =
    status === 400 || status === 422
      ? 'VALIDATION'
      : status === 502 || status === 504
        ? 'PROVIDER'
        : status === 503 || status === 408 || status === 429
          ? 'NETWORK'
          : 'INTERNAL';
  return new KassaError(code, message, { fields, status });
}
