/**
 * PostgreSQL for tests (design §5): `KASSA_TEST_PG` names a server (e.g.
 * `postgres://postgres@127.0.0.1:5432/test`); every suite gets a database of its own, created here and
 * dropped afterwards, so suites and parallel runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL URL the PostgreSQL tests run against, or undefined when they are not to run. */
export const TEST_PG_URL: string | undefined = process.env.KASSA_TEST_PG || undefined;

/** A fresh, empty database on the `KASSA_TEST_PG` server; `drop()` removes it (closing its sessions). */
export async function createTestDatabase(
  prefix = 'kassa_t',
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  if (!TEST_PG_URL) throw new Error('KASSA_TEST_PG is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
