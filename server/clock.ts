/**
 * Clocks: the system clock in live mode, and a sandbox clock that `POST /sandbox/clock` moves forward.
 */
import type { Clock } from './types.ts';

/** Real time. */
export const systemClock: Clock = { now: () => Date.now() };

/** Real time plus an offset that only grows (sandbox mode). */
export class SandboxClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward by whole seconds. */
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}
