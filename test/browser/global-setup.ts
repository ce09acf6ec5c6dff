/**
 * The browser suite drives the built widget that the server serves from dist/widget. `npm test`
 * builds first; when the suite is run alone with no build, build once here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export default function setup(): void {
  if (existsSync(resolve(ROOT, 'dist/widget/kassa.js'))) return;
  console.log('browser tests: dist/widget/kassa.js is missing, running `npm run build`');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
