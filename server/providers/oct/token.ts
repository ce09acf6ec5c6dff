/**
 * OAuth2 client credentials for OCT (seed "Access Token": OpenID Connect with the merchant's client
 * id and secret; platform-notes "Crypto"): issuer discovery, `grant_type=client_credentials`
 * form-encoded, HTTP Basic or `client_secret_post` as the issuer's
 * `token_endpoint_auth_methods_supported` says, the token cached until shortly before `expires_in`,
 * and one refresh at a time shared by every caller (single flight).
 *
 * The cache runs on real time (`now`, default Date.now), never the sandbox clock: the provider's clock
 * is its own. In sandbox mode the emulator expires tokens on the sandbox clock, so after
 * `POST /sandbox/clock` a cached token is refused with a 401; the client then drops it (`invalidate`)
 * and retries once with a fresh one — the same path a live token revoked early takes.
 */
import type { Send } from '../transport.ts';
import { OctError } from './errors.ts';
import { Discovery, TokenAnswer } from './schemas.ts';

/** What the token source needs. */
export interface TokenSourceOptions {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  send: Send;
  /** Real time in milliseconds (tests inject their own). */
  now?: () => number;
}

/** Bearer tokens for OCT calls. */
export interface TokenSource {
  /** A valid token: the cached one, or a fresh one (one request shared by concurrent callers). */
  get(): Promise<string>;
  /** Forgets `token` after OCT refused it (a token fetched meanwhile is kept). */
  invalidate(token: string): void;
}

/** Without `expires_in`, a token is used for this long. */
const DEFAULT_LIFETIME_S = 60;
/** A token is renewed this long before it expires (at most a tenth of its lifetime). */
const RENEW_MARGIN_S = 30;

/** When to stop using a token obtained at `obtainedAt` that lives `expiresIn` seconds. */
export function renewAt(obtainedAt: number, expiresIn: number | undefined): number {
  const lifetime = expiresIn ?? DEFAULT_LIFETIME_S;
  return obtainedAt + (lifetime - Math.min(RENEW_MARGIN_S, lifetime / 10)) * 1000;
}

const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

function parseWith<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, endpoint: string) {
  return (json: unknown): T => {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new OctError('malformed', endpoint);
    return parsed.data as T;
  };
}

/** Creates the token source of one OCT configuration. */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const { clientId, clientSecret, send } = options;
  const now = options.now ?? Date.now;
  const issuer = options.issuerUrl.replace(/\/+$/, '');
  let discovery: Promise<Discovery> | undefined;
  let cached: { token: string; until: number } | undefined;
  let inflight: Promise<string> | undefined;

  const discover = (): Promise<Discovery> => {
    discovery ??= send(
      {
        endpoint: 'discovery',
        url: `${issuer}/.well-known/openid-configuration`,
        method: 'GET',
        idempotent: true,
      },
      (json) => {
        const doc = parseWith<Discovery>(Discovery, 'discovery')(json);
        // OpenID Connect Discovery §4.3: the document's issuer is the one it was fetched for.
        if (doc.issuer.replace(/\/+$/, '') !== issuer) throw new OctError('malformed', 'discovery');
        return doc;
      },
    ).catch((error: unknown) => {
      discovery = undefined; // a failed discovery is tried again on the next call
      throw error;
    });
    return discovery;
  };

  const fetchToken = async (): Promise<string> => {
    const doc = await discover();
    const methods = doc.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    const basic = methods.includes('client_secret_basic') || !methods.includes('client_secret_post');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (basic) {
      // RFC 6749 §2.3.1: id and secret form-encoded, then Basic.
      const pair = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
      headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    }
    const obtainedAt = now();
    const answer = await send(
      {
        endpoint: 'token',
        url: doc.token_endpoint,
        headers,
        body: form.toString(),
        idempotent: true,
        logFields: { auth: basic ? 'client_secret_basic' : 'client_secret_post' },
        logAnswer: (raw) => ({ expiresIn: (raw as { expires_in?: unknown }).expires_in }),
      },
      parseWith<TokenAnswer>(TokenAnswer, 'token'),
    );
    cached = { token: answer.access_token, until: renewAt(obtainedAt, answer.expires_in) };
    return answer.access_token;
  };

  return {
    get() {
      if (cached && now() < cached.until) return Promise.resolve(cached.token);
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
