/**
 * `npm run bench:server`: the companion server under load on loopback, on SQLite and PostgreSQL, with
 * one instance and with two on the same database. Spawns real `tsx server/main.ts` processes (sandbox
 * mode) and measures, through the design's HTTP contracts only:
 *   1. status reads/s: GET /api/checkout/status?wait=0 from fixed keep-alive connections;
 *   2. long-polls held (wait=30&since=<version>) and their wake-up after POST /api/orders/:id/cancel
 *      made through the other instance;
 *   3. Nuvei DMN ingest/s: the signed approval DMN of a real pending OKTO Cash attempt each.
 * Figures are reported, not asserted. Every spawned server, temporary file and database is removed on
 * the way out (also on Ctrl-C and errors). `--help` lists the options.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fmtShare } from './lib/bench-cpu.ts';
import { Failures, fmtInt, fmtMs } from './lib/bench-http.ts';
import {
  cleanupAll,
  type FileLimit,
  freePort,
  freshPgDatabase,
  type Instance,
  installCleanupHandlers,
  pgTableCount,
  raiseFileLimit,
  startInstance,
  summarizeLog,
  tempDir,
} from './lib/bench-instances.ts';
import {
  type Cell,
  cellOf,
  closeCell,
  createOrders,
  type DmnResult,
  dmnIngest,
  longPolls,
  type PollResult,
  type ReadResult,
  renewConnections,
  statusReads,
} from './lib/bench-scenarios.ts';
import { table } from './lib/report.ts';

const HELP = `npm run bench:server -- [options]

  --pg <url>             PostgreSQL server for the PostgreSQL columns (default: $KASSA_TEST_PG);
                         each cell gets a fresh database, dropped afterwards. Without one, SQLite only.
  --only sqlite|pg       run one store only
  --instances 1|2|1,2    instance counts to run (default 1,2)
  --seconds <n>          status-read measuring time per cell (default 10; plus 2 s warm-up)
  --connections <n>      keep-alive connections for status reads (default 64)
  --polls <n>            long-polls to hold, one order each (default 10000)
  --changes <n>          of those, how many orders are cancelled to wake theirs (default 2000)
  --change-concurrency <n>  cancels in flight while waking long-polls (default 8)
  --dmns <n>             DMNs to ingest, one real pending attempt each (default 1000)
  --quick                a short run: --seconds 3 --polls 1000 --changes 500 --dmns 200
  --help
`;

interface Options {
  pg: string | undefined;
  stores: ('sqlite' | 'pg')[];
  instances: number[];
  seconds: number;
  connections: number;
  polls: number;
  changes: number;
  dmns: number;
  changeConcurrency: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      pg: { type: 'string' },
      only: { type: 'string' },
      instances: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      polls: { type: 'string' },
      changes: { type: 'string' },
      dmns: { type: 'string' },
      'change-concurrency': { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const quick = values.quick === true;
  const int = (value: string | undefined, fallback: number, name: string) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  const only = values.only;
  if (only !== undefined && only !== 'sqlite' && only !== 'pg')
    throw new Error('--only must be sqlite or pg');
  const instances = (values.instances ?? '1,2').split(',').map(Number);
  if (instances.some((n) => n !== 1 && n !== 2)) throw new Error('--instances takes 1, 2 or 1,2');
  return {
    pg: values.pg ?? (process.env.KASSA_TEST_PG || undefined),
    stores: only ? [only] : ['sqlite', 'pg'],
    instances,
    seconds: int(values.seconds, quick ? 3 : 10, 'seconds'),
    connections: int(values.connections, 64, 'connections'),
    polls: int(values.polls, quick ? 1000 : 10_000, 'polls'),
    changes: int(values.changes, quick ? 500 : 2000, 'changes'),
    dmns: int(values.dmns, quick ? 200 : 1000, 'dmns'),
    changeConcurrency: int(values['change-concurrency'], 8, 'change-concurrency'),
  };
}

const ROOT = resolve(import.meta.dirname, '..');
const MERCHANT_KEY = 'bench-merchant-key-0123456789';
const SECRET = 'bench-client-token-secret-0123456789abcdef';

interface CellResult {
  label: string;
  /** Why the whole cell did not run. */
  skipped?: string;
  reads?: ReadResult;
  createPerSecond?: number;
  polls?: PollResult | string;
  dmns?: DmnResult;
  peakMb: number[];
  failures: Failures;
  /** Server log summaries and shortfalls, printed under the table. */
  logs: string[];
}

async function startCell(
  store: 'sqlite' | 'pg',
  count: number,
  dir: string,
  dbUrl: string,
): Promise<Instance[]> {
  const ports = [await freePort(), await freePort()].slice(0, count);
  // One KASSA_PUBLIC_URL for all instances (design §3 scale-out): the first instance's stands in for a balancer.
  const publicUrl = `http://127.0.0.1:${ports[0]}`;
  const instances: Instance[] = [];
  // One after the other: two processes migrating one fresh SQLite file at once is not what is measured.
  for (const [i, port] of ports.entries()) {
    const name = `${store}-${count}-${'AB'[i]}`;
    instances.push(
      await startInstance({
        name,
        root: ROOT,
        cwd: dir,
        port,
        logFile: join(dir, `${name}.log`),
        env: {
          KASSA_MODE: 'sandbox',
          KASSA_DB: dbUrl,
          KASSA_PUBLIC_URL: publicUrl,
          KASSA_SECRET: SECRET,
          KASSA_MERCHANT_KEY: MERCHANT_KEY,
        },
      }),
    );
  }
  return instances;
}

function step(label: string, what: string): void {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${label}: ${what}\n`);
}

async function runCell(store: 'sqlite' | 'pg', count: number, opts: Options): Promise<CellResult> {
  const label = `${store === 'pg' ? 'PostgreSQL' : 'SQLite'} ×${count}`;
  const result: CellResult = { label, peakMb: [], failures: new Failures(), logs: [] };
  const dir = tempDir('kassa-bench-');
  let db: { url: string; drop: () => Promise<void> } | undefined;
  let instances: Instance[] = [];
  let cell: Cell | undefined;
  try {
    if (store === 'pg') {
      if (!opts.pg) return { ...result, skipped: 'no PostgreSQL (--pg or KASSA_TEST_PG)' };
      db = await freshPgDatabase(opts.pg);
    }
    step(label, 'starting the server');
    instances = await startCell(store, count, dir, db ? db.url : join(dir, 'kassa.sqlite'));
    if (db && (await pgTableCount(db.url)) === 0) {
      return {
        ...result,
        skipped: 'the server did not use PostgreSQL (no tables in its database): KASSA_DB URLs unsupported',
      };
    }
    cell = cellOf(instances, MERCHANT_KEY, Math.ceil(opts.connections / count) + 8);
    /** A server that ended during a phase (a crash, or a signal from elsewhere) ends the cell there. */
    const died = (phase: string): boolean => {
      const gone = instances.filter((i) => i.died());
      for (const i of gone) result.logs.push(`${i.name} ${i.died()} during ${phase}; later phases skipped`);
      return gone.length > 0;
    };

    // One set of orders serves all three: read, then held, then (those not cancelled) paid by DMN.
    const pollsHere = !(store === 'sqlite' && count > 1);
    const wanted = Math.max(256, opts.dmns, pollsHere ? opts.polls : 0);
    step(label, `creating ${fmtInt(wanted)} orders`);
    const created = await createOrders(cell, wanted, 32, result.failures);
    result.createPerSecond = created.perSecond;
    if (created.orders.length < wanted) {
      result.logs.push(
        `${fmtInt(created.orders.length)} of ${fmtInt(wanted)} orders made (time cap or failures)`,
      );
    }
    if (died('order creation')) return result;

    step(label, `status reads, ${opts.connections} connections, ${opts.seconds} s`);
    result.reads = await statusReads(cell, created.orders, {
      connections: opts.connections,
      durationMs: opts.seconds * 1000,
      warmupMs: 2000,
    });
    if (died('status reads')) return result;

    let open = created.orders;
    if (!pollsHere) {
      result.polls = 'n/a: no cross-process wake-up on SQLite';
    } else {
      step(label, `holding ${fmtInt(opts.polls)} long-polls, waking ${fmtInt(opts.changes)}`);
      const polls = await longPolls(cell, created.orders.slice(0, opts.polls), {
        changes: opts.changes,
        changeConcurrency: opts.changeConcurrency,
        openConcurrency: 256,
      });
      result.polls = polls;
      open = polls.untouched;
      if (died('long-polls')) return result;
    }

    step(label, `preparing ${fmtInt(opts.dmns)} pending OKTO attempts, then their DMNs`);
    renewConnections(cell, 40);
    if (open.length < opts.dmns) {
      open = [...open, ...(await createOrders(cell, opts.dmns - open.length, 32, result.failures)).orders];
    }
    result.dmns = await dmnIngest(cell, open.slice(0, opts.dmns), {
      concurrency: 32,
      prepareConcurrency: 16,
      sample: 100,
    });
    died('DMN ingest');
    const { prepared, sent } = result.dmns;
    if (prepared < opts.dmns || sent < prepared) {
      result.logs.push(
        `${fmtInt(prepared)} of ${fmtInt(opts.dmns)} attempts prepared, ${fmtInt(sent)} DMNs sent (time caps)`,
      );
    }
    return result;
  } catch (error) {
    return {
      ...result,
      skipped: (error instanceof Error ? error.message.split('\n')[0] : undefined) ?? String(error),
    };
  } finally {
    if (cell) closeCell(cell);
    for (const instance of instances) {
      const memory = instance.memory();
      if (memory) result.peakMb.push(memory.peakMb);
      await instance.stop();
      const log = summarizeLog(instance.logFile);
      if (log.warnings + log.errors + log.other > 0) {
        result.logs.push(
          `server log ${instance.name}: ${log.warnings} warnings, ${log.errors} errors, ${log.other} other lines` +
            (log.top.length > 0 ? ` — ${log.top.join('; ')}` : ''),
        );
      }
    }
    await db?.drop();
  }
}

// ---------------------------------------------------------------------------------------------------
// Report

function failuresOf(r: CellResult): Failures {
  const all = new Failures();
  all.merge(r.failures);
  if (r.reads) all.merge(r.reads.failures);
  if (r.polls && typeof r.polls !== 'string') all.merge(r.polls.failures);
  if (r.dmns) all.merge(r.dmns.failures);
  return all;
}

function report(results: CellResult[], opts: Options, limit: FileLimit, startedAt: number): void {
  const cells = (pickCell: (r: CellResult) => string) => results.map((r) => (r.skipped ? '–' : pickCell(r)));
  const polls = (r: CellResult, f: (p: PollResult) => string) =>
    typeof r.polls === 'string' ? 'n/a' : r.polls ? f(r.polls) : '–';
  const rows: string[][] = [
    ['status reads/s', ...cells((r) => fmtInt(r.reads?.perSecond ?? Number.NaN))],
    [
      '  read latency p50 / p99 (ms)',
      ...cells((r) => `${fmtMs(r.reads?.p50 ?? Number.NaN)} / ${fmtMs(r.reads?.p99 ?? Number.NaN)}`),
    ],
    ['  CPU cores: load gen / server / PG / other', ...cells((r) => fmtShare(r.reads?.cpu))],
    [`long-polls held (of ${fmtInt(opts.polls)})`, ...cells((r) => polls(r, (p) => fmtInt(p.held)))],
    [
      '  wake after the cancel answered, p50 / p99 (ms)',
      ...cells((r) => polls(r, (p) => `${fmtMs(p.wakeP50)} / ${fmtMs(p.wakeP99)}`)),
    ],
    ['  wake max (ms)', ...cells((r) => polls(r, (p) => fmtMs(p.wakeMax)))],
    [
      '  wake from the cancel sent, p50 / p99 (ms)',
      ...cells((r) => polls(r, (p) => `${fmtMs(p.fromSendP50)} / ${fmtMs(p.fromSendP99)}`)),
    ],
    [
      '  still held after the changes / re-armed',
      ...cells((r) => polls(r, (p) => `${fmtInt(p.stillHeld)} / ${fmtInt(p.rearmed)}`)),
    ],
    [
      '  woken / cancelled (while the rest stayed held)',
      ...cells((r) => polls(r, (p) => `${fmtInt(p.woken)} / ${fmtInt(p.changed)}`)),
    ],
    ['  changes/s (cancels while waking)', ...cells((r) => polls(r, (p) => fmtInt(p.changeRate)))],
    ['  CPU cores while waking (as above)', ...cells((r) => polls(r, (p) => fmtShare(p.cpu)))],
    ['  time to open all (s)', ...cells((r) => polls(r, (p) => (p.openMs / 1000).toFixed(1)))],
    [
      '  server RSS while held (MB)',
      ...cells((r) => polls(r, (p) => p.memory.map((m) => (m ? fmtInt(m.rssMb) : '?')).join(' + ') || '?')),
    ],
    ['DMN ingest/s (applied, real attempts)', ...cells((r) => fmtInt(r.dmns?.perSecond ?? Number.NaN))],
    [
      '  DMN latency p50 / p99 (ms)',
      ...cells((r) => `${fmtMs(r.dmns?.p50 ?? Number.NaN)} / ${fmtMs(r.dmns?.p99 ?? Number.NaN)}`),
    ],
    ['  CPU cores (as above)', ...cells((r) => fmtShare(r.dmns?.cpu))],
    [
      '  DMNs answered 200 / sent',
      ...cells((r) => (r.dmns ? `${fmtInt(r.dmns.ok)} / ${fmtInt(r.dmns.sent)}` : '–')),
    ],
    ['  sampled orders settled', ...cells((r) => (r.dmns ? `${r.dmns.settled} / ${r.dmns.sampled}` : '–'))],
    [
      '  attempts prepared/s (setup)',
      ...cells((r) => (r.dmns ? fmtInt(r.dmns.prepared / r.dmns.prepareSeconds) : '–')),
    ],
    ['orders created/s (setup)', ...cells((r) => fmtInt(r.createPerSecond ?? Number.NaN))],
    ['server peak RSS (MB)', ...cells((r) => r.peakMb.map((m) => fmtInt(m)).join(' + ') || '?')],
    ['failed requests', ...cells((r) => fmtInt(failuresOf(r).total))],
  ];
  const cpu = cpus();
  console.log(
    `\nKassa server benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
  );
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB ` +
      `(${(freemem() / 2 ** 30).toFixed(0)} free), load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, Node ${process.version}, open files ${limit.soft} (${limit.note})`,
  );
  console.log(
    [
      'The load generator (this process), the server instances and PostgreSQL share those cores, on loopback;',
      '"CPU cores" rows split their use: load generator / server(s) / PostgreSQL / every other process.',
      `Status reads: ${opts.connections} keep-alive connections, ${opts.seconds} s after a 2 s warm-up.`,
      `Long-polls: wait=30&since=<version>, one connection each; ${fmtInt(opts.changes)} of the orders cancelled`,
      `(POST /api/orders/:id/cancel, ${opts.changeConcurrency} in flight) through the other instance while the`,
      'rest stay held; wake = long-poll answer − cancel answer (negative: the long-poll answered first), and',
      '− cancel sent (an upper bound from the commit). Aims: ≥ 5,000 reads/s, 10,000 held, p99 wake < 50 ms (×1).',
      'DMNs: the approval DMN of one real pending OKTO Cash attempt each, 32 in flight; every one settles its order.\n',
    ].join('\n'),
  );
  console.log(table(['', ...results.map((r) => r.label)], rows));
  for (const r of results) {
    if (r.skipped) console.log(`\n${r.label}: not measured — ${r.skipped}`);
    else if (typeof r.polls === 'string') console.log(`\n${r.label} long-polls: ${r.polls}`);
  }
  for (const r of results) {
    const failures = failuresOf(r);
    if (failures.total > 0) console.log(`\n${r.label} failed requests: ${failures}`);
    for (const line of r.logs) console.log(`\n${r.label}: ${line}`);
  }
}

async function main(): Promise<void> {
  installCleanupHandlers(ROOT);
  const opts = options();
  const startedAt = Date.now();
  // Each long-poll holds a socket in this process and one in a server; keep-alive reads and spare ones.
  const limit = raiseFileLimit(opts.polls + opts.connections + 2048);
  if (limit.soft < opts.polls + opts.connections + 256) {
    console.log(
      `open-file limit ${limit.soft} (${limit.note}): fewer than ${opts.polls} long-polls may be held`,
    );
  }
  const results: CellResult[] = [];
  for (const store of opts.stores) {
    let unsupported: string | undefined;
    for (const count of opts.instances) {
      const label = `${store === 'pg' ? 'PostgreSQL' : 'SQLite'} ×${count}`;
      const result: CellResult = unsupported
        ? { label, skipped: unsupported, peakMb: [], failures: new Failures(), logs: [] }
        : await runCell(store, count, opts);
      if (result.skipped?.includes('did not use PostgreSQL')) unsupported = result.skipped;
      results.push(result);
    }
  }
  report(results, opts, limit, startedAt);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanupAll();
    process.exit();
  });
