import { KassaError } from './errors.ts';

/** How long a provider SDK script may take to load before the attempt fails with `PROVIDER`. */
export const SCRIPT_TIMEOUT_MS = 20_000;

/** How to load one provider SDK script. */
export interface LoadScriptOptions {
  /**
   * True once the script has done its work (e.g. the global it defines exists). Checked first, so a
   * script the page already loaded is not loaded twice, and after `load`: a script that ran but
   * defined nothing is a failure.
   */
  ready?: () => boolean;
  /** Gives up after this long (default `SCRIPT_TIMEOUT_MS`). */
  timeoutMs?: number;
}

const loading = new Map<string, Promise<void>>();

/**
 * The script loader for provider SDKs (issue 9): one plain `<script src async>` in `document.head`
 * per URL, its promise shared by every caller. Nothing inline and no `eval`, so a strict CSP needs
 * only the URL's origin in `script-src`; on pages that use nonces the script carries the page's
 * nonce (browsers hide it from `getAttribute`, but the `nonce` property reads it). A failed or timed
 * out load removes its element and is forgotten, so a later call (the shopper's "Try again") loads
 * it anew. Failures are `PROVIDER` errors: the provider's side could not be reached.
 */
export function loadScript(url: string, options: LoadScriptOptions = {}): Promise<void> {
  const { ready, timeoutMs = SCRIPT_TIMEOUT_MS } = options;
  if (ready?.()) return Promise.resolve();
  let pending = loading.get(url);
  if (pending) return pending;
  pending = new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    const fail = (message: string) => {
      finish();
      loading.delete(url);
      script.remove();
      reject(new KassaError('PROVIDER', message));
    };
    const finish = () => {
      clearTimeout(timer);
      script.onload = null;
      script.onerror = null;
    };
    const timer = setTimeout(() => fail('The payment provider took too long to load.'), timeoutMs);
    script.onload = () => {
      if (ready && !ready()) return fail('The payment provider could not be loaded.');
      finish();
      resolve();
    };
    script.onerror = () => fail('The payment provider could not be loaded.');
    const nonce = pageNonce();
    if (nonce) script.nonce = nonce;
    script.src = url;
    script.async = true;
    document.head.append(script);
  });
  loading.set(url, pending);
  return pending;
}

/** The nonce of the page's scripts, if it uses one (a nonce-based CSP without 'strict-dynamic'). */
function pageNonce(): string {
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[nonce]');
  return script?.nonce || script?.getAttribute('nonce') || '';
}
