/**
 * The OCT emulator (design §4 "OCT"), mounted at `/sandbox/oct/`:
 * - `GET /.well-known/openid-configuration`: issuer `<public url>/sandbox/oct`, its token endpoint,
 *   client authentication by HTTP Basic or in the body;
 * - `POST /oauth/token`: the client-credentials grant; tokens live 300 s of the sandbox clock;
 * - `POST /api/transactions/authorize`: the bearer token (401 `{"error": "Unauthorized"}` otherwise),
 *   the seed's schema (422 in the seed's shape), the card number decrypted with the sandbox private key
 *   (PKCS#1 v1.5, rsa.ts), the seed's answers by test card (cards.ts).
 * Faults (`POST /sandbox/faults {"provider": "oct"}`) by endpoint: `discovery`, `token`, `authorize`.
 * State is provider records of the server's store (every instance serves the same emulator):
 * `sbx.oct.token` (id = SHA-256 of the token, dueAt = its expiry on the sandbox clock) and `sbx.oct.tx`
 * (id = OCT's transaction id, ref = the merchant's `reference`, unique; the mask, brand and status —
 * never a card number).
 */
import { createHash, createPrivateKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { sandboxKeyPair } from '../../providers/oct/keys.ts';
import type { ProviderSandbox, SandboxDeps } from '../../providers/registry.ts';
import { answerWithFault } from '../faults.ts';
import { type CardFacts, cardFacts } from './cards.ts';
import { decryptPkcs1v15 } from './rsa.ts';
import { type SeedError, validateAuthorize } from './validate.ts';

/** The credentials the emulator accepts (the client's, so a test chooses its own). */
export interface OctSandboxCredentials {
  clientId: string;
  clientSecret: string;
  /** The one terminal configured for OCT. */
  terminalId: string;
}

/** Dependencies of `createOctSandbox`. */
export type OctSandboxDeps = SandboxDeps & {
  credentials: OctSandboxCredentials;
  /** The test's own PKCS#8 PEM (OCT_SANDBOX_PRIVATE_KEY); undefined: the pair kept in the database. */
  privateKey: string | undefined;
};

/** How long a token lives on the sandbox clock (design §4). */
export const OCT_TOKEN_LIFETIME_S = 300;

export const OCT_NS = { token: 'sbx.oct.token', tx: 'sbx.oct.tx' } as const;
/** Expired tokens removed per token issued (more than one a call, so a backlog drains). */
const EXPIRED_BATCH = 20;

/** A transaction as the emulator keeps it. */
export interface OctTxRow extends CardFacts {
  reference: string;
  amount: number;
  currency: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
const randomId = (prefix: string, length: number) =>
  `${prefix}${randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length)}`;

/** The seed's 422 answer. */
const unprocessable = (c: Context, errors: SeedError[]) =>
  c.json({ errors, method: 'POST', status: 422 }, 422);

/** Creates the emulator over the server's store. */
export function createOctSandbox(deps: OctSandboxDeps): ProviderSandbox {
  const { store, clock, credentials } = deps;
  const issuer = `${deps.publicUrl}/sandbox/oct`;
  let key: Promise<KeyObject> | undefined;
  const privateKey = () => {
    key ??= (async () => createPrivateKey(deps.privateKey ?? (await sandboxKeyPair(store)).privateKey))();
    return key;
  };
  const app = new Hono();
  const fault = (c: Context, endpoint: string, answer: () => Promise<Response>) =>
    answerWithFault(
      { faults: deps.faults, providerTimeoutMs: deps.providerTimeoutMs },
      'oct',
      c,
      endpoint,
      '{"result":{"id":',
      answer,
    );

  app.get('/oct/.well-known/openid-configuration', (c) =>
    fault(c, 'discovery', async () =>
      c.json({
        issuer,
        token_endpoint: `${issuer}/oauth/token`,
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        grant_types_supported: ['client_credentials'],
        response_types_supported: ['token'],
      }),
    ),
  );

  app.post('/oct/oauth/token', (c) =>
    fault(c, 'token', async () => {
      const form = new URLSearchParams(await c.req.text());
      // RFC 6749 §2.3.1: HTTP Basic (id and secret form-encoded) or the body's client_id/client_secret.
      let id = form.get('client_id') ?? '';
      let secret = form.get('client_secret') ?? '';
      const basic = /^Basic\s+(.+)$/i.exec(c.req.header('Authorization') ?? '');
      if (basic?.[1]) {
        const pair = Buffer.from(basic[1], 'base64').toString('utf8');
        const colon = pair.indexOf(':');
        const decode = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '));
        try {
          id = decode(pair.slice(0, colon));
          secret = decode(pair.slice(colon + 1));
        } catch {
          id = '';
        }
      }
      if (!sameText(id, credentials.clientId) || !sameText(secret, credentials.clientSecret))
        return c.json({ error: 'invalid_client' }, 401, { 'WWW-Authenticate': 'Basic realm="oct"' });
      if (form.get('grant_type') !== 'client_credentials')
        return c.json({ error: 'unsupported_grant_type' }, 400);
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      // Tokens past their time answer 401 anyway: each new one takes a batch of them away, so the
      // table stays bounded however long the sandbox runs.
      const expired = await store.records.list(OCT_NS.token, { dueAtMost: now }, { limit: EXPIRED_BATCH });
      for (const record of expired) await store.records.remove(OCT_NS.token, record.id);
      await store.records.insert(
        OCT_NS.token,
        { id: sha256(token), data: { clientId: id }, dueAt: now + OCT_TOKEN_LIFETIME_S * 1000 },
        now,
      );
      return c.json({ access_token: token, token_type: 'Bearer', expires_in: OCT_TOKEN_LIFETIME_S }, 200, {
        'Cache-Control': 'no-store',
      });
    }),
  );

  app.post('/oct/api/transactions/authorize', (c) =>
    fault(c, 'authorize', async () => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
      const held = bearer ? await store.records.get(OCT_NS.token, sha256(bearer)) : undefined;
      if (!held || (held.dueAt ?? 0) <= clock.now()) return c.json({ error: 'Unauthorized' }, 401);
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return unprocessable(c, [{ message: 'The body is not valid JSON', params: [], property: 'body' }]);
      }
      const errors = validateAuthorize(body, credentials.terminalId);
      if (errors.length > 0) return unprocessable(c, errors);
      const request = body as {
        reference: string;
        terminal_id: string;
        description: string;
        currency: string;
        amount: number;
        payment_method: { data: { encrypted_card_number: string } };
        customer: Record<string, unknown>;
      };
      const encrypted = request.payment_method.data.encrypted_card_number;
      const plain = /^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)
        ? decryptPkcs1v15(await privateKey(), Buffer.from(encrypted, 'base64'))
        : undefined;
      const card = plain ? cardFacts(plain.toString('latin1')) : undefined;
      plain?.fill(0);
      if (!card) {
        const property = 'payment_method.data.encrypted_card_number';
        return unprocessable(c, [
          {
            message: `"${property}" could not be decrypted to a card number with the merchant's key`,
            params: [property],
            property,
          },
        ]);
      }
      const id = randomId('OcTx', 16);
      const row: OctTxRow = {
        ...card,
        reference: request.reference,
        amount: request.amount,
        currency: request.currency,
      };
      const inserted = await store.records.insert(
        OCT_NS.tx,
        { id, ref: request.reference, status: card.status, data: row },
        clock.now(),
      );
      if (!inserted)
        return unprocessable(c, [
          { message: 'The "reference" has been used before', params: ['reference'], property: 'reference' },
        ]);
      const approved = card.status === 'APPROVED';
      return c.json({
        result: {
          id,
          merchant_id: '0000000000000fpg-sandbox',
          order_id: randomId('ORD_OCT_', 12),
          terminal_id: request.terminal_id,
          reference: request.reference,
          description: request.description,
          currency: request.currency,
          amount: request.amount,
          customer: { ...request.customer, id: request.customer.id ?? null },
          processing_result: {
            payment_provider_id: 'PP_SANDBOX',
            payment_provider_account_id: 'PPACCT_SANDBOX',
            approval_code: approved ? randomId('AUTH', 6) : null,
            reference_number: card.status === 'DECLINED' ? null : randomId('REF_OCT_', 8),
          },
          approved,
          pending: card.status === 'PENDING',
          channel: 'ecommerce',
          transaction_type: 'OCT',
          status: card.status,
          payment_method: {
            method: card.masked,
            hash: null,
            type: 'card',
            brand: card.brand,
            masked: card.masked,
            token: null,
          },
          redirect_url: null,
          normalized_amount: request.amount,
          errors: [],
        },
        action: null,
        redirect: null,
        form_submit: null,
      });
    }),
  );

  app.onError((error, c) => {
    deps.log.error('sandbox oct error', { path: c.req.path, error: error.message });
    return c.json({ error: 'Sandbox error' }, 500);
  });

  return {
    app,
    start: () => undefined,
    stop: () => undefined,
    flush: async () => undefined,
    shiftSchedule: async () => undefined,
  };
}
