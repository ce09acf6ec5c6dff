/** Plain-text rendering of the size table and budget results (shared by size.ts and bench.ts). */
import { type BudgetResult, type FileSize, fmtKb } from './sizes.ts';

/** A fixed-width table of every file's raw, gzip and brotli size, with a total row. */
export function sizeTable(sizes: FileSize[]): string {
  const rows = sizes.map((s) => [s.file, fmtKb(s.raw), fmtKb(s.gzip), fmtKb(s.brotli)]);
  const total = sizes.reduce(
    (t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }),
    {
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );
  rows.push(['total (all files)', fmtKb(total.raw), fmtKb(total.gzip), fmtKb(total.brotli)]);
  return table(['file', 'raw', 'gzip', 'brotli'], rows);
}

/** One line per budget: ok / WARN / FAIL, the numbers, and the files counted. */
export function budgetLines(results: BudgetResult[]): string[] {
  return results.map((r) => {
    const tag = !r.ok ? 'FAIL' : r.warning ? 'WARN' : 'ok  ';
    const note = r.error ?? r.warning;
    const head = `${tag} ${r.name}: ${fmtKb(r.gzip)} gzip (budget ${fmtKb(r.limit)})${note ? ` — ${note}` : ''}`;
    return `${head}\n       files: ${r.files.length > 0 ? r.files.join(', ') : '(none)'}`;
  });
}

/** Left-aligned first column, right-aligned others. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
