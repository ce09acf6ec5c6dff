/**
 * The server benchmark's HTTP client (`npm run bench:server`): Node's own http module with
 * keep-alive agents, a timed request, a bounded worker pool and latency percentiles.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One finished request: its status and body, and when it was sent and answered (performance.now()). */
export interface Reply {
  status: number;
  body: string;
  sentAt: number;
  answeredAt: number;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Called once the request is on the wire (headers and body flushed). */
  onSent?: () => void;
}

/** One server instance as the client sees it: its base URL and the agent its requests share. */
export class Target {
  readonly host: string;
  readonly port: number;

  constructor(
    readonly url: string,
    readonly agent: http.Agent,
  ) {
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port);
  }

  /** Sends one request and reads the whole answer; rejects on socket errors and aborts only. */
  request(path: string, options: RequestOptions = {}): Promise<Reply> {
    const { method = 'GET', headers = {}, body, signal, onSent } = options;
    return new Promise((resolve, reject) => {
      const sentAt = performance.now();
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          path,
          method,
          agent: this.agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          ...(signal ? { signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              sentAt,
              answeredAt: performance.now(),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (onSent) req.on('finish', onSent);
      req.end(body);
    });
  }
}

/** A keep-alive agent holding at most `maxSockets` connections to one instance (the last used first). */
export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
}

/**
 * Runs `work` over `items` with at most `concurrency` at once, starting none after `until`
 * (a performance.now() time); resolves with how many were started, once they are done.
 */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  until = Number.POSITIVE_INFINITY,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && performance.now() < until) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return next;
}

/** A performance.now() time `ms` from now. */
export const deadline = (ms: number): number => performance.now() + ms;

/** Counts failures by kind (`HTTP 500`, `ECONNRESET`, …), for the report. */
export class Failures {
  readonly counts = new Map<string, number>();

  add(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  /** Records a rejected request by its error code, e.g. `status read: ECONNRESET`. */
  addError(error: unknown, phase: string): void {
    const code = (error as { code?: unknown }).code;
    this.add(
      `${phase}: ${typeof code === 'string' ? code : error instanceof Error ? error.message : 'error'}`,
    );
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  merge(other: Failures): void {
    for (const [kind, n] of other.counts) this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }

  toString(): string {
    return [...this.counts].map(([kind, n]) => `${n}× ${kind}`).join(', ');
  }
}

/** The `p`th percentile (0–100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** `12,345` */
export const fmtInt = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';

/** Milliseconds with one decimal below 10 ms, whole above. */
export const fmtMs = (n: number): string =>
  Number.isFinite(n) ? (Math.abs(n) < 10 ? n.toFixed(1) : Math.round(n).toString()) : '–';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
