/**
 * Request routing helpers: strip the mount path of KASSA_PUBLIC_URL, and send the server's own
 * calls to its sandbox emulators (and demo receiver) through the app without a socket.
 */
import type { Hono } from 'hono';
import type { FetchFn } from './types.ts';

/** A fetch-style handler that strips `publicUrl`'s path (Kassa mounted under e.g. `/pay`). */
export function mountedHandler(app: Hono, publicUrl: string): (request: Request) => Promise<Response> {
  const basePath = new URL(publicUrl).pathname.replace(/\/+$/, '');
  return async (request) => {
    if (!basePath) return app.fetch(request);
    const url = new URL(request.url);
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return app.fetch(request);
    url.pathname = url.pathname.slice(basePath.length) || '/';
    return app.fetch(new Request(url, request));
  };
}

/**
 * Calls to `publicUrl` go to `handle` in-process (same Request/Response objects as over HTTP),
 * racing the caller's abort signal so provider timeouts behave as they would on the network.
 */
export function inProcessFetch(
  publicUrl: string,
  handle: (request: Request) => Promise<Response>,
  outbound: FetchFn,
): FetchFn {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(`${publicUrl}/`)) return outbound(input, init);
    const answer = handle(new Request(url, init));
    const signal = init?.signal;
    if (!signal) return answer;
    return new Promise((resolve, reject) => {
      const abort = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      if (signal.aborted) return abort();
      signal.addEventListener('abort', abort, { once: true });
      answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    });
  };
}
