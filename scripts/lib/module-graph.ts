/**
 * The import graph of the built widget, read from the emitted files themselves, so the budgets
 * measure what a browser really fetches rather than what a manifest claims.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/** Relative specifiers of a built file's static `import … from` / `import "…"` / `export … from`. */
export function staticImports(code: string): string[] {
  // `import(` is excluded because a clause or a quote must follow `import`.
  const clause = String.raw`(?:\{[^}]*\}|\*(?:\s*as\s+[\w$]+)?|[\w$]+(?:\s*,\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+))?)`;
  const re = new RegExp(
    String.raw`\b(?:import|export)\s*(?:${clause}\s*from\s*)?(["'\`])([^"'\`\n]+)\1`,
    'g',
  );
  return relativeOnly([...code.matchAll(re)].map((m) => m[2] ?? ''));
}

/** Relative specifiers of a built file's `import("…")` calls with a literal argument. */
export function dynamicImports(code: string): string[] {
  const re = /\bimport\s*\(\s*(["'`])([^"'`\n]+)\1\s*\)/g;
  return relativeOnly([...code.matchAll(re)].map((m) => m[2] ?? ''));
}

function relativeOnly(specifiers: string[]): string[] {
  return [...new Set(specifiers.filter((s) => s.startsWith('./') || s.startsWith('../')))];
}

/** Every .js file under `dir`, as paths relative to it with forward slashes. */
export function listJsFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

export interface ModuleGraph {
  files: string[];
  staticDeps: Map<string, string[]>;
  dynamicDeps: Map<string, string[]>;
}

/** Builds the graph of the .js files in `dir` (edges point at files relative to `dir`). */
export function readGraph(dir: string): ModuleGraph {
  const files = listJsFiles(dir);
  const staticDeps = new Map<string, string[]>();
  const dynamicDeps = new Map<string, string[]>();
  for (const file of files) {
    const code = readFileSync(join(dir, file), 'utf8');
    const resolve = (spec: string) => posix.normalize(posix.join(dirname(file), spec));
    staticDeps.set(file, staticImports(code).map(resolve));
    dynamicDeps.set(file, dynamicImports(code).map(resolve));
  }
  return { files, staticDeps, dynamicDeps };
}

/**
 * `roots` and everything reachable from them through static imports (and dynamic ones if asked),
 * not entering `stop` files: what they import is accounted for elsewhere (e.g. the initial load).
 */
export function closure(
  graph: ModuleGraph,
  roots: string[],
  withDynamic = false,
  stop: ReadonlySet<string> = new Set(),
): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file) || stop.has(file)) continue;
    seen.add(file);
    stack.push(...(graph.staticDeps.get(file) ?? []));
    if (withDynamic) stack.push(...(graph.dynamicDeps.get(file) ?? []));
  }
  return seen;
}

/**
 * Where a built ES module's export `name` comes from: `{ from: './chunks/x.js', name: 't' }` when it
 * re-exports a binding it imports (`import{t as e}from"./chunks/x.js";…export{e as mount}` or
 * `export{t as mount}from"./chunks/x.js"`), `{ from: null, name }` when the module defines it, null
 * when it has no such export. Reads minified output: one level, named bindings only.
 */
export function exportSource(code: string, name: string): { from: string | null; name: string } | null {
  const q = String.raw`(["'\`])([^"'\`\n]+)\2`;
  const specs = (list: string) =>
    list
      .split(',')
      .map((spec) => spec.trim().split(/\s+as\s+/))
      .filter((parts) => parts[0])
      .map(([own = '', alias]) => ({ own, alias: alias ?? own }));
  for (const m of code.matchAll(new RegExp(String.raw`\bexport\s*\{([^}]*)\}(?:\s*from\s*${q})?`, 'g'))) {
    const spec = specs(m[1] ?? '').find((s) => s.alias === name);
    if (!spec) continue;
    if (m[3]) return { from: m[3], name: spec.own };
    for (const i of code.matchAll(new RegExp(String.raw`\bimport\s*\{([^}]*)\}\s*from\s*${q}`, 'g'))) {
      const imported = specs(i[1] ?? '').find((s) => s.alias === spec.own);
      if (imported) return { from: i[3] ?? null, name: imported.own };
    }
    return { from: null, name };
  }
  return null;
}

/** What the script-tag loader imports (vite.config.ts hands it to the loader build). */
export interface LoaderEntry {
  /** The file that defines `mount`, relative to the widget folder, and its export name there. */
  file: string;
  name: string;
  /** `file` and every file it imports statically: all of them are requested at once. */
  files: string[];
}

/**
 * Where the built widget in `dir` defines `mount`: the chunk the entry `index.js` re-exports it from
 * (or `index.js` itself), so the loader can import that chunk directly instead of the entry first.
 * Throws when `index.js` is missing or does not export `mount`.
 */
export function loaderEntry(dir: string): LoaderEntry {
  const index = join(dir, 'index.js');
  if (!existsSync(index)) throw new Error(`${index} is missing: build the widget before the loader.`);
  const found = exportSource(readFileSync(index, 'utf8'), 'mount');
  if (!found) throw new Error(`${index} does not export mount.`);
  const file = found.from ? posix.normalize(found.from) : 'index.js';
  return { file, name: found.name, files: [...closure(readGraph(dir), [file])].sort() };
}
