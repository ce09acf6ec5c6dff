import { isSafeCssValue, THEME_KEYS, type Theme } from '../ui/theme.ts';
import { toServerUrl } from './early-request.ts';
import type { KassaEvent } from './events.ts';
import { isObject } from './summary.ts';

/** Options of `mount` (design §2 Embedding). */
export interface MountOptions {
  /** Base URL of the Kassa companion server, e.g. `https://pay.merchant.example`. */
  server: string;
  /** The order's client token from `POST /api/orders`. */
  session: string;
  /** A locale tag (`en` default; see `LOCALES`); region tags like `el-GR` use their language; others fall back to `en`. */
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

/**
 * Validates `mount` options; on failure names the first bad option (`theme.accent`, `session`, …).
 * Plain code rather than a zod schema: this runs before the picker appears, and zod's core (~5 KB
 * gzip) would be a third of the initial-load budget (design §5). The rules are few and flat; the
 * server's answers are still checked with the zod contract once a method is chosen (flow.ts).
 */
export function parseOptions(
  input: unknown,
): { ok: true; value: ParsedOptions } | { ok: false; option: string } {
  if (!isObject(input)) return { ok: false, option: 'options' };
  const { server, session, locale, theme = {}, onEvent } = input;
  const url = typeof server === 'string' ? toServerUrl(server) : null;
  const bad = !url
    ? 'server'
    : typeof session !== 'string' || !session
      ? 'session'
      : locale !== undefined && typeof locale !== 'string'
        ? 'locale'
        : (themeProblem(theme) ??
          (onEvent !== undefined && typeof onEvent !== 'function' ? 'onEvent' : null));
  if (bad || !url) return { ok: false, option: bad ?? 'server' };
  return {
    ok: true,
    value: {
      server: url,
      session: session as string,
      locale: locale as string | undefined,
      theme: theme as Theme,
      onEvent: onEvent as ParsedOptions['onEvent'],
    },
  };
}

/** `theme` when it is not an object, `theme.<key>` for an unknown key or an unsafe value, else null. */
function themeProblem(theme: unknown): string | null {
  if (!isObject(theme)) return 'theme';
  const bad = Object.keys(theme).find(
    (key) =>
      !(THEME_KEYS as readonly string[]).includes(key) ||
      typeof theme[key] !== 'string' ||
      !isSafeCssValue(theme[key]),
  );
  return bad === undefined ? null : `theme.${bad}`;
}
