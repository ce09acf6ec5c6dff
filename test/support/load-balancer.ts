/**
 * A tiny round-robin HTTP load balancer for the multi-instance tests: the one `KASSA_PUBLIC_URL` in
 * front of several server processes, so anything addressed to the public URL (a shopper, a till, a
 * provider's callback) may reach any instance. Like a real balancer it skips an instance that refuses
 * connections (a killed process) and tries the next; a request an instance accepted is never sent
 * twice. Every request is recorded with the instance that answered it.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the balancer passed it on. */
export interface BalancedRequest {
  method: string;
  path: string;
  /** The upstream that answered (its base URL), or null when none could be reached. */
  target: string | null;
  status: number | null;
}

export interface LoadBalancer {
  /** The balancer's base URL (no trailing slash). */
  url: string;
  /** Replaces the upstreams (base URLs like `http://127.0.0.1:1234`). */
  setTargets(targets: string[]): void;
  /** What passed through so far. */
  readonly requests: readonly BalancedRequest[];
  close(): Promise<void>;
}

/** Errors that mean the upstream never received the request, so another one may take it. */
const NOT_RECEIVED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Starts a balancer on a free loopback port, with no upstream yet (set them with `setTargets`). */
export async function startLoadBalancer(): Promise<LoadBalancer> {
  let targets: string[] = [];
  let next = 0;
  const requests: BalancedRequest[] = [];

  const forward = (
    target: string,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<{ ok: true; status: number } | { ok: false; retry: boolean; error: Error }> =>
    new Promise((settle) => {
      const upstream = new URL(target);
      const outgoing = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          settle({ ok: true, status: answer.statusCode ?? 502 });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) res.destroy(error);
        settle({ ok: false, retry: NOT_RECEIVED.has(error.code ?? ''), error });
      });
      // The client went away (e.g. an aborted long-poll): drop the upstream request too.
      res.on('close', () => {
        if (!res.writableFinished) outgoing.destroy();
      });
      outgoing.end(body);
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const record: BalancedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        target: null,
        status: null,
      };
      requests.push(record);
      const order = targets.map((_, i) => targets[(next + i) % targets.length] as string);
      next = targets.length > 0 ? (next + 1) % targets.length : 0;
      let lastError: Error | undefined;
      for (const target of order) {
        const outcome = await forward(target, req, body, res);
        if (outcome.ok) {
          record.target = target;
          record.status = outcome.status;
          return;
        }
        lastError = outcome.error;
        if (!outcome.retry) break;
      }
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { code: 'BAD_GATEWAY', message: `load balancer: ${lastError?.message ?? 'no upstream'}` },
          }),
        );
      }
    });
  });
  // Long-polls last up to 30 s: no server-side timeouts on the balancer.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setTargets(list) {
      targets = [...list];
      next = 0;
    },
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
