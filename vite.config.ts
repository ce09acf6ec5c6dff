/**
 * Two library builds into dist/widget (notes/api-for-helpers.md, "Build layout"):
 * - default mode: the ES modules `index.js` and `element.js` with shared and lazy chunks in `chunks/`;
 * - `--mode loader`: `kassa.js`, the classic-script loader, as an IIFE.
 * Vite 8's IIFE output cannot code-split (platform notes), hence the second, tiny build that only
 * `import()`s the ES entries at run time.
 */
import { basename, dirname } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

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
        // ES library output keeps whitespace by default (for consumers' bundlers); these files are
        // also what browsers download from /widget/, and the size budgets are on minified code.
        minify: true,
      },
    },
  },
};

const loader: UserConfig = {
  ...shared,
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
