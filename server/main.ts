/**
 * The standalone server: the only place that opens a port. `--demo` prints the demo URL once ready.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Kassa cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const kassa = createApp({ config });
  try {
    await kassa.ready;
  } catch (error) {
    process.stderr.write(
      `Kassa cannot start: the store (KASSA_DB) cannot be opened.\n${(error as Error).message}\n`,
    );
    process.exit(1);
  }
  const server = serve({ fetch: kassa.fetch, port: config.port }, async (info) => {
    kassa.start();
    const url = config.publicUrl;
    const ready = await kassa.app.request('/readyz');
    if (ready.status !== 200) {
      process.stderr.write('Kassa is not ready: the store does not answer.\n');
      process.exit(1);
    }
    const label = process.argv.includes('--demo') ? 'Kassa demo' : 'Kassa server';
    process.stdout.write(`${label}: ${url}/\n`);
    process.stdout.write(`(mode ${config.mode}, listening on port ${info.port})\n`);
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    void kassa.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
