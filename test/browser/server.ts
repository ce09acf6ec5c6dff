/**
 * Starts the real companion server (server/main.ts) in sandbox mode on a free port with its own
 * SQLite file, as a separate process — the browser suite tests what a merchant would run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 60_000;

export interface KassaServer {
  /** Base URL, also the server's `KASSA_PUBLIC_URL` (no trailing slash). */
  url: string;
  /** Everything the process printed so far (for failure messages). */
  logs(): string;
  /** The SQLite file the server keeps its store in. */
  dbPath: string;
  stop(): Promise<void>;
  /** Stops and starts the process again on the same port and database; `hard` kills it with SIGKILL (a crash). */
  restart(options?: { hard?: boolean }): Promise<void>;
}

export { freePort };

/** Spawns `tsx server/main.ts` with `env` added and waits until `GET /readyz` answers 200. */
export async function startServer(env: Record<string, string> = {}): Promise<KassaServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-browser-'));
  const url = `http://127.0.0.1:${port}`;
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    KASSA_DB: join(dataDir, 'kassa.sqlite'),
    KASSA_PUBLIC_URL: url,
    KASSA_MODE: 'sandbox',
    ...env,
  };
  let output = '';
  let child: ChildProcess | null = null;

  const launch = async () => {
    // `node --import tsx` is what the tsx CLI does, minus its extra watcher process.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: fullEnv });
    child = proc;
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForReady(url, proc, () => output);
  };

  const halt = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    url,
    logs: () => output,
    dbPath: join(dataDir, 'kassa.sqlite'),
    stop: async () => {
      await halt();
      rmSync(dataDir, { recursive: true, force: true });
    },
    restart: async (options = {}) => {
      await halt(options.hard ? 'SIGKILL' : 'SIGTERM');
      await launch();
    },
  };
}

async function waitForReady(url: string, proc: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) {
      throw new Error(`server/main.ts exited with ${proc.exitCode} before it was ready:\n${logs()}`);
    }
    try {
      // Bounded: a server that accepts the connection but never answers must not outlast the deadline.
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      // Not listening (or answering) yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  proc.kill('SIGKILL');
  throw new Error(`server/main.ts was not ready within ${READY_TIMEOUT_MS} ms:\n${logs()}`);
}
