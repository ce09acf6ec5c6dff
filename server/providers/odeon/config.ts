/**
 * OdeonPay's environment variables (design §3 env table) and the configuration resolved from them: the
 * sandbox emulator's URLs and documented credentials in sandbox mode, Odeon's own URLs in live mode,
 * where Odeon is optional (no credentials: not configured).
 */
import { z } from 'zod';
import { CardFlow } from '../../../src/contract/schemas.ts';
import type { EnvContext } from '../registry.ts';

/** ODEON_* variables, validated with the rest at start-up. */
export const OdeonEnv = z.object({
  ODEON_PUBLIC_ID: z.optional(z.string().min(1)),
  ODEON_API_SECRET: z.optional(z.string().min(1)),
  ODEON_SIGNATURE_KEY: z.optional(z.string().min(1)),
  ODEON_API_URL: z.optional(z.url()),
  ODEON_WIDGET_URL: z.optional(z.url()),
  ODEON_CARD_FLOW: z.optional(z.enum(CardFlow.options)),
});

/** Documented sandbox defaults for Odeon credentials (design §4, README "Sandbox"). */
export const SANDBOX_ODEON = {
  publicId: 'pbid_sandbox',
  apiSecret: 'sandbox-odeon-secret',
  signatureKey: 'sandbox-odeon-signature',
} as const;

/** Odeon's public URLs (seed "API", "Widget Installation"). */
const ODEON_API = 'https://api.odeonpay.com/';
const ODEON_WIDGET = 'https://widgetui.odeonpay.com/assets/js/payment.js';

/** Odeon's resolved configuration. */
export interface OdeonConfig {
  publicId: string;
  apiSecret: string;
  /** Set: requests carry `Content-HMAC` (seed "Request Signature Validation"). */
  signatureKey: string | undefined;
  apiUrl: string;
  widgetUrl: string;
  cardFlow: CardFlow;
  /** KASSA_MODE is `sandbox`: the APM test types 1 and 2 are offered (design §3 "Odeon APMs"). */
  sandbox: boolean;
}

/** Odeon's configuration, or undefined when this live deployment does not use Odeon. */
export function configureOdeon(e: z.output<typeof OdeonEnv>, ctx: EnvContext): OdeonConfig | undefined {
  const { sandbox, publicUrl, problems } = ctx;
  const given = [e.ODEON_PUBLIC_ID, e.ODEON_API_SECRET].filter(Boolean).length;
  if (!sandbox && given === 0) return undefined; // Odeon not used by this live deployment.
  if (given === 1) {
    problems.push('  ODEON_PUBLIC_ID, ODEON_API_SECRET: set both or neither');
    return undefined;
  }
  return {
    publicId: e.ODEON_PUBLIC_ID ?? SANDBOX_ODEON.publicId,
    apiSecret: e.ODEON_API_SECRET ?? SANDBOX_ODEON.apiSecret,
    // In sandbox mode the documented signature key is the default, so the sandbox signs as live would.
    signatureKey: e.ODEON_SIGNATURE_KEY ?? (sandbox && given === 0 ? SANDBOX_ODEON.signatureKey : undefined),
    apiUrl: e.ODEON_API_URL ?? (sandbox ? `${publicUrl}/sandbox/odeon/` : ODEON_API),
    widgetUrl: e.ODEON_WIDGET_URL ?? (sandbox ? `${publicUrl}/sandbox/odeon/payment.js` : ODEON_WIDGET),
    cardFlow: e.ODEON_CARD_FLOW ?? 'widget',
    sandbox,
  };
}
