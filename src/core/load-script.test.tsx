import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadScript } from './load-script.ts';

let appended: HTMLScriptElement[] = [];
// happy-dom does not run script files; keep appended scripts here and fire load/error by hand.
beforeEach(() => {
  appended = [];
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
    for (const node of nodes) {
      const script = node as HTMLScriptElement;
      script.remove = () => {
        script.dataset.removed = 'true';
      };
      appended.push(script);
    }
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  for (const script of document.querySelectorAll('script[nonce]')) script.remove();
});

describe('the provider SDK script loader', () => {
  it('appends one async <script src> per URL and shares its promise', async () => {
    const url = 'https://pay.example/sdk/one.js';
    const first = loadScript(url);
    expect(loadScript(url)).toBe(first);
    expect(appended).toHaveLength(1);
    expect(appended[0]?.src).toBe(url);
    expect(appended[0]?.async).toBe(true);
    appended[0]?.dispatchEvent(new Event('load'));
    await expect(first).resolves.toBeUndefined();
    expect(loadScript(url)).toBe(first);
  });

  it('loads nothing when the script has already done its work', async () => {
    await expect(
      loadScript('https://pay.example/sdk/ready.js', { ready: () => true }),
    ).resolves.toBeUndefined();
    expect(appended).toHaveLength(0);
  });

  it('rejects with PROVIDER when the script loads but defines nothing', async () => {
    const loading = loadScript('https://pay.example/sdk/empty.js', { ready: () => false });
    appended[0]?.dispatchEvent(new Event('load'));
    await expect(loading).rejects.toMatchObject({ code: 'PROVIDER' });
    expect(appended[0]?.dataset.removed).toBe('true');
  });

  it('gives up after the timeout, removes the element and lets a later call try again', async () => {
    vi.useFakeTimers();
    const url = 'https://pay.example/sdk/slow.js';
    const slow = loadScript(url, { timeoutMs: 1_000 });
    const failure = expect(slow).rejects.toMatchObject({ code: 'PROVIDER' });
    await vi.advanceTimersByTimeAsync(1_000);
    await failure;
    expect(appended[0]?.dataset.removed).toBe('true');
    const retry = loadScript(url);
    expect(retry).not.toBe(slow);
    expect(appended).toHaveLength(2);
    appended[1]?.dispatchEvent(new Event('load'));
    await expect(retry).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('carries the page’s script nonce (a nonce-based CSP), and none when the page has none', async () => {
    loadScript('https://pay.example/sdk/plain.js').catch(() => {});
    expect(appended[0]?.nonce || undefined).toBeUndefined();
    const page = document.createElement('script');
    page.setAttribute('nonce', 'n0nce');
    document.body.append(page);
    loadScript('https://pay.example/sdk/nonce.js').catch(() => {});
    expect(appended[1]?.nonce).toBe('n0nce');
  });
});
