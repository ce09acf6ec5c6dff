/**
 * OCT's environment variables (design §3 env table) and the configuration resolved from them. Sandbox
 * mode: the emulator at `<public url>/sandbox/oct` with its documented credentials, and either the
 * test's own key pair (OCT_PUBLIC_KEY with OCT_SANDBOX_PRIVATE_KEY) or the sandbox pair kept in the
 * database. Live mode: OCT is optional; once any OCT_* variable is set, all of them are required.
 */
import { z } from 'zod';
import type { EnvContext } from '../registry.ts';
import { pemFromEnv, readPrivateKey, readPublicKey } from './keys.ts';

/** OCT_* variables, validated with the rest at start-up. */
export const OctEnv = z.object({
  OCT_ISSUER_URL: z.optional(z.url()),
  OCT_CLIENT_ID: z.optional(z.string().min(1)),
  OCT_CLIENT_SECRET: z.optional(z.string().min(1)),
  OCT_API_URL: z.optional(z.url()),
  // Seed: `terminal_id` is 5 to 20 characters.
  OCT_TERMINAL_ID: z.optional(
    z.string().min(5, 'must be 5 to 20 characters').max(20, 'must be 5 to 20 characters'),
  ),
  OCT_PUBLIC_KEY: z.optional(z.string().min(1)),
  OCT_SANDBOX_PRIVATE_KEY: z.optional(z.string().min(1)),
});

/** Documented sandbox defaults (design §4 "OCT", README "Sandbox"). */
export const SANDBOX_OCT = {
  clientId: 'sandbox-oct-client',
  clientSecret: 'sandbox-oct-secret',
  terminalId: 'TERM001',
} as const;

/** OCT's resolved configuration. */
export interface OctConfig {
  /** The OpenID Connect issuer: discovery is `<issuer>/.well-known/openid-configuration`. */
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The API's base URL (the seed's server, e.g. `https://api.example.com`), without a trailing slash. */
  apiUrl: string;
  terminalId: string;
  /** The SPKI PEM the widget encrypts with; undefined: the sandbox pair kept in the database. */
  publicKey: string | undefined;
  /** Sandbox only: the PKCS#8 PEM the emulator decrypts with (with `publicKey`), else the kept pair's. */
  sandboxPrivateKey: string | undefined;
}

const LIVE_REQUIRED = [
  'OCT_ISSUER_URL',
  'OCT_CLIENT_ID',
  'OCT_CLIENT_SECRET',
  'OCT_API_URL',
  'OCT_TERMINAL_ID',
  'OCT_PUBLIC_KEY',
] as const;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** OCT's configuration, or undefined when this live deployment does not use OCT. */
export function configureOct(e: z.output<typeof OctEnv>, ctx: EnvContext): OctConfig | undefined {
  const { sandbox, publicUrl, problems } = ctx;
  const before = problems.length;
  if (!sandbox) {
    if (LIVE_REQUIRED.every((name) => e[name] === undefined) && !e.OCT_SANDBOX_PRIVATE_KEY) return undefined;
    for (const name of LIVE_REQUIRED)
      if (e[name] === undefined) problems.push(`  ${name}: required in live mode when OCT is used`);
    if (e.OCT_SANDBOX_PRIVATE_KEY)
      problems.push('  OCT_SANDBOX_PRIVATE_KEY: sandbox mode only (the live provider holds the private key)');
  } else if (Boolean(e.OCT_PUBLIC_KEY) !== Boolean(e.OCT_SANDBOX_PRIVATE_KEY)) {
    problems.push(
      '  OCT_PUBLIC_KEY, OCT_SANDBOX_PRIVATE_KEY: set both or neither in sandbox mode (the emulator decrypts with the private key)',
    );
  }
  let publicKey: string | undefined;
  let sandboxPrivateKey: string | undefined;
  if (e.OCT_PUBLIC_KEY) {
    const read = readPublicKey(pemFromEnv(e.OCT_PUBLIC_KEY));
    if ('problem' in read) problems.push(`  OCT_PUBLIC_KEY: ${read.problem}`);
    else {
      publicKey = read.pem;
      if (sandbox && e.OCT_SANDBOX_PRIVATE_KEY) {
        const pem = pemFromEnv(e.OCT_SANDBOX_PRIVATE_KEY);
        const priv = readPrivateKey(pem, read.key);
        if ('problem' in priv) problems.push(`  OCT_SANDBOX_PRIVATE_KEY: ${priv.problem}`);
        else sandboxPrivateKey = pem;
      }
    }
  }
  if (problems.length > before) return undefined;
  const sandboxBase = `${publicUrl}/sandbox/oct`;
  return {
    issuerUrl: trimSlash(e.OCT_ISSUER_URL ?? sandboxBase),
    clientId: e.OCT_CLIENT_ID ?? SANDBOX_OCT.clientId,
    clientSecret: e.OCT_CLIENT_SECRET ?? SANDBOX_OCT.clientSecret,
    apiUrl: trimSlash(e.OCT_API_URL ?? sandboxBase),
    terminalId: e.OCT_TERMINAL_ID ?? SANDBOX_OCT.terminalId,
    publicKey,
    sandboxPrivateKey,
  };
}
