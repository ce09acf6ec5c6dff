import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSafeCharge, loadNuveiSdk, type SafeChargeFactory } from './sdk.ts';

const URL_A = 'https://pay.example/sandbox/nuvei/safecharge.js';
let appended: HTMLScriptElement[] = [];
// happy-dom does not run script files; keep appended scripts here and fire load/error by hand.
const scripts = () => appended.filter((script) => script.src === URL_A && !script.dataset.removed);

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
  delete (window as { SafeCharge?: unknown }).SafeCharge;
});

describe('loading the Nuvei Web SDK', () => {
  it('appends one plain <script src> to document.head and resolves once SafeCharge exists', async () => {
    const first = loadNuveiSdk(URL_A);
    const second = loadNuveiSdk(URL_A);
    expect(second).toBe(first);
    const [script] = scripts();
    expect(scripts()).toHaveLength(1);
    expect(script?.tagName).toBe('SCRIPT');
    expect(script?.src).toBe(URL_A);
    expect(script?.getAttribute('nonce')).toBeNull();
    (window as { SafeCharge?: SafeChargeFactory }).SafeCharge = () => ({ createPayment() {} });
    script?.dispatchEvent(new Event('load'));
    await expect(first).resolves.toBeUndefined();
  });

  it('rejects with PROVIDER when the script fails, and lets a later call try again', async () => {
    const url = 'https://pay.example/other/safecharge.js';
    const failing = loadNuveiSdk(url);
    appended[0]?.dispatchEvent(new Event('error'));
    await expect(failing).rejects.toMatchObject({ code: 'PROVIDER' });
    expect(appended[0]?.dataset.removed).toBe('true');
    const retry = loadNuveiSdk(url);
    expect(retry).not.toBe(failing);
    expect(appended).toHaveLength(2);
    retry.catch(() => {});
  });

  it('creates a new SafeCharge instance per session token with the public settings', () => {
    const configs: unknown[] = [];
    (window as { SafeCharge?: SafeChargeFactory }).SafeCharge = (config) => {
      configs.push(config);
      return { createPayment() {} };
    };
    const settings = { merchantId: 'm', merchantSiteId: 's', env: 'int', sdkUrl: URL_A } as const;
    createSafeCharge(settings, 'one');
    createSafeCharge(settings, 'two');
    expect(configs).toEqual([
      { sessionToken: 'one', env: 'int', merchantId: 'm', merchantSiteId: 's' },
      { sessionToken: 'two', env: 'int', merchantId: 'm', merchantSiteId: 's' },
    ]);
  });
});
