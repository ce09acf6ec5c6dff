import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi, httpError, REQUEST_TIMEOUT_MS } from './api.ts';
import { fetchStatus, parseAction, startAttempt } from './api-calls.ts';
import { KassaError } from './errors.ts';

const SERVER = new URL('https://pay.example/kassa/');

function stubFetch(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: URL, init: RequestInit) => {
      calls.push({ url: String(url), init });
      return Promise.resolve(answer(String(url), init));
    }),
  );
  return calls;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('API client', () => {
  it('sends the client token as a Bearer header, GETs without a body and POSTs JSON', async () => {
    const calls = stubFetch(() => json({ type: 'done', status: 'succeeded' }));
    const api = createApi(SERVER, 'tok', new AbortController().signal);
    await api.fetchJson('api/checkout');
    await startAttempt(api, { method: 'okto-cash', fields: { email: 'a@b.co' } });
    expect(calls[0]?.url).toBe('https://pay.example/kassa/api/checkout');
    expect(calls[0]?.init).toMatchObject({ method: 'GET', body: null, cache: 'no-store' });
    const header = (index: number, name: string) => new Headers(calls[index]?.init.headers).get(name);
    expect(header(0, 'authorization')).toBe('Bearer tok');
    expect(calls[1]?.init).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ method: 'okto-cash', fields: { email: 'a@b.co' } }),
    });
    expect(header(1, 'content-type')).toBe('application/json');
  });

  it('long-polls the status with wait and the last version as since', async () => {
    const calls = stubFetch(() => json({ status: 'pending', version: 'v2' }));
    const api = createApi(SERVER, 'tok', new AbortController().signal);
    expect(await fetchStatus(api, 25, 'v1')).toEqual({ status: 'pending', version: 'v2' });
    expect(calls[0]?.url).toBe('https://pay.example/kassa/api/checkout/status?wait=25&since=v1');
  });

  it('times out a call that takes too long as NETWORK', async () => {
    vi.useFakeTimers();
    stubFetch(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError'))),
        ),
    );
    const call = createApi(SERVER, 'tok', new AbortController().signal).fetchJson('api/checkout');
    const failure = expect(call).rejects.toMatchObject({ code: 'NETWORK' });
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    await failure;
  });

  it('cancels pending calls when the widget is destroyed, as CANCELLED', async () => {
    stubFetch(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError'))),
        ),
    );
    const destroy = new AbortController();
    const call = createApi(SERVER, 'tok', destroy.signal).fetchJson('api/checkout');
    destroy.abort();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('reports an unreachable server as NETWORK', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createApi(SERVER, 't', new AbortController().signal).fetchJson('x')).rejects.toMatchObject({
      code: 'NETWORK',
    });
  });

  it('maps error answers to KassaError codes', () => {
    const body = (code: string, fields?: unknown) => ({
      error: { code, message: `${code} message`, fields },
    });
    const validation = httpError(400, body('VALIDATION', [{ path: 'fields.email', message: 'bad' }]));
    expect(validation).toBeInstanceOf(KassaError);
    expect(validation).toMatchObject({ code: 'VALIDATION', message: 'VALIDATION message' });
    expect(validation.fields).toEqual([{ path: 'fields.email', message: 'bad' }]);
    expect(httpError(401, body('TOKEN_EXPIRED')).code).toBe('TOKEN_EXPIRED');
    expect(httpError(401, body('UNAUTHORIZED'))).toMatchObject({ code: 'CONFIGURATION', option: 'session' });
    expect(httpError(502, body('PROVIDER_ERROR')).code).toBe('PROVIDER');
    expect(httpError(504, body('PROVIDER_TIMEOUT')).code).toBe('PROVIDER');
    expect(httpError(503, 'gateway html').code).toBe('NETWORK');
    expect(httpError(500, body('INTERNAL')).code).toBe('INTERNAL');
    expect(httpError(409, body('ORDER_CLOSED')).code).toBe('INTERNAL');
  });

  it('parses next actions by their variant and refuses unknown or malformed ones', () => {
    const voucher = {
      type: 'voucher',
      payCode: '(415)5412345678908(3902)001000(8020)1234567890',
      format: 'qr',
      alternateFormat: 'gs1-128',
      storeLocatorUrl: 'https://okto.example/stores',
      expiresAt: '2026-11-23T00:00:00.000Z',
      amount: '10.00',
      currency: 'EUR',
    };
    expect(parseAction(voucher)).toEqual(voucher);
    expect(
      parseAction({ type: 'form-post', url: 'https://acs.example', fields: { PaReq: 'x', MD: 'y' } }),
    ).toMatchObject({
      fields: { PaReq: 'x', MD: 'y' },
    });
    expect(() =>
      parseAction({ type: 'form-post', url: 'https://acs.example', fields: { PaReq: 1 } }),
    ).toThrow(KassaError);
    expect(() => parseAction({ type: 'teleport' })).toThrow(KassaError);
    expect(() => parseAction({ ...voucher, format: 'png' })).toThrow(KassaError);
  });
});
