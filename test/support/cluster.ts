/**
 * Several real server processes on one PostgreSQL database behind one load balancer (design §3
 * "Several instances (scale-out)"), for the multi-instance tests in test/multi.
 *
 * Each instance is `server/main.ts` run by tsx in its own process, with its own `PORT` and the same
 * `KASSA_DB` (a fresh database from createTestDatabase), `KASSA_SECRET`, `KASSA_MERCHANT_KEY` and
 * `KASSA_PUBLIC_URL` (the balancer's). The process is `node --import tsx server/main.ts` — what
 * `node_modules/.bin/tsx server/main.ts` runs, minus the tsx CLI's wrapper process — so that SIGKILL
 * reaches the server itself: killing the wrapper would leave the real server running as an orphan.
 * The instances start at the same moment, as a deployment would start them (migrations race).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';
import { type LoadBalancer, startLoadBalancer } from './load-balancer.ts';
import { createTestDatabase } from './pg.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

export const CLUSTER_MERCHANT_KEY = 'multi-merchant-key-0123456789';
export const CLUSTER_SECRET = 'multi-client-token-secret-0123456789abcdef';

/** One server process. */
export interface Instance {
  name: string;
  /** Its own base URL (not the balancer's). */
  url: string;
  pid: number;
  /** What it printed so far (stdout and stderr). */
  logs(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Sends `signal` and waits for the process to exit (SIGKILL after 5 s for other signals). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface Cluster {
  /** The shared `KASSA_PUBLIC_URL`: the load balancer. */
  publicUrl: string;
  lb: LoadBalancer;
  instances: Instance[];
  /** The suite's own database. */
  database: { url: string; name: string };
  /** A read-only look into the suite's database (what the sandbox keeps, the outbox). */
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Every instance's output, labelled, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

/** Spawns one instance and waits until its `/readyz` answers 200. */
async function startInstance(name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const alive = () => child.exitCode === null && child.signalCode === null;

  const instance: Instance = {
    name,
    url,
    pid: child.pid ?? -1,
    logs: () => output,
    alive,
    async kill(signal = 'SIGTERM') {
      if (!alive()) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!alive()) {
      throw new Error(
        `instance ${name} exited (${child.exitCode ?? child.signalCode}) before ready:\n${output}`,
      );
    }
    try {
      // Bounded: an instance that accepts the connection but never answers must not outlast the deadline.
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return instance;
    } catch {
      // Not listening (or answering) yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await instance.kill('SIGKILL');
  throw new Error(`instance ${name} was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
}

/**
 * Creates a fresh database on `KASSA_TEST_PG`, a load balancer, and `names.length` instances behind
 * it (sandbox mode). `env` adds variables (e.g. KASSA_WEBHOOK_URL); every instance gets the same.
 */
export async function startCluster(
  options: { env?: Record<string, string>; names?: string[] } = {},
): Promise<Cluster> {
  const names = options.names ?? ['A', 'B'];
  const database = await createTestDatabase('kassa_multi');
  const lb = await startLoadBalancer();
  const instances: Instance[] = [];
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const stop = async () => {
    await Promise.all(instances.map((instance) => instance.kill('SIGTERM')));
    await lb.close();
    await pool.end();
    await database.drop();
  };
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KASSA_MODE: 'sandbox',
      KASSA_DB: database.url,
      KASSA_SECRET: CLUSTER_SECRET,
      KASSA_MERCHANT_KEY: CLUSTER_MERCHANT_KEY,
      KASSA_PUBLIC_URL: lb.url,
      ...options.env,
    };
    // Vitest's own variables are not the server's business.
    for (const key of ['VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST', 'NODE_ENV']) delete env[key];
    const started = await Promise.allSettled(names.map((name) => startInstance(name, env)));
    for (const result of started) if (result.status === 'fulfilled') instances.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    lb.setTargets(instances.map((instance) => instance.url));
    // The instances must really keep their state in this database, not in a file of their own.
    const tables = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    if (Number(tables.rows[0]?.n ?? 0) === 0) {
      throw new Error(
        `instances answer /readyz but created no table in PostgreSQL database ${database.name}: ` +
          'the server did not use KASSA_DB=postgres://… as its store',
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    publicUrl: lb.url,
    lb,
    instances,
    database: { url: database.url, name: database.name },
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    logs: () =>
      instances
        .map((instance) => `----- instance ${instance.name} (${instance.url})\n${instance.logs()}`)
        .join('\n'),
    stop,
  };
}
