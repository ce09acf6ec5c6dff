/**
 * What `KASSA_DB` selects (design §3 env): a SQLite file path, or PostgreSQL for a `postgres://` or
 * `postgresql://` URL. Any other `scheme://` is a clear error, never a file name (an earlier release
 * took a PostgreSQL URL for a SQLite path and created a folder `postgres:`).
 */
import type { Dialect } from './migrations.ts';

/** The dialect for a `KASSA_DB` value; throws a clear error for an unsupported URL scheme. */
export function storeKind(url: string): Dialect {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'sqlite';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  if (scheme === 'file' || scheme === 'sqlite')
    throw new Error(`KASSA_DB: give the SQLite database as a plain path, not a ${scheme}:// URL`);
  throw new Error(
    `KASSA_DB: unsupported scheme "${scheme}://" (use a SQLite file path, or a postgres:// or postgresql:// URL)`,
  );
}
