/**
 * OCT's OAuth2 client credentials against a scripted issuer (platform-notes "Crypto"): discovery, the
 * client authentication the issuer supports, the token cached on real time until shortly before
 * `expires_in`, one refresh for concurrent callers, and one retry of authorize after a 401.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../log.ts';
import type { AuthorizeRequest } from './client.ts';
import { createOctClient } from './client.ts';
import { OctError } from './errors.ts';
import { renewAt } from './token.ts';

const ISSUER = 'https://id.oct.test/realms/merchant';
const API = 'https://api.oct.test';

interface Script {
  methods?: string[];
  issuer?: string;
  expiresIn?: number;
  /** Answers authorize; default: APPROVED for any token issued. */
  authorize?: (token: string, n: number) => Response;
  /** Delay of the token answer, so concurrent callers overlap. */
  tokenDelayMs?: number;
}

function issuer(script: Script = {}) {
  const calls: { url: string; headers: Headers; body: string }[] = [];
  let issued = 0;
  let authorized = 0;
  let clock = 1_000_000;
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const body = String(init?.body ?? '');
    calls.push({ url, headers, body });
    if (url === `${ISSUER}/.well-known/openid-configuration`)
      return Response.json({
        issuer: script.issuer ?? ISSUER,
        token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
        ...(script.methods ? { token_endpoint_auth_methods_supported: script.methods } : {}),
      });
    if (url === `${ISSUER}/protocol/openid-connect/token`) {
      if (script.tokenDelayMs) await new Promise((r) => setTimeout(r, script.tokenDelayMs));
      issued += 1;
      return Response.json({
        access_token: `tok-${issued}`,
        token_type: 'bearer',
        expires_in: script.expiresIn ?? 300,
      });
    }
    if (url === `${API}/api/transactions/authorize`) {
      authorized += 1;
      const token = headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      if (script.authorize) return script.authorize(token, authorized);
      return Response.json(answer('APPROVED'));
    }
    return new Response('not found', { status: 404 });
  };
  const client = createOctClient({
    issuerUrl: `${ISSUER}/`,
    clientId: 'client id:1',
    clientSecret: 's€cret&',
    apiUrl: API,
    fetch,
    timeoutMs: 2000,
    log: createLogger({ silent: true }),
    now: () => clock,
  });
  return {
    client,
    calls,
    tokenCalls: () => calls.filter((c) => c.url.endsWith('/token')),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

function answer(status: string) {
  return {
    result: {
      id: 'OcTx1',
      reference: 'tx_1',
      currency: 'EUR',
      amount: 1000,
      status,
      payment_method: { masked: '411111-******-1111', brand: 'VISA' },
    },
    action: null,
    redirect: null,
    form_submit: null,
  };
}

const REQUEST: AuthorizeRequest = {
  reference: 'tx_1',
  terminal_id: 'TERM001',
  description: 'Payout',
  currency: 'EUR',
  amount: 1000,
  transaction_type: 'OCT',
  payment_method: { type: 'card', data: { encrypted_card_number: 'AAAA' } },
  customer: { first_name: 'John' },
};

describe('OCT token: discovery and client authentication', () => {
  it('discovers the token endpoint and authenticates with Basic (form-encoded id and secret) by default', async () => {
    const { client, calls, tokenCalls } = issuer();
    expect(await client.tokens.get()).toBe('tok-1');
    expect(calls[0]?.url).toBe(`${ISSUER}/.well-known/openid-configuration`);
    const [token] = tokenCalls();
    expect(token?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(token?.body).get('grant_type')).toBe('client_credentials');
    expect(token?.body).not.toContain('client_secret');
    const basic = Buffer.from(token?.headers.get('authorization')?.slice(6) ?? '', 'base64').toString();
    expect(basic).toBe('client+id%3A1:s%E2%82%ACcret%26');
  });

  it('sends the credentials in the body when the issuer supports only client_secret_post', async () => {
    const { client, tokenCalls } = issuer({ methods: ['client_secret_post', 'private_key_jwt'] });
    await client.tokens.get();
    const [token] = tokenCalls();
    expect(token?.headers.get('authorization')).toBeNull();
    const form = new URLSearchParams(token?.body);
    expect([form.get('client_id'), form.get('client_secret')]).toEqual(['client id:1', 's€cret&']);
  });

  it('refuses a discovery document of another issuer, and asks again next time', async () => {
    const { client, calls } = issuer({ issuer: 'https://evil.test' });
    await expect(client.tokens.get()).rejects.toMatchObject({ kind: 'malformed', endpoint: 'discovery' });
    await expect(client.tokens.get()).rejects.toBeInstanceOf(OctError);
    // Not cached: each get asks again (the transport retries an idempotent call once: 2 × 2).
    expect(calls.filter((c) => c.url.includes('openid-configuration'))).toHaveLength(4);
  });
});

describe('OCT token: cache and single flight', () => {
  it('keeps the token until shortly before expires_in (real time), then fetches a new one', async () => {
    const { client, tokenCalls, advance } = issuer({ expiresIn: 300 });
    expect(await client.tokens.get()).toBe('tok-1');
    advance(269_000);
    expect(await client.tokens.get()).toBe('tok-1');
    advance(2_000); // 271 s: within the last 30 s
    expect(await client.tokens.get()).toBe('tok-2');
    expect(tokenCalls()).toHaveLength(2);
    expect(renewAt(0, 20)).toBe(18_000); // short lifetimes renew a tenth before
  });

  it('shares one token request among concurrent callers', async () => {
    const { client, tokenCalls, calls } = issuer({ tokenDelayMs: 30 });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => client.tokens.get()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(tokenCalls()).toHaveLength(1);
    expect(calls.filter((c) => c.url.includes('openid-configuration'))).toHaveLength(1);
  });
});

describe('OCT authorize: 401', () => {
  it('drops a refused token and retries once with a fresh one', async () => {
    const { client, tokenCalls } = issuer({
      authorize: (token) =>
        token === 'tok-1'
          ? Response.json({ error: 'Unauthorized' }, { status: 401 })
          : Response.json(answer('APPROVED')),
    });
    expect((await client.authorize(REQUEST)).result.status).toBe('APPROVED');
    expect(tokenCalls()).toHaveLength(2);
  });

  it('shares the refresh when concurrent calls all meet the 401', async () => {
    const { client, tokenCalls } = issuer({
      tokenDelayMs: 20,
      authorize: (token) =>
        token === 'tok-1'
          ? Response.json({ error: 'Unauthorized' }, { status: 401 })
          : Response.json(answer('PENDING')),
    });
    await client.tokens.get();
    const results = await Promise.all(Array.from({ length: 5 }, () => client.authorize(REQUEST)));
    expect(results.map((r) => r.result.status)).toEqual(Array(5).fill('PENDING'));
    expect(tokenCalls()).toHaveLength(2);
  });

  it('gives up after the one retry: an unauthorized OctError', async () => {
    const { client, tokenCalls } = issuer({
      authorize: () => Response.json({ error: 'Unauthorized' }, { status: 401 }),
    });
    const error = await client.authorize(REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OctError);
    expect((error as OctError).unauthorized).toBe(true);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('reads a 422 in the seed shape as a rejection naming its properties', async () => {
    const { client } = issuer({
      authorize: () =>
        Response.json(
          {
            errors: [{ message: 'bad phone', params: ['customer.phone'], property: 'customer.phone' }],
            method: 'POST',
            status: 422,
          },
          { status: 422 },
        ),
    });
    await expect(client.authorize(REQUEST)).rejects.toMatchObject({
      kind: 'rejected',
      errors: [{ property: 'customer.phone', message: 'bad phone' }],
    });
  });
});
