/**
 * Clocks: the system clock in live mode, and a sandbox clock that `POST /sandbox/clock` moves forward.
 */
import type { Clock } from './types.ts';

/** Real time. */
export const systemClock: Clock = { now: () => Date.now() };

/** Real time plus an offset that only grows (sandbox mode); `persist` keeps it across restarts. */
export class SandboxClock implements Clock {
  constructor(
    private offsetMs = 0,
    private readonly persist: (offsetMs: number) => void = () => {},
  ) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward by whole seconds. */
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
    this.persist(this.offsetMs);
  }
}
