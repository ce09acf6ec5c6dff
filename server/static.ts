/**
 * Serves built widget files and the demo page from disk, with safe path resolution.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.d.ts': 'text/plain; charset=utf-8',
};

/** Answers a file below `root` (never outside it), or null when there is none. */
export async function serveFile(
  c: Context,
  root: string,
  relative: string,
  headers: Record<string, string> = {},
) {
  const base = resolve(root);
  const target = resolve(base, normalize(relative).replace(/^([/\\])+/, ''));
  if (target !== base && !target.startsWith(base + sep)) return null;
  const file = (await stat(target).catch(() => null))?.isDirectory() ? join(target, 'index.html') : target;
  const body = await readFile(file).catch(() => null);
  if (!body) return null;
  return c.body(body, 200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    ...headers,
  });
}
