/**
 * Sandbox fault injection (`POST /sandbox/faults`, design §4): armed faults are taken by the emulators.
 */
import type { FaultKind, Faults, ProviderName } from './types.ts';

interface Armed {
  provider: ProviderName;
  endpoint: string | undefined;
  fault: FaultKind;
  remaining: number;
}

/** An in-memory list of armed faults, consumed in arming order. */
export class FaultRegistry implements Faults {
  private armed: Armed[] = [];

  /** Arms a fault for the next `count` matching calls (any endpoint when none is given). */
  arm(provider: ProviderName, fault: FaultKind, endpoint?: string, count = 1): void {
    this.armed.push({ provider, endpoint, fault, remaining: count });
  }

  take(provider: ProviderName, endpoint: string): FaultKind | null {
    const match = this.armed.find(
      (a) => a.provider === provider && (a.endpoint === undefined || a.endpoint === endpoint),
    );
    if (!match) return null;
    match.remaining -= 1;
    if (match.remaining <= 0) this.armed = this.armed.filter((a) => a !== match);
    return match.fault;
  }

  clear(): void {
    this.armed = [];
  }
}
