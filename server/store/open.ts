/**
 * Opens the store `KASSA_DB` names (design §3 env): a SQLite file path (the embedded default,
 * `:memory:` for tests), or a `postgres://` / `postgresql://` URL for several instances. Any other
 * `scheme://` is refused at start-up rather than taken for a file name.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  Kysely,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type SqliteDatabase,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import { storeKind } from './kind.ts';
import { KyselyStore, type SignalBus } from './kysely-store.ts';
import { migrate } from './migrations.ts';
import type { Tables } from './schema.ts';
import type { Store, StoreSignal } from './store.ts';

export { storeKind } from './kind.ts';

/** Signals within one process (SQLite: one process per database). */
class LocalBus implements SignalBus {
  private readonly listeners: ((signal: StoreSignal) => void)[] = [];
  async publish(signals: readonly StoreSignal[]): Promise<void> {
    for (const signal of signals) for (const listener of this.listeners) listener(signal);
  }
  subscribe(listener: (signal: StoreSignal) => void): void {
    this.listeners.push(listener);
  }
  async close(): Promise<void> {}
}

const CHANNEL = 'kassa_signals';
const RECONNECT_MS = 1000;

/**
 * Signals across instances with PostgreSQL `LISTEN/NOTIFY` (design §3: a settle on one instance
 * wakes the long-polls of every other within 1 s). This instance hears its own signals at once, and
 * skips them when they come back from the database. A lost listening connection is re-opened, and
 * every long-poll is woken then (a signal may have been missed meanwhile).
 */
class PostgresBus implements SignalBus {
  private readonly instance = randomBytes(6).toString('hex');
  private readonly listeners: ((signal: StoreSignal) => void)[] = [];
  private client: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      if (!message.payload) return;
      const at = message.payload.indexOf(' ');
      if (message.payload.slice(0, at) === this.instance) return;
      try {
        this.emit(JSON.parse(message.payload.slice(at + 1)) as StoreSignal);
      } catch {
        // Not ours: ignore.
      }
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  private reconnect(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    const retry = () => {
      if (this.closed) return;
      this.start()
        .then(() => this.emit({ channel: 'all-orders' }))
        .catch(() => setTimeout(retry, RECONNECT_MS).unref());
    };
    setTimeout(retry, RECONNECT_MS).unref();
  }

  private emit(signal: StoreSignal): void {
    for (const listener of this.listeners) listener(signal);
  }

  async publish(signals: readonly StoreSignal[]): Promise<void> {
    for (const signal of signals) this.emit(signal);
    for (const signal of signals)
      await this.pool.query('SELECT pg_notify($1, $2)', [
        CHANNEL,
        `${this.instance} ${JSON.stringify(signal)}`,
      ]);
  }

  subscribe(listener: (signal: StoreSignal) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** Integer types PostgreSQL returns as strings by default, read as numbers (epoch ms fit in 2^53). */
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** How many prepared statements the SQLite store keeps (a few dozen distinct queries in practice). */
const STATEMENT_CACHE = 512;

/**
 * better-sqlite3 with its prepared statements kept by SQL text: Kysely prepares each query it runs,
 * and preparing costs more than running the short queries of a status read.
 */
function cachingStatements(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE) statements.clear();
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * The pool Kysely uses, running the status read's queries as named prepared statements: PostgreSQL
 * then parses and plans each of them once per connection instead of once per call (a primary-key
 * read: 12,400 → 20,100 queries/s from ten connections on the 2-core machine). Only the texts in
 * `named` (a few fixed ones, registered once the store compiled them), so a connection never holds
 * more prepared statements than that.
 */
function preparingPool(pool: pg.Pool, named: ReadonlyMap<string, string>): PostgresPool {
  // One wrapper per pg client, so Kysely (which keeps its connection objects by client) sees the same one.
  const wrappers = new WeakMap<pg.PoolClient, PreparingClient>();
  const wrap = (client: pg.PoolClient) => {
    const known = wrappers.get(client);
    if (known) return known;
    const wrapper = new PreparingClient(client, named);
    wrappers.set(client, wrapper);
    return wrapper;
  };
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() };
}

/**
 * SQLSTATE 0A000 "cached plan must not change result type": a statement prepared on this connection
 * selects columns whose type another instance's migration changed. Prepared again under a new name.
 */
const PLAN_CHANGED = '0A000';

class PreparingClient implements PostgresPoolClient {
  /** Per statement name, how many times it was prepared again on this connection (its name's suffix). */
  private readonly replanned = new Map<string, number>();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly named: ReadonlyMap<string, string>,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sql: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sql !== 'string') return this.client.query(sql as never) as never;
    const values = [...(parameters ?? [])];
    const name = this.named.get(sql);
    if (!name) return this.client.query(sql, values) as never;
    return this.prepared(name, sql, values).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== PLAN_CHANGED) throw error;
      // Prepared again under a new name and run once more. Inside a transaction that run fails too
      // (the error ended the transaction), so that transaction fails once; the next ones use the new name.
      this.replanned.set(name, (this.replanned.get(name) ?? 0) + 1);
      return this.prepared(name, sql, values);
    }) as never;
  }

  private prepared(name: string, text: string, values: unknown[]) {
    const generation = this.replanned.get(name) ?? 0;
    return this.client.query({ name: generation ? `${name}_${generation}` : name, text, values });
  }

  release(): void {
    this.client.release();
  }
}

/** Opens and migrates the store. */
export async function openStore(url: string, options: { poolSize?: number } = {}): Promise<Store> {
  const kind = storeKind(url);
  if (kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => undefined);
    const named = new Map<string, string>();
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: preparingPool(pool, named) }) });
    try {
      await migrate(db, 'postgres');
      const bus = new PostgresBus(pool, url);
      await bus.start();
      const store = new KyselyStore(db, 'postgres', bus);
      for (const [key, text] of store.hotQueryTexts()) named.set(text, `kassa_${key}`);
      return store;
    } catch (error) {
      await db.destroy().catch(() => undefined);
      throw error;
    }
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new Database(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  await migrate(db, 'sqlite');
  return new KyselyStore(db, 'sqlite', new LocalBus());
}
