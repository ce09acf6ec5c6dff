// First: zod's `jitless` flag must be set before schemas are built (strict CSP).
import '../contract/zod.ts';
import * as z from 'zod/mini';
import { isSafeCssValue, THEME_KEYS, type Theme } from '../ui/theme.ts';
import { toServerUrl } from './early-request.ts';
import type { KassaEvent } from './events.ts';

/** Options of `mount` (design §2 Embedding). */
export interface MountOptions {
  /** Base URL of the Kassa companion server, e.g. `https://pay.merchant.example`. */
  server: string;
  /** The order's client token from `POST /api/orders`. */
  session: string;
  /** `en` (default), `el`, `it`, `ro` or `ru`; region tags like `el-GR` use their language; others fall back to `en`. */
  locale?: string;
  /** CSS custom-property values, see `Theme`. */
  theme?: Theme;
  /** Called with every event, like `on(type, fn)` for all types. */
  onEvent?: (event: KassaEvent) => void;
}

/** Options after validation, with the server URL resolved. */
export interface ParsedOptions {
  server: URL;
  session: string;
  locale: string | undefined;
  theme: Theme;
  onEvent: ((event: KassaEvent) => void) | undefined;
}

const themeShape = Object.fromEntries(THEME_KEYS.map((key) => [key, z.optional(z.string())]));

// The shape is checked by zod; the few value rules below are plain code, which keeps zod's check
// classes out of the initial bundle (20 KB budget).
const OptionsSchema = z.object({
  server: z.string(),
  session: z.string(),
  locale: z.optional(z.string()),
  theme: z.optional(z.looseObject(themeShape)),
  onEvent: z.optional(z.unknown()),
});

/** Validates `mount` options; on failure names the first bad option (`theme.accent`, `session`, …). */
export function parseOptions(
  input: unknown,
): { ok: true; value: ParsedOptions } | { ok: false; option: string } {
  const result = OptionsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    if (issue?.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
    return { ok: false, option: path.join('.') || 'options' };
  }
  const { session, locale, onEvent } = result.data;
  const theme = (result.data.theme ?? {}) as Theme;
  const server = toServerUrl(result.data.server);
  // Unknown theme keys are refused too (a typo would otherwise be silently ignored).
  const badTheme = Object.entries(theme).find(
    ([key, value]) =>
      !(THEME_KEYS as readonly string[]).includes(key) || typeof value !== 'string' || !isSafeCssValue(value),
  );
  const bad = !server
    ? 'server'
    : !session
      ? 'session'
      : badTheme
        ? `theme.${badTheme[0]}`
        : onEvent !== undefined && typeof onEvent !== 'function'
          ? 'onEvent'
          : null;
  if (bad || !server) return { ok: false, option: bad ?? 'server' };
  return {
    ok: true,
    value: { server, session, locale, theme, onEvent: onEvent as ParsedOptions['onEvent'] },
  };
}
