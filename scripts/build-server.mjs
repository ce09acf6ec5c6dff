#!/usr/bin/env node
/**
 * Builds `kassa/server` into dist/node: tsc emits JavaScript and declarations; the sandbox's
 * static browser scripts (Nuvei's Web SDK stand-in, Odeon's payment.js and page scripts) are copied beside their modules (it is read from disk at start-up).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

rmSync('dist/node', { recursive: true, force: true });
const tsc = spawnSync(join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.server.json'], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
mkdirSync('dist/node/server/sandbox/nuvei', { recursive: true });
copyFileSync('server/sandbox/nuvei/safecharge.js', 'dist/node/server/sandbox/nuvei/safecharge.js');
cpSync('server/sandbox/odeon/scripts', 'dist/node/server/sandbox/odeon/scripts', { recursive: true });
