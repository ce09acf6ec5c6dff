import { describe, expect, it } from 'vitest';

// Server-side rendering imports the package in Node: no window, document or HTMLElement there.
describe('importing the widget in Node', () => {
  it('has no browser globals to rely on in this test', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    expect(typeof HTMLElement).toBe('undefined');
  });

  it('imports the public entry and pins its named exports', async () => {
    const api = await import('./index.ts');
    expect(Object.keys(api).sort()).toEqual(['KassaError', 'mount', 'version']);
    expect(api.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('imports the custom-element entry without defining anything', async () => {
    const element = await import('./element.ts');
    expect(() => element.defineKassaElement()).not.toThrow();
    expect(element.KASSA_ELEMENT_TAG).toBe('kassa-checkout');
  });

  it('imports the loader without touching globals', async () => {
    await expect(import('./loader.ts')).resolves.toBeDefined();
  });

  it('mount in Node never throws: it reports the missing target as a CONFIGURATION error event', async () => {
    const { mount } = await import('./index.ts');
    const handle = mount('#checkout', { server: 'https://pay.example', session: 't' });
    const events: unknown[] = [];
    handle.on('error', (event) => events.push(event));
    await Promise.resolve();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'error',
        code: 'CONFIGURATION',
        option: 'target',
        orderId: null,
        method: null,
      }),
    ]);
    expect(() => handle.destroy()).not.toThrow();
  });

  it('keeps the version equal to package.json', async () => {
    const { readFileSync } = await import('node:fs');
    const { version } = await import('./index.ts');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(version).toBe(pkg.version);
  });
});
