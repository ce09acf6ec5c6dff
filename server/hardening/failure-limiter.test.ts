import { describe, expect, it } from 'vitest';
import { FailureLimiter, RateLimitedError } from './failure-limiter.ts';

/** A limiter on a clock the test moves by hand. */
function limiterAt(options: { burst?: number; perSecond?: number; maxClients?: number } = {}) {
  let now = 1_000_000;
  const limiter = new FailureLimiter({ ...options, now: () => now });
  return {
    limiter,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('FailureLimiter', () => {
  it('never holds back a client that has not failed', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 1000; i++) expect(limiter.retryAfterMs('10.0.0.1')).toBe(0);
    expect(limiter.size).toBe(0);
  });

  it('allows a burst of failures, then one more each time the rate earns it back', () => {
    const { limiter, advance } = limiterAt({ burst: 5, perSecond: 2 });
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfterMs('10.0.0.1')).toBe(0);
      limiter.recordFailure('10.0.0.1');
    }
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(500);
    advance(499);
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(1);
    advance(1);
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(0);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(500);
  });

  it('holds a steady stream of failures to the rate: 2 per second over a minute', () => {
    const { limiter, advance } = limiterAt({ burst: 5, perSecond: 2 });
    let allowed = 0;
    for (let ms = 0; ms < 60_000; ms += 10) {
      if (limiter.retryAfterMs('10.0.0.1') === 0) {
        limiter.recordFailure('10.0.0.1');
        allowed++;
      }
      advance(10);
    }
    expect(allowed).toBe(5 + 60 * 2 - 1);
  });

  it('keeps clients apart: one failing client does not slow another', () => {
    const { limiter } = limiterAt({ burst: 2 });
    limiter.recordFailure('10.0.0.1');
    limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterMs('10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('10.0.0.2')).toBe(0);
  });

  it('forgets a client once its budget is whole again', () => {
    const { limiter, advance } = limiterAt({ burst: 5, perSecond: 2 });
    limiter.recordFailure('10.0.0.1');
    advance(600);
    limiter.recordFailure('10.0.0.2');
    expect(limiter.size, '10.0.0.1 earned its attempt back').toBe(1);
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(0);
  });

  it('tracks at most maxClients, forgetting the least recently failing first', () => {
    const { limiter, advance } = limiterAt({ burst: 1, perSecond: 0.001, maxClients: 100 });
    for (let i = 0; i < 10_000; i++) {
      limiter.recordFailure(`10.0.${Math.floor(i / 256)}.${i % 256}`);
      advance(1);
    }
    expect(limiter.size).toBe(100);
    expect(limiter.retryAfterMs('10.0.39.15'), 'the last client is still held back').toBeGreaterThan(0);
    expect(limiter.retryAfterMs('10.0.0.0'), 'the first was forgotten').toBe(0);
  });

  it('answers 429 RATE_LIMITED with Retry-After in whole seconds', async () => {
    const res = new RateLimitedError(1200).getResponse();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many failed attempts from this client. Try again in 2 s.',
      },
    });
    expect(new RateLimitedError(1).getResponse().headers.get('retry-after')).toBe('1');
  });
});
