/**
 * Slows down clients that keep failing authentication (hardening beyond design §3 "Who may call
 * what"): each client has a bucket of failed attempts (a small burst, refilled at a few per second).
 * A client with an empty bucket is refused before its key is checked; a client that has not been
 * failing has no bucket and is never slowed. In process memory, bounded: at most `maxClients`
 * buckets, the least recently failing forgotten first, full buckets dropped. With several instances
 * each keeps its own, so the budget is per instance (a brake on guessing, not a shared quota).
 */
import { HttpError } from '../http-error.ts';

export interface FailureLimiterOptions {
  /** Failed attempts a client may make at once. */
  burst?: number;
  /** Failed attempts a client earns back per second. */
  perSecond?: number;
  /** Clients tracked at most. */
  maxClients?: number;
  /** Milliseconds now (real time, not the sandbox clock; tests inject their own). */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

/** Per-client budgets of failed attempts. */
export class FailureLimiter {
  readonly burst: number;
  readonly perSecond: number;
  readonly maxClients: number;
  private readonly now: () => number;
  /** Ordered by last failure, oldest first (Map keeps insertion order). */
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: FailureLimiterOptions = {}) {
    this.burst = options.burst ?? 5;
    this.perSecond = options.perSecond ?? 2;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** How many clients are tracked. */
  get size(): number {
    return this.buckets.size;
  }

  /** Milliseconds until `client` may try again; 0 when it may try now. */
  retryAfterMs(client: string): number {
    const bucket = this.buckets.get(client);
    if (!bucket) return 0;
    const tokens = this.refilled(bucket, this.now());
    // Rounded up to whole milliseconds; the small epsilon keeps floating-point dust from adding one.
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.perSecond) * 1000 - 1e-6);
  }

  /** Spends one failed attempt of `client`. */
  recordFailure(client: string): void {
    const now = this.now();
    const bucket = this.buckets.get(client);
    const tokens = bucket ? this.refilled(bucket, now) : this.burst;
    this.buckets.delete(client);
    this.buckets.set(client, { tokens: Math.max(0, tokens - 1), at: now });
    this.forget(now);
  }

  private refilled(bucket: Bucket, now: number): number {
    return Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.perSecond);
  }

  /** Drops the oldest buckets past `maxClients`, and old buckets that have filled up again. */
  private forget(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (this.buckets.size > this.maxClients || this.refilled(bucket, now) >= this.burst) {
        this.buckets.delete(client);
      } else {
        break;
      }
    }
  }
}

/** 429 with `Retry-After` (whole seconds): the client has spent its failed attempts for now. */
export class RateLimitedError extends HttpError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(429, 'RATE_LIMITED', `Too many failed attempts from this client. Try again in ${seconds} s.`);
    this.retryAfterSeconds = seconds;
  }

  override getResponse(): Response {
    const res = super.getResponse();
    res.headers.set('Retry-After', String(this.retryAfterSeconds));
    return res;
  }
}
