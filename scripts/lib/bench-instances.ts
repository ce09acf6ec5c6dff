/**
 * Server processes for `npm run bench:server`: real `tsx server/main.ts` processes on loopback ports,
 * their logs and memory, the open-file limit, PostgreSQL databases of their own, and a cleanup that
 * runs on every way out (normal end, an error, Ctrl-C) so no server, temporary file or database is
 * left behind.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../test/support/free-port.ts';

// ---------------------------------------------------------------------------------------------------
// Cleanup on every way out

const asyncCleanups: (() => Promise<void>)[] = [];
const syncCleanups = new Set<() => void>();

/** Registers what to undo: `sync` also runs from the `exit` handler when `run` could not. */
export function onCleanup(run: () => Promise<void>, sync?: () => void): () => void {
  let done = false;
  const wrapped = async () => {
    if (done) return;
    done = true;
    if (sync) syncCleanups.delete(sync);
    await run();
  };
  asyncCleanups.push(wrapped);
  if (sync) syncCleanups.add(sync);
  return () => {
    done = true;
    const i = asyncCleanups.indexOf(wrapped);
    if (i >= 0) asyncCleanups.splice(i, 1);
    if (sync) syncCleanups.delete(sync);
  };
}

/** Runs every registered cleanup, newest first, each bounded to 15 s; then dismisses the janitor. */
export async function cleanupAll(): Promise<void> {
  while (asyncCleanups.length > 0) {
    const run = asyncCleanups.pop();
    if (!run) break;
    try {
      await Promise.race([run(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (ledger && leftovers.groups.length + leftovers.dirs.length + leftovers.databases.length === 0) {
    rmSync(ledger, { force: true });
  }
}

/**
 * What a killed benchmark would leave behind, kept in a ledger file that a detached janitor process
 * reads once this process is gone: tsx's wrapper SIGKILLs its child when the child's event loop is too
 * busy to acknowledge a relayed Ctrl-C within 60 ms, and then no handler of ours runs.
 */
interface Leftovers {
  /** Process groups of server instances. */
  groups: number[];
  dirs: string[];
  databases: { server: string; name: string }[];
}
const leftovers: Leftovers = { groups: [], dirs: [], databases: [] };
let ledger: string | undefined;

function writeLedger(): void {
  if (ledger) writeFileSync(ledger, JSON.stringify(leftovers));
}

/** Records a leftover in the ledger; the returned function strikes it off. */
function remember<K extends keyof Leftovers>(kind: K, item: Leftovers[K][number]): () => void {
  const list = leftovers[kind] as unknown[];
  list.push(item);
  writeLedger();
  return () => {
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
    writeLedger();
  };
}

/** The janitor: waits for the benchmark to end, then removes what its ledger still lists. */
const JANITOR = `
const fs = require('node:fs');
const [pid, ledger, root] = [Number(process.argv[1]), process.argv[2], process.argv[3]];
const alive = () => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const tick = async () => {
  if (!fs.existsSync(ledger)) process.exit(0);
  if (alive()) return void setTimeout(tick, 250);
  let left;
  try { left = JSON.parse(fs.readFileSync(ledger, 'utf8')); } catch { process.exit(0); }
  for (const group of left.groups) { try { process.kill(-group, 'SIGKILL'); } catch {} }
  for (const dir of left.dirs) { try { fs.rmSync(dir, { recursive: true, force: true }); } catch {} }
  if (left.databases.length > 0) {
    const pg = require('node:module').createRequire(root + '/package.json')('pg');
    for (const db of left.databases) {
      const client = new pg.Client({ connectionString: db.server });
      try { await client.connect(); await client.query('DROP DATABASE IF EXISTS ' + db.name + ' WITH (FORCE)'); }
      catch {} finally { await client.end().catch(() => {}); }
    }
  }
  fs.rmSync(ledger, { force: true });
  process.exit(0);
};
tick();
`;

/**
 * Installs the handlers: Ctrl-C / SIGTERM clean up and exit; `exit` kills what is still running; and a
 * detached janitor process cleans up should this process be killed outright.
 */
export function installCleanupHandlers(root: string): void {
  ledger = join(tmpdir(), `kassa-bench-${process.pid}.json`);
  writeLedger();
  spawn(process.execPath, ['-e', JANITOR, String(process.pid), ledger, root], {
    detached: true,
    stdio: 'ignore',
  }).unref();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping the servers and removing the temporary databases…`);
    void cleanupAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const sync of [...syncCleanups].reverse()) {
      try {
        sync();
      } catch {
        // best effort on the way out
      }
    }
  });
}

/** A temporary directory removed on cleanup. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const forget = remember('dirs', dir);
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    forget();
  };
  onCleanup(async () => remove(), remove);
  return dir;
}

// ---------------------------------------------------------------------------------------------------
// Open-file limit

export interface FileLimit {
  soft: number;
  hard: number;
  /** What was done to reach it, for the report. */
  note: string;
}

function readFileLimit(pid: number | 'self' = 'self'): { soft: number; hard: number } {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (line?.slice('Max open files'.length).trim().split(/\s+/) ?? []).map((v) =>
    v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v),
  );
  return { soft: soft ?? 1024, hard: hard ?? 1024 };
}

/**
 * Raises this process's open-file limit to `want` when allowed (the soft limit up to the hard one;
 * the hard one too when privileged, via prlimit); the servers spawned afterwards inherit it.
 */
export function raiseFileLimit(want: number): FileLimit {
  const before = readFileLimit();
  if (before.soft >= want) return { ...before, note: 'already enough' };
  let ceiling = want;
  try {
    ceiling = Math.min(want, Number(readFileSync('/proc/sys/fs/nr_open', 'utf8').trim()) || want);
  } catch {
    // not Linux: try as asked
  }
  const attempts = [`${ceiling}:${Math.max(ceiling, before.hard)}`, `${before.hard}:${before.hard}`];
  for (const limits of attempts) {
    try {
      execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${limits}`], { stdio: 'ignore' });
      const after = readFileLimit();
      if (after.soft >= want) return { ...after, note: `raised from ${before.soft}` };
    } catch {
      // not allowed (unprivileged above the hard limit) or no prlimit: try the next, smaller step
    }
  }
  const after = readFileLimit();
  return {
    ...after,
    note: after.soft > before.soft ? `raised from ${before.soft}, no further` : 'could not be raised',
  };
}

// ---------------------------------------------------------------------------------------------------
// Server instances

export { freePort };

export interface InstanceOptions {
  name: string;
  /** The repository root holding node_modules/.bin/tsx and server/main.ts. */
  root: string;
  /** Working directory of the process (a temporary one: whatever the server writes stays there). */
  cwd: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  /** How long start-up may take (tsx compiles the server on a cold start). */
  startTimeoutMs?: number;
}

export interface Memory {
  rssMb: number;
  peakMb: number;
}

/** A running server process. */
export interface Instance {
  name: string;
  url: string;
  logFile: string;
  /** Resident and peak resident memory of the Node process running the server. */
  memory(): Memory | undefined;
  /** The tsx wrapper's and the server's process ids (for CPU accounting). */
  pids(): number[];
  /** Why the process ended while it was not being stopped (a crash, or a signal from elsewhere). */
  died(): string | undefined;
  stop(): Promise<void>;
}

/** The deepest process under `pid` (tsx runs the server in a child Node process). */
function serverPid(pid: number): number {
  let current = pid;
  for (let depth = 0; depth < 4; depth++) {
    try {
      const children = readFileSync(`/proc/${current}/task/${current}/children`, 'utf8').trim().split(/\s+/);
      const first = Number(children[0]);
      if (!first) break;
      current = first;
    } catch {
      break;
    }
  }
  return current;
}

function readMemory(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Kills the process group of `child` (the tsx wrapper and the server it runs). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `tsx server/main.ts` in a process group of its own and resolves once it prints its
 * `Kassa server: <url>` line; rejects with the tail of its log when it exits or hangs first.
 */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const { name, root, cwd, port, env, logFile } = options;
  const log = openSync(logFile, 'a');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(KASSA_|NUVEI_|ODEON_|OCT_|PORT$)/.test(key) && !key.startsWith('npm_'),
    ),
  );
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/main.ts')], {
    cwd,
    env: { ...inherited, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', log],
    detached: true,
  });
  closeSync(log);
  const forget = child.pid === undefined ? () => {} : remember('groups', child.pid);
  const kill = () => {
    killGroup(child, 'SIGKILL');
    forget();
  };
  let exited = false;
  let stopping = false;
  let died: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      if (!stopping) died = `exited on its own (${signal ? `signal ${signal}` : `code ${code}`})`;
      resolve();
    }),
  );

  const stop = async () => {
    stopping = true;
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(kill, 5_000);
      await exit;
      clearTimeout(timer);
    }
    kill(); // the server child too, should the wrapper have gone first
  };
  const unregister = onCleanup(stop, kill);

  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${options.startTimeoutMs ?? 60_000} ms`)),
      options.startTimeoutMs ?? 60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Kassa (server|demo): /.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready:\n${tail(logFile, output)}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await stop();
    unregister();
    throw error;
  }
  child.stdout?.resume();
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    logFile,
    memory: () => (child.pid === undefined ? undefined : readMemory(serverPid(child.pid))),
    pids: () => (child.pid === undefined ? [] : [...new Set([child.pid, serverPid(child.pid)])]),
    died: () => died,
    async stop() {
      unregister();
      await stop();
    },
  };
}

function tail(logFile: string, stdout: string): string {
  let text = stdout;
  try {
    text += readFileSync(logFile, 'utf8');
  } catch {
    // no log yet
  }
  return text.trim().split('\n').slice(-12).join('\n');
}

export interface LogSummary {
  warnings: number;
  errors: number;
  /** Lines that are not the logger's JSON (uncaught errors, stack traces). */
  other: number;
  /** The most frequent messages, e.g. `3× nuvei DMN rejected: …`. */
  top: string[];
}

/** Counts a server log's warnings, errors and stray lines. */
export function summarizeLog(logFile: string): LogSummary {
  const summary: LogSummary = { warnings: 0, errors: 0, other: 0, top: [] };
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return summary;
  }
  const messages = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let entry: { level?: unknown; message?: unknown; path?: unknown; error?: unknown } | undefined;
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      entry = undefined;
    }
    if (!entry || typeof entry !== 'object') {
      summary.other++;
      const key = `(stderr) ${line.slice(0, 100)}`;
      messages.set(key, (messages.get(key) ?? 0) + 1);
      continue;
    }
    if (entry.level === 'warn') summary.warnings++;
    else if (entry.level === 'error') summary.errors++;
    else continue;
    const detail = [entry.path, entry.error].filter((v) => typeof v === 'string').join(': ');
    const key = `${String(entry.level)}: ${String(entry.message)}${detail ? ` (${detail.slice(0, 160)})` : ''}`;
    messages.set(key, (messages.get(key) ?? 0) + 1);
  }
  summary.top = [...messages]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([message, n]) => `${n}× ${message}`);
  return summary;
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

/** A fresh database on the PostgreSQL server `serverUrl` (test/support/pg.ts), dropped on cleanup. */
export async function freshPgDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  // test/support/pg.ts reads KASSA_TEST_PG when it is first loaded.
  process.env.KASSA_TEST_PG = serverUrl;
  const { createTestDatabase } = await import('../../test/support/pg.ts');
  const db = await createTestDatabase('kassa_bench');
  const forget = remember('databases', { server: serverUrl, name: db.name });
  const dropSync = () => {
    // The exit handler cannot wait for a promise: psql does it synchronously (best effort).
    try {
      execFileSync('psql', [serverUrl, '-qc', `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`], {
        stdio: 'ignore',
        timeout: 10_000,
      });
    } catch {
      // nothing more to do on the way out
    }
  };
  const drop = async () => {
    await db.drop();
    forget();
  };
  const unregister = onCleanup(drop, () => {
    dropSync();
    forget();
  });
  return {
    url: db.url,
    async drop() {
      unregister();
      await drop();
    },
  };
}

/** How many tables the public schema of `url` has (0: no server has migrated it). */
export async function pgTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
