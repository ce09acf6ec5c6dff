/**
 * Shared by the multi-instance suites: whether they run, and the cluster's lifetime with the
 * instances' output printed when a test fails.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { TEST_PG_URL } from '../support/pg.ts';

/**
 * The suites run under vitest.multi.config.ts (which sets KASSA_MULTI=1) with KASSA_TEST_PG set; the
 * main Vitest config excludes them (they start server processes and need the machine to themselves).
 */
export const RUN_MULTI = Boolean(TEST_PG_URL) && process.env.KASSA_MULTI === '1';

/** The last lines of `text` (instance logs can be long). */
const tail = (text: string, lines = 60) => text.split('\n').slice(-lines).join('\n');

/**
 * Starts a cluster before the suite's tests and stops it after; `current()` is the running cluster.
 * `env` is evaluated in beforeAll (e.g. after a receiver started and knows its URL).
 */
export function useCluster(env: () => Record<string, string> = () => ({})) {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster({ env: env() });
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail' && cluster) {
      process.stderr.write(`\n===== instance logs after "${context.task.name}" (tail)\n`);
      for (const instance of cluster.instances) {
        process.stderr.write(
          `----- ${instance.name} ${instance.url} pid ${instance.pid}\n${tail(instance.logs())}\n`,
        );
      }
    }
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return {
    current(): Cluster {
      if (!cluster) throw new Error('the cluster did not start');
      return cluster;
    },
  };
}
