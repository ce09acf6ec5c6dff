/**
 * The import graph of the built widget, read from the emitted files themselves, so the budgets
 * measure what a browser really fetches rather than what a manifest claims.
 */
import { readdirSync, readFileSync } from 'node:fs';
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
