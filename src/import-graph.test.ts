import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 9: the widget's modules form no import cycle, type-only and lazy imports included (the old
// one ran core ↔ ui ↔ methods through checkout.types.ts's `typeof import('./flow.ts')`), and core and
// the shared views know providers only through the registry.
const SRC = dirname(fileURLToPath(import.meta.url));
const ENTRIES = ['index.ts', 'element.ts', 'loader.ts'];
// `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')` and `typeof import('…')`.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.[^'"]+)['"]/g;

/** Every module the entries reach, with the relative imports of each. */
function readGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const stack = [...ENTRIES];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (graph.has(file)) continue;
    const text = readFileSync(join(SRC, file), 'utf8');
    const deps = [...text.matchAll(IMPORT)]
      .map((match) => relative(SRC, resolve(SRC, dirname(file), match[1] as string)))
      .filter((dep) => existsSync(join(SRC, dep)));
    graph.set(file, deps);
    stack.push(...deps);
  }
  return graph;
}

/** The strongly connected components with more than one module (Tarjan), i.e. the cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (!index.has(dep)) {
        visit(dep);
        low.set(file, Math.min(low.get(file) as number, low.get(dep) as number));
      } else if (stack.includes(dep))
        low.set(file, Math.min(low.get(file) as number, index.get(dep) as number));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the widget’s import graph', () => {
  const graph = readGraph();

  it('reaches core, the views and the providers from the entries', () => {
    const files = [...graph.keys()];
    expect(files).toContain('core/flow.ts');
    expect(files).toContain('providers/registry.ts');
    expect(files).toContain('providers/nuvei/index.ts');
  });

  it('has no cycle among core, the views and the providers, counting type-only and lazy imports', () => {
    // i18n/index.ts and the locale files it loads lazily (which import its `Messages` type) form a
    // cycle of their own, outside this check.
    const ours = (file: string) => /^(core|ui|providers)\//.test(file);
    expect(cycles(graph).filter((component) => component.some(ours))).toEqual([]);
  });

  it('lets core and the views reach a provider only through the registry, and no provider another', () => {
    const providerOf = (file: string) => /^providers\/([^/]+)\//.exec(file)?.[1];
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      for (const dep of deps) {
        const target = providerOf(dep);
        if (!target) continue;
        const source = providerOf(file);
        if (source !== target && !(file === 'providers/registry.ts' && dep.endsWith('/index.ts')))
          wrong.push(`${file} → ${dep}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
