/**
 * The widget's first request, `GET api/checkout`, started by the script-tag loader as soon as
 * `Kassa.mount` is called (or `<kassa-checkout>` connects), so that it runs while the widget's code
 * is still downloading instead of after it. The widget's API client takes it over (api.ts) when its
 * first call is that very request; until then the loader owns it and aborts it on `destroy()` or
 * when the widget did not take it (e.g. bad options). No dependencies: the loader bundles this file.
 */

/** An HTTP answer read to its end: the status and the JSON body (undefined when it is not JSON). */
export interface Answer {
  ok: boolean;
  status: number;
  json: unknown;
}

/** Reads a response's body as JSON (a body that is not JSON gives undefined; the status decides). */
export const readAnswer = (response: Response): Promise<Answer> =>
  response
    .json()
    .catch(() => undefined)
    .then((json: unknown) => ({ ok: response.ok, status: response.status, json }));

/** A request in flight, handed from the loader to the widget. */
export interface EarlyRequest {
  /** Absolute URL of the request and the client token it carries: only the same call may take it. */
  readonly url: string;
  readonly token: string;
  /** The answer, body included: read as soon as it arrives, while the widget's code may still load. */
  readonly answer: Promise<Answer>;
  abort(): void;
  /** Set by the API client that took the request over; the loader then leaves it alone. */
  taken?: boolean;
}

/** Path of the checkout summary, relative to the server URL. */
export const CHECKOUT_PATH = 'api/checkout';

/**
 * Cache mode of every widget API call. Answers are live state, and a page that Back reloads loads its
 * subresources from the HTTP cache when it can (Chromium, before the page's load event): without
 * this, the loader's early request got the first visit's stale checkout.
 */
export const NO_STORE: RequestCache = 'no-store';

/** Headers of every widget API call: the client token and JSON. */
export const authHeaders = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  accept: 'application/json',
});

/**
 * The `server` option as the base URL of the API (http or https, always ending in `/` so that a path
 * prefix is kept, no query or fragment), or null. Relative values resolve against the page, so
 * `server: '/'` works when the widget is same-origin.
 */
export function toServerUrl(value: string): URL | null {
  try {
    const url = new URL(value, globalThis.location?.href);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = '';
    url.hash = '';
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Starts `GET api/checkout` for `mount` options that name a usable server and a session; returns
 * undefined (and starts nothing) otherwise: the widget will then report the bad option itself.
 */
export function startEarlyRequest(options: unknown): EarlyRequest | undefined {
  try {
    const { server, session } = (options ?? {}) as { server?: unknown; session?: unknown };
    const base = typeof server === 'string' ? toServerUrl(server) : null;
    if (!base || typeof session !== 'string' || !session) return undefined;
    const url = new URL(CHECKOUT_PATH, base).href;
    const controller = new AbortController();
    const init = { headers: authHeaders(session), cache: NO_STORE, signal: controller.signal };
    const answer = fetch(url, init).then(readAnswer);
    // The API client that takes the request handles its failure; one nobody takes is only aborted.
    answer.catch(() => {});
    return { url, token: session, answer, abort: () => controller.abort() };
  } catch {
    // Options with throwing getters, no fetch: the widget makes the request (or reports) itself.
    return undefined;
  }
}
