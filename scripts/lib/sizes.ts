/**
 * Sizes and budgets of the built widget (issue 2, item 9): raw, gzip and brotli of every file in
 * dist/widget; the initial load (what a page loads before a method is chosen, for each way of
 * embedding) and the lazy OKTO chunks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { closure, listJsFiles, loaderEntry, type ModuleGraph, readGraph } from './module-graph.ts';

export const KB = 1024;
/** Design §5: the initial load of each way of embedding, gzip level 9 (issue 7 lowered it from 20 KB). */
export const INITIAL_BUDGET_GZIP = 15 * KB;
/**
 * What OKTO Cash adds once chosen: the flow chunk and the voucher with qrcode and jsbarcode. 32 KB
 * since issue 7 moved preact/hooks and the Preact integration of signals (about 2.4 KB gzip) out of
 * the initial load into the flow chunk.
 */
export const OKTO_BUDGET_GZIP = 32 * KB;

/** The files a page starts from, one per way of embedding (design §2, Embedding). */
export const INITIAL_ROOTS = ['kassa.js', 'index.js', 'element.js'];
/**
 * OKTO's chunks by name: its voucher's, and since issue 9 its provider's (the Nuvei chunk with the pay
 * step, which OKTO needs before its voucher and which lazily imports the voucher).
 */
const OKTO_NAME = /(^|\/)[^/]*(okto|nuvei)[^/]*\.js$/i;

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** Raw, gzip (level 9) and brotli (quality 11) sizes of one buffer. */
export function measure(file: string, data: Buffer): FileSize {
  const brotli = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  return { file, raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotli.length };
}

/** Sizes of every .js file in `dir` (the widget's output has no other assets: CSS is inlined). */
export function measureDir(dir: string): FileSize[] {
  return listJsFiles(dir).map((file) => measure(file, readFileSync(join(dir, file))));
}

export interface BudgetResult {
  name: string;
  files: string[];
  gzip: number;
  limit: number;
  ok: boolean;
  warning?: string;
  error?: string;
}

function sumGzip(sizes: FileSize[], files: Iterable<string>): number {
  const byFile = new Map(sizes.map((s) => [s.file, s.gzip]));
  let total = 0;
  for (const f of files) total += byFile.get(f) ?? 0;
  return total;
}

/** Everything any way of embedding loads up front: the three entries plus every chunk they import statically. */
export function initialFiles(graph: ModuleGraph): string[] {
  return [...closure(graph, INITIAL_ROOTS)].filter((f) => graph.files.includes(f)).sort();
}

/** One way of embedding and the files it loads before a method is chosen. */
export interface InitialLoad {
  name: string;
  files: string[];
}

/**
 * What each way of embedding loads before a method is chosen: the script tag (`kassa.js`, which
 * defines `<kassa-checkout>` too, and what it imports at once: the chunk defining `mount` and its
 * static imports, module-graph.ts `loaderEntry`), `import 'kassa'` (`index.js` and its static
 * imports) and `import 'kassa/element'` (`element.js` and its static imports).
 */
export function initialLoads(dir: string, graph = readGraph(dir)): InitialLoad[] {
  const present = (files: Iterable<string>) => [...files].filter((f) => graph.files.includes(f)).sort();
  const loader = graph.files.includes('index.js') ? loaderEntry(dir).files : [];
  return [
    { name: 'script tag', files: present(['kassa.js', ...closure(graph, loader)]) },
    { name: "import 'kassa'", files: present(closure(graph, ['index.js'])) },
    { name: "import 'kassa/element'", files: present(closure(graph, ['element.js'])) },
  ];
}

/**
 * The OKTO chunks: lazy chunks named after OKTO, what they import statically (e.g. the shared
 * flow chunk) and what they load lazily themselves (e.g. qrcode, jsbarcode), less the initial load.
 * Lazy imports of shared chunks are not followed: they belong to other methods (paysafecard…).
 */
export function oktoFiles(graph: ModuleGraph): string[] {
  const initial = new Set(initialFiles(graph));
  // OKTO's own chunks: those named after it and, transitively, what they import lazily.
  const owned = new Set<string>();
  const stack = graph.files.filter((f) => OKTO_NAME.test(f));
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (owned.has(file) || initial.has(file) || !graph.files.includes(file)) continue;
    owned.add(file);
    stack.push(...(graph.dynamicDeps.get(file) ?? []));
  }
  // Plus everything they import statically that the initial load does not already have.
  return [...closure(graph, [...owned], false, initial)].filter((f) => graph.files.includes(f)).sort();
}

/**
 * Checks the budgets against the files in `dir`: the initial load of each way of embedding (one
 * result each, the script tag first), then the OKTO chunks (last).
 */
export function checkBudgets(dir: string, sizes = measureDir(dir)): BudgetResult[] {
  const graph = readGraph(dir);
  const results: BudgetResult[] = [];
  const missing = INITIAL_ROOTS.filter((f) => !graph.files.includes(f));
  if (missing.length > 0) {
    const error = `missing entry file(s): ${missing.join(', ')}`;
    results.push({ name: 'initial load', files: [], gzip: 0, limit: INITIAL_BUDGET_GZIP, ok: false, error });
  }
  for (const load of missing.length > 0 ? [] : initialLoads(dir, graph)) {
    const gzip = sumGzip(sizes, load.files);
    const result: BudgetResult = {
      name: `initial load, ${load.name}`,
      files: load.files,
      gzip,
      limit: INITIAL_BUDGET_GZIP,
      ok: gzip <= INITIAL_BUDGET_GZIP,
    };
    if (!result.ok) result.error = overBy(gzip, INITIAL_BUDGET_GZIP);
    results.push(result);
  }

  const okto = oktoFiles(graph);
  const oktoGzip = sumGzip(sizes, okto);
  const oktoResult: BudgetResult = {
    name: 'OKTO chunks',
    files: okto,
    gzip: oktoGzip,
    limit: OKTO_BUDGET_GZIP,
    ok: okto.length > 0 && oktoGzip <= OKTO_BUDGET_GZIP,
  };
  if (okto.length === 0) oktoResult.error = 'no lazy chunk named *okto* found in the build';
  else if (oktoGzip > OKTO_BUDGET_GZIP) oktoResult.error = overBy(oktoGzip, OKTO_BUDGET_GZIP);
  results.push(oktoResult);
  return results;
}

function overBy(actual: number, limit: number): string {
  return `${fmtKb(actual)} gzip exceeds the ${fmtKb(limit)} budget by ${fmtKb(actual - limit)}`;
}

/** `12.34 KB` (KiB, as the budgets are stated). */
export function fmtKb(bytes: number): string {
  return `${(bytes / KB).toFixed(2)} KB`;
}
