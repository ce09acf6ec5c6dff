/**
 * Environment configuration (design §3 table), validated with zod at start-up.
 * A missing or bad variable produces one clear error naming every offending variable.
 */
import { z } from 'zod';
import { PROVIDERS, type ProviderConfigs } from './providers/index.ts';
import type { AnyProvider } from './providers/registry.ts';
import { storeKind } from './store/kind.ts';

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses `<integer><s|m|h|d>` into milliseconds. */
export function parseDuration(value: string): number {
  const match = DURATION.exec(value);
  if (!match) throw new Error(`bad duration ${value}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const origin = z.url().transform((value) => new URL(value).origin);
const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

/** The providers that can pay out to cards (design §3 env `KASSA_CARD_PAYOUTS`). */
const CARD_PAYOUT_PROVIDERS = ['oct', 'odeon'] as const;
export type CardPayoutProvider = (typeof CARD_PAYOUT_PROVIDERS)[number];

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  KASSA_PUBLIC_URL: z.optional(z.url()),
  KASSA_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
  KASSA_MERCHANT_KEY: z.optional(z.string().min(16, 'must be at least 16 characters')),
  KASSA_SECRET: z.optional(z.string().min(32, 'must be at least 32 characters')),
  // A SQLite file path, or a postgres:// / postgresql:// URL; any other scheme:// is refused here
  // rather than taken for a file name (design §3 env).
  KASSA_DB: z
    .string()
    .min(1)
    .default('./data/kassa.sqlite')
    .superRefine((value, ctx) => {
      try {
        storeKind(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^KASSA_DB: /, '') });
      }
    }),
  KASSA_ORDER_TTL: z.string().regex(DURATION, 'must be <integer><s|m|h|d>, e.g. 24h').default('24h'),
  KASSA_WEBHOOK_URL: z.optional(z.url()),
  KASSA_WEBHOOK_SECRET: z.optional(z.string().min(16, 'must be at least 16 characters')),
  KASSA_ALLOWED_ORIGINS: z.optional(list.pipe(z.array(origin))),
  KASSA_RETURN_ORIGINS: z.optional(list.pipe(z.array(origin))),
  KASSA_TRUST_PROXY: flag.default(false),
  KASSA_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // Shown to shoppers (vouchers, outcome screens), so blank or page-filling values are refused.
  KASSA_MERCHANT_NAME: z.optional(
    z.string().trim().min(1, 'must not be blank').max(100, 'must be at most 100 characters'),
  ),
  KASSA_CARD_PAYOUTS: z.optional(z.enum(CARD_PAYOUT_PROVIDERS)),
});

/** The demo receiver's signing key when sandbox mode has no KASSA_WEBHOOK_SECRET (README "Sandbox"). */
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-webhook-secret';

/** The server's validated configuration. */
export interface Config {
  port: number;
  publicUrl: string;
  origin: string;
  mode: 'sandbox' | 'live';
  merchantKey: string;
  /** Undefined in sandbox mode without KASSA_SECRET: generated once and kept in the database. */
  secret: string | undefined;
  db: string;
  orderTtlMs: number;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** `'*'` allows any origin (sandbox default). */
  allowedOrigins: string[] | '*';
  returnOrigins: string[] | '*';
  trustProxy: boolean;
  providerTimeoutMs: number;
  /** The shop's name shown to shoppers (`KASSA_MERCHANT_NAME`); undefined shows the order's description. */
  merchantName: string | undefined;
  /**
   * Which provider pays out to cards when more than one could (`KASSA_CARD_PAYOUTS`): a payout order
   * offers exactly one card method, this provider's, unless its `methods` names another.
   */
  cardPayouts: CardPayoutProvider;
  /** Each provider's own configuration (its module's `configure`); undefined when not configured. */
  providers: ProviderConfigs;
}

/** Thrown when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates the environment (the core's variables and each provider's) and resolves defaults (sandbox
 * emulators, own origin).
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  providers: readonly AnyProvider[] = PROVIDERS,
): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  // One schema, so one error lists every bad variable, the providers' after the core's.
  const schema = providers.reduce<z.ZodObject>((all, provider) => all.extend(provider.env.shape), Env);
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0] ?? '?')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data as ParsedEnv;
  const sandbox = e.KASSA_MODE === 'sandbox';
  const publicUrl = (e.KASSA_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const problems: string[] = [];
  if (!sandbox) {
    for (const name of ['KASSA_MERCHANT_KEY', 'KASSA_SECRET', 'KASSA_PUBLIC_URL'] as const) {
      if (!e[name]) problems.push(`  ${name}: required in live mode`);
    }
  }
  if (e.KASSA_WEBHOOK_URL && !e.KASSA_WEBHOOK_SECRET)
    problems.push('  KASSA_WEBHOOK_SECRET: required with KASSA_WEBHOOK_URL');
  const context = { sandbox, publicUrl, problems };
  const configs = Object.fromEntries(
    providers.map((provider) => [provider.name, provider.configure(parsed.data, context)]),
  ) as ProviderConfigs;
  const configured = (name: string) => (configs as Record<string, unknown>)[name] !== undefined;
  if (e.KASSA_CARD_PAYOUTS && !configured(e.KASSA_CARD_PAYOUTS))
    problems.push(
      `  KASSA_CARD_PAYOUTS: ${e.KASSA_CARD_PAYOUTS} cannot pay out to cards on this server (it is not configured)`,
    );
  if (problems.length > 0) throw new ConfigError(`Invalid environment:\n${problems.join('\n')}`);
  const ownOrigin = new URL(publicUrl).origin;
  return {
    port: e.PORT,
    publicUrl,
    origin: ownOrigin,
    mode: e.KASSA_MODE,
    merchantKey: e.KASSA_MERCHANT_KEY ?? 'sandbox-merchant-key',
    secret: e.KASSA_SECRET,
    db: e.KASSA_DB,
    orderTtlMs: parseDuration(e.KASSA_ORDER_TTL),
    webhookUrl: e.KASSA_WEBHOOK_URL,
    webhookSecret: e.KASSA_WEBHOOK_SECRET,
    allowedOrigins: e.KASSA_ALLOWED_ORIGINS ?? (sandbox ? '*' : [ownOrigin]),
    returnOrigins: e.KASSA_RETURN_ORIGINS ?? (sandbox ? '*' : [ownOrigin]),
    trustProxy: e.KASSA_TRUST_PROXY,
    providerTimeoutMs: e.KASSA_PROVIDER_TIMEOUT_MS,
    merchantName: e.KASSA_MERCHANT_NAME,
    // Design §3: OCT when it is available, else Odeon.
    cardPayouts: e.KASSA_CARD_PAYOUTS ?? (configured('oct') ? 'oct' : 'odeon'),
    providers: configs,
  };
}

type ParsedEnv = z.infer<typeof Env>;
