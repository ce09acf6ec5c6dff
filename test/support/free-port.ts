/** A free loopback port for a server the tests or benchmarks start. */
import { createServer } from 'node:net';

/** A port the OS says is free right now (a tiny race with other programs is accepted). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}
