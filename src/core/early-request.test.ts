import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from './api.ts';
import { type EarlyRequest, startEarlyRequest } from './early-request.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fetch that answers `answer` and records its calls; `hold` keeps it pending until aborted. */
function stubFetch(answer: () => Response, hold = false) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string | URL, init: RequestInit) => {
      calls.push({ url: String(url), init });
      if (!hold) return Promise.resolve(answer());
      return new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError'))),
      );
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the loader’s early checkout request', () => {
  it('GETs api/checkout below the server URL with the client token, and reads the answer', async () => {
    const calls = stubFetch(() => json({ order: { id: 'ord_1' } }));
    const early = startEarlyRequest({ server: 'https://pay.example/kassa', session: 'tok', locale: 'el' });
    expect(early).toMatchObject({ url: 'https://pay.example/kassa/api/checkout', token: 'tok' });
    expect(calls[0]?.url).toBe('https://pay.example/kassa/api/checkout');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer tok');
    // Never from the HTTP cache (a page Back reloads would get the first visit's checkout).
    expect(calls[0]?.init.cache).toBe('no-store');
    await expect(early?.answer).resolves.toEqual({ ok: true, status: 200, json: { order: { id: 'ord_1' } } });
  });

  it.each([
    [undefined],
    [{ session: 'tok' }],
    [{ server: 'ftp://pay.example', session: 'tok' }],
    [{ server: 'https://pay.example', session: '' }],
    [{ server: 'https://pay.example', session: 42 }],
  ])('starts nothing for options the widget will refuse: %j', (options) => {
    const calls = stubFetch(() => json({}));
    expect(startEarlyRequest(options)).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('starts nothing, and does not throw, for options whose getters throw', () => {
    const calls = stubFetch(() => json({}));
    const options = {
      server: 'https://pay.example',
      get session(): string {
        throw new Error('getter');
      },
    };
    expect(startEarlyRequest(options)).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('never reports an unhandled rejection when nobody takes a failed request', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    startEarlyRequest({ server: 'https://pay.example', session: 'tok' });
    await new Promise((done) => setTimeout(done, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('the API client taking the early request over', () => {
  const SERVER = new URL('https://pay.example/kassa/');
  const start = () =>
    startEarlyRequest({ server: 'https://pay.example/kassa', session: 'tok' }) as EarlyRequest;

  it('answers its first GET of api/checkout from it, and fetches everything after', async () => {
    const calls = stubFetch(() => json({ order: { id: 'ord_1' } }));
    const early = start();
    const api = createApi(SERVER, 'tok', new AbortController().signal, early);
    await expect(api.fetchJson('api/checkout')).resolves.toEqual({ order: { id: 'ord_1' } });
    expect(early.taken).toBe(true);
    expect(calls).toHaveLength(1);
    await api.fetchJson('api/checkout');
    expect(calls).toHaveLength(2);
  });

  it('leaves it alone when the first call is another request (other token, path or a POST)', async () => {
    const calls = stubFetch(() => json({}));
    for (const call of [
      (api: ReturnType<typeof createApi>) => api.fetchJson('api/checkout/status?wait=1'),
      (api: ReturnType<typeof createApi>) => api.fetchJson('api/checkout', {}),
    ]) {
      const early = start();
      await call(createApi(SERVER, 'tok', new AbortController().signal, early));
      expect(early.taken).toBeUndefined();
    }
    const other = start();
    await createApi(SERVER, 'other', new AbortController().signal, other).fetchJson('api/checkout');
    expect(other.taken).toBeUndefined();
    expect(calls).toHaveLength(6);
  });

  it('reports its HTTP errors and failures like its own requests', async () => {
    stubFetch(() => json({ error: { code: 'TOKEN_EXPIRED', message: 'Expired.' } }, 401));
    const expired = createApi(SERVER, 'tok', new AbortController().signal, start());
    await expect(expired.fetchJson('api/checkout')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });

    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const offline = createApi(SERVER, 'tok', new AbortController().signal, start());
    await expect(offline.fetchJson('api/checkout')).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('aborts it on destroy (CANCELLED) and on the call’s timeout (NETWORK)', async () => {
    const calls = stubFetch(() => json({}), true);
    const destroy = new AbortController();
    const early = start();
    const call = createApi(SERVER, 'tok', destroy.signal, early).fetchJson('api/checkout');
    destroy.abort();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls[0]?.init.signal?.aborted).toBe(true);

    vi.useFakeTimers();
    const slow = start();
    const timed = createApi(SERVER, 'tok', new AbortController().signal, slow).fetchJson(
      'api/checkout',
      undefined,
      50,
    );
    const failure = expect(timed).rejects.toMatchObject({ code: 'NETWORK' });
    await vi.advanceTimersByTimeAsync(50);
    await failure;
    expect(calls[1]?.init.signal?.aborted).toBe(true);
  });
});
