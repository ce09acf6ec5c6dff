/**
 * Clocks: the system clock in live mode, and a sandbox clock that `POST /sandbox/clock` moves forward
 * or resets to real time (design §4 "Test controls").
 */
import type { Clock } from './types.ts';

/** Real time. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Real time plus an offset (sandbox mode): `advance` grows it, `reset` sets it back to zero, so the
 * clock can go back; `persist` keeps the offset in the store across restarts and tells the other
 * instances, which `adopt` it (design §3 "Several instances": the sandbox clock is shared). Whatever
 * expired while the clock was ahead stays expired: expiry is applied to the stored orders, never
 * re-derived from the clock.
 */
export class SandboxClock implements Clock {
  constructor(
    private offsetMs = 0,
    private readonly persist: (offsetMs: number) => Promise<void> = async () => {},
  ) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward by whole seconds. */
  async advance(seconds: number): Promise<void> {
    this.offsetMs += seconds * 1000;
    await this.persist(this.offsetMs);
  }

  /** Brings the clock back to real time; answers how many milliseconds it went back. */
  async reset(): Promise<number> {
    const backMs = this.offsetMs;
    this.offsetMs = 0;
    await this.persist(0);
    return backMs;
  }

  /** Takes the offset another instance set. */
  adopt(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}
