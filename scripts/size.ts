/**
 * `npm run size` (and a step of `npm test`): prints the size of every built widget file and
 * fails (exit 1) when a budget is exceeded. Run after `npm run build`.
 */
import { existsSync } from 'node:fs';
import { budgetLines, sizeTable } from './lib/report.ts';
import { checkBudgets, measureDir } from './lib/sizes.ts';

const DIST = process.env.KASSA_WIDGET_DIST ?? 'dist/widget';

if (!existsSync(DIST)) {
  console.error(`size: ${DIST} does not exist; run \`npm run build\` first.`);
  process.exit(1);
}

const sizes = measureDir(DIST);
console.log(`Widget files in ${DIST}:\n${sizeTable(sizes)}\n`);
const results = checkBudgets(DIST, sizes);
for (const line of budgetLines(results)) console.log(line);
const failed = results.filter((r) => !r.ok);
if (failed.length > 0) {
  console.error(`\nsize: ${failed.length} budget(s) failed: ${failed.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
