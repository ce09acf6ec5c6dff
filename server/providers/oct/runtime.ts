/**
 * OCT's runtime (`MethodContext.provider`): the configuration, the client, and the public key the
 * widget encrypts with — the configured one, or in sandbox mode the pair kept in the database (loaded
 * by `prepare` once the store is open, before any request is answered).
 */
import type { MethodContext } from '../../methods/types.ts';
import type { Logger } from '../../types.ts';
import type { RuntimeDeps } from '../registry.ts';
import { createOctClient, type OctClient } from './client.ts';
import type { OctConfig } from './config.ts';
import { readPublicKey, sandboxKeyPair } from './keys.ts';

/** What an OCT method runs with: `ctx.provider` is the runtime. */
export type OctContext = MethodContext<OctRuntime>;

/** What OCT's method needs. */
export interface OctRuntime {
  config: OctConfig;
  client: OctClient;
  log: Logger;
  /** The SPKI PEM the widget encrypts with (`providers.oct.publicKey`). */
  publicKey(): string;
  /** The public key's modulus length in bytes: the length of every ciphertext made with it. */
  ciphertextBytes(): number;
  /** Loads the sandbox key pair from the database when no key is configured. */
  prepare(meta: Parameters<typeof sandboxKeyPair>[0]): Promise<void>;
}

/** Creates the runtime (the OCT module's `createRuntime`). */
export function createOctRuntime(config: OctConfig, deps: RuntimeDeps): OctRuntime {
  let key = config.publicKey === undefined ? undefined : readPublicKey(config.publicKey);
  const loaded = () => {
    if (!key || 'problem' in key) throw new Error('the OCT public key is not loaded yet');
    return key;
  };
  return {
    config,
    client: createOctClient({
      issuerUrl: config.issuerUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      apiUrl: config.apiUrl,
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      log: deps.log,
    }),
    log: deps.log,
    publicKey: () => loaded().pem,
    ciphertextBytes: () => Math.ceil((loaded().key.asymmetricKeyDetails?.modulusLength ?? 0) / 8),
    async prepare(meta) {
      if (key) return;
      key = readPublicKey((await sandboxKeyPair(meta)).publicKey);
    },
  };
}
