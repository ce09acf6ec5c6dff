/**
 * Two library builds into dist/widget (notes/api-for-helpers.md, "Build layout"):
 * - default mode: the ES modules `index.js` and `element.js` with shared and lazy chunks in `chunks/`;
 * - `--mode loader`: `kassa.js`, the classic-script loader, as an IIFE.
 * Vite 8's IIFE output cannot code-split (platform notes), hence the second, tiny build that only
 * `import()`s the ES modules at run time: the chunk that defines `mount` and what it imports, named
 * by the first build's output (so the loader build runs second).
 */
import { basename, dirname } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { loaderEntry } from './scripts/lib/module-graph.ts';

const OUT_DIR = 'dist/widget';

/** `methods/okto-cash/index.ts` would make a chunk called `index`; name it after its folder instead. */
function chunkName(chunk: { name: string; facadeModuleId: string | null }): string {
  const facade = chunk.facadeModuleId?.split('?')[0];
  if (chunk.name === 'index' && facade) return basename(dirname(facade));
  return chunk.name;
}

const shared: UserConfig = {
  // Preact's automatic JSX runtime; Vite 8 transforms TS/JSX with oxc.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // Library mode leaves `process.env.NODE_ENV` alone; dependencies must not see an undefined `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  logLevel: 'warn',
};

const widget: UserConfig = {
  ...shared,
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    lib: {
      entry: { index: 'src/index.ts', element: 'src/element.ts' },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      output: {
        // Readable, cache-friendly names for shared and lazy chunks (the size report and the OKTO
        // budget find chunks by these names).
        chunkFileNames: (chunk) => `chunks/${chunkName(chunk)}-[hash].js`,
        // The picker's static graph stays one chunk (`mount`): with a second lazy chunk imported from it
        // (the picker's search, ui/method-search.tsx), Rolldown split preact and signals-core into chunks
        // of their own although the initial load has them (rolldown/rolldown#10731), about 0.4 KB gzip
        // more of the initial load. The entries stay their own small files (element-define only in
        // `kassa/element`).
        codeSplitting: {
          groups: [
            {
              name: 'mount',
              tags: ['$initial'],
              test: (id) => !/[\\/]src[\\/](index|element(-define)?)\.ts$/.test(id),
            },
          ],
        },
        // ES library output keeps whitespace by default (for consumers' bundlers); these files are
        // also what browsers download from /widget/, and the size budgets are on minified code. Pure
        // annotations go too: the chunks are final code, and they were ~0.15 KB gzip of the initial load.
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
};

/**
 * Tells the loader where `mount` is in the widget build, which runs first: the file and export name,
 * and every file it needs (module-graph.ts `loaderEntry`), so that the loader requests them all at
 * once instead of `index.js` first and then one import level after the other.
 */
function loaderEntryPlugin(): Plugin {
  return {
    name: 'kassa-loader-entry',
    config() {
      const { file, name, files } = loaderEntry(OUT_DIR);
      return { define: { __KASSA_ENTRY__: JSON.stringify({ file, name, files }) } };
    },
  };
}

const loader: UserConfig = {
  ...shared,
  plugins: [loaderEntryPlugin()],
  build: {
    outDir: OUT_DIR,
    // The widget build ran first into the same folder.
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    lib: {
      entry: 'src/loader.ts',
      name: 'Kassa',
      formats: ['iife'],
      fileName: () => 'kassa.js',
    },
  },
};

export default defineConfig(({ mode }) => (mode === 'loader' ? loader : widget));
