import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamicImports, exportSource, loaderEntry, staticImports } from './module-graph.ts';
import { checkBudgets, KB } from './sizes.ts';

describe('import scanning of built files', () => {
  it('finds minified static imports and re-exports but not dynamic ones', () => {
    const code =
      'import{t as e}from"./chunks/core-A1.js";import"./chunks/side-B2.js";import*as q from`./q.js`;' +
      'export{t as mount}from"./chunks/m-C3.js";export*from"../up.js";import x,{y}from"./xy.js";' +
      'const l=()=>import(`./chunks/okto-cash-D4.js`);import"preact";export{e as other};';
    expect(staticImports(code).sort()).toEqual(
      [
        './chunks/core-A1.js',
        './chunks/side-B2.js',
        './q.js',
        './chunks/m-C3.js',
        '../up.js',
        './xy.js',
      ].sort(),
    );
    expect(dynamicImports(code)).toEqual(['./chunks/okto-cash-D4.js']);
  });

  it('ignores dynamic imports whose specifier is computed (the loader resolves URLs at run time)', () => {
    expect(dynamicImports('import(new URL(`./index.js`,e).href)')).toEqual([]);
    expect(staticImports('import(new URL(`./index.js`,e).href)')).toEqual([]);
  });
});

describe('where the built entry takes `mount` from', () => {
  it('follows one import or re-export to the chunk and its export name', () => {
    const entry =
      'import{t as e,y as t}from"./chunks/mount-A1.js";var n=`0.1.0`;export{t as KassaError,e as mount,n as version};';
    expect(exportSource(entry, 'mount')).toEqual({ from: './chunks/mount-A1.js', name: 't' });
    expect(exportSource(entry, 'KassaError')).toEqual({ from: './chunks/mount-A1.js', name: 'y' });
    expect(exportSource('export{b as KassaError,n as mount}from"./chunks/src-B2.js";', 'mount')).toEqual({
      from: './chunks/src-B2.js',
      name: 'n',
    });
    expect(exportSource('function z(){}export{z as mount};', 'mount')).toEqual({ from: null, name: 'mount' });
    expect(exportSource('export{e as KassaError};', 'mount')).toBeNull();
  });
});

describe('budgets over a built folder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Filler that gzip cannot shrink below ~75% (base64 of random bytes). */
  const noise = (bytes: number) => `/*${randomBytes(bytes).toString('base64')}*/`;

  function build(files: Record<string, string>) {
    dir = mkdtempSync(join(tmpdir(), 'kassa-size-'));
    mkdirSync(join(dir, 'chunks'));
    for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
  }

  it('counts what each way of embedding loads first, and OKTO with its lazy deps', () => {
    build({
      'kassa.js': '(function(){import(new URL(`./chunks/core-A.js`,document.currentScript.src).href)})();',
      'index.js': 'import{t as e}from"./chunks/core-A.js";var v=`1`;export{e as mount,v as version};',
      'element.js': 'import{t}from"./chunks/core-A.js";',
      'chunks/core-A.js':
        'export const t=1;const o=()=>import("./okto-cash-B.js");const l=()=>import("./el-E.js");',
      'chunks/el-E.js': 'export const el=1;',
      'chunks/okto-cash-B.js': 'import"./core-A.js";import"./flow-F.js";const q=()=>import("./qrcode-C.js");',
      'chunks/flow-F.js':
        'import"./core-A.js";const o=()=>import("./okto-cash-B.js"),p=()=>import("./paysafecard-G.js");',
      'chunks/paysafecard-G.js': 'export const p=1;',
      'chunks/qrcode-C.js': 'export const qr=1;',
      'chunks/unrelated-D.js': 'export const u=1;',
    });
    expect(loaderEntry(dir)).toEqual({ file: 'chunks/core-A.js', name: 't', files: ['chunks/core-A.js'] });
    const [script, module, element, okto] = checkBudgets(dir);
    expect(script).toMatchObject({
      name: 'initial load, script tag',
      files: ['chunks/core-A.js', 'kassa.js'],
    });
    expect(module).toMatchObject({
      name: "initial load, import 'kassa'",
      files: ['chunks/core-A.js', 'index.js'],
    });
    expect(element?.files).toEqual(['chunks/core-A.js', 'element.js']);
    // Lazy chunks of the initial load (a locale) are not OKTO's, though OKTO imports the core.
    // The shared flow chunk OKTO needs counts; the other method it can load lazily does not.
    expect(okto?.files).toEqual(['chunks/flow-F.js', 'chunks/okto-cash-B.js', 'chunks/qrcode-C.js']);
    expect(script?.ok && module?.ok && element?.ok && okto?.ok).toBe(true);
  });

  it('fails naming the numbers when the initial load is over 15 KB gzip', () => {
    build({
      'kassa.js': '',
      'index.js': 'import{m as e}from"./chunks/big-A.js";export{e as mount};',
      'element.js': '',
      'chunks/big-A.js': noise(17 * KB),
      'chunks/okto-B.js': '',
    });
    const [script, module, element] = checkBudgets(dir);
    for (const initial of [script, module]) {
      expect(initial?.ok).toBe(false);
      expect(initial?.files).toContain('chunks/big-A.js');
      expect(initial?.error).toMatch(/KB gzip exceeds the 15\.00 KB budget by/);
    }
    expect(element?.ok).toBe(true);
  });

  it('fails when an entry file or the OKTO chunk is missing', () => {
    build({ 'index.js': '', 'element.js': '' });
    const [initial, okto] = checkBudgets(dir);
    expect(initial?.error).toBe('missing entry file(s): kassa.js');
    expect(okto?.error).toMatch(/no lazy chunk named \*okto\*/);
  });
});
