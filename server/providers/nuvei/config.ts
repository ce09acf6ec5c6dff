/**
 * Nuvei's environment variables (design §3 env table) and the configuration resolved from them:
 * the sandbox emulator's URLs and documented credentials in sandbox mode, Nuvei's URLs for
 * `NUVEI_ENV` in live mode, where Nuvei is optional (no credentials: not configured).
 */
import { z } from 'zod';
import type { EnvContext } from '../registry.ts';

/** NUVEI_* variables, validated with the rest at start-up. */
export const NuveiEnv = z.object({
  NUVEI_MERCHANT_ID: z.optional(z.string().min(1)),
  NUVEI_MERCHANT_SITE_ID: z.optional(z.string().min(1)),
  NUVEI_SECRET_KEY: z.optional(z.string().min(1)),
  NUVEI_ENV: z.enum(['int', 'prod']).default('int'),
  NUVEI_API_URL: z.optional(
    z.url().refine((value) => value.endsWith('/ppp/api/v1/'), 'must end in /ppp/api/v1/'),
  ),
  NUVEI_SDK_URL: z.optional(z.url()),
  NUVEI_CHECKSUM: z.enum(['sha256', 'md5']).default('sha256'),
});

/** Documented sandbox defaults for Nuvei credentials (README "Sandbox"). */
export const SANDBOX_NUVEI = {
  merchantId: '5400000000000000001',
  merchantSiteId: '100001',
  secretKey: 'sandbox-nuvei-secret-key',
} as const;

/** Nuvei's public URLs per environment (platform notes). */
const NUVEI_URLS = {
  int: 'https://ppp-test.nuvei.com/ppp/api/v1/',
  prod: 'https://secure.safecharge.com/ppp/api/v1/',
} as const;
const NUVEI_SDK = 'https://cdn.safecharge.com/safecharge_resources/v1/websdk/safecharge.js';

/** Nuvei's resolved configuration. */
export interface NuveiConfig {
  merchantId: string;
  merchantSiteId: string;
  secretKey: string;
  env: 'int' | 'prod';
  apiUrl: string;
  sdkUrl: string;
  checksum: 'sha256' | 'md5';
}

/** Nuvei's configuration, or undefined when this live deployment does not use Nuvei. */
export function configureNuvei(e: z.output<typeof NuveiEnv>, ctx: EnvContext): NuveiConfig | undefined {
  const { sandbox, publicUrl, problems } = ctx;
  const credentials = [e.NUVEI_MERCHANT_ID, e.NUVEI_MERCHANT_SITE_ID, e.NUVEI_SECRET_KEY];
  const given = credentials.filter(Boolean).length;
  if (!sandbox && given === 0) return undefined; // Nuvei not used by this live deployment.
  if (given > 0 && given < 3) {
    problems.push('  NUVEI_MERCHANT_ID, NUVEI_MERCHANT_SITE_ID, NUVEI_SECRET_KEY: set all three or none');
    return undefined;
  }
  return {
    merchantId: e.NUVEI_MERCHANT_ID ?? SANDBOX_NUVEI.merchantId,
    merchantSiteId: e.NUVEI_MERCHANT_SITE_ID ?? SANDBOX_NUVEI.merchantSiteId,
    secretKey: e.NUVEI_SECRET_KEY ?? SANDBOX_NUVEI.secretKey,
    env: e.NUVEI_ENV,
    apiUrl: e.NUVEI_API_URL ?? (sandbox ? `${publicUrl}/sandbox/nuvei/ppp/api/v1/` : NUVEI_URLS[e.NUVEI_ENV]),
    sdkUrl: e.NUVEI_SDK_URL ?? (sandbox ? `${publicUrl}/sandbox/nuvei/safecharge.js` : NUVEI_SDK),
    checksum: e.NUVEI_CHECKSUM,
  };
}
