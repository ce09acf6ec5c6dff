/**
 * Sandbox fault injection (`POST /sandbox/faults`, design §4): armed faults are taken by the emulators.
 * They live in the store (provider records, one per armed use), so with several instances a fault
 * armed through one is taken by whichever instance answers the call, exactly once: a use is claimed by
 * a guarded update from `armed` to `used`.
 */
import type { Store } from './store/store.ts';
import type { FaultKind, Faults, ProviderName } from './types.ts';

const NS = 'sandbox.fault';
/** More than any test arms; keeps a runaway `count` from filling the store. */
const MAX_COUNT = 100;

interface Armed {
  provider: ProviderName;
  endpoint: string | null;
  fault: FaultKind;
}

/** Armed faults, consumed in arming order. */
export class FaultRegistry implements Faults {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Arms a fault for the next `count` matching calls (any endpoint when none is given). */
  async arm(provider: ProviderName, fault: FaultKind, endpoint?: string, count = 1): Promise<void> {
    await this.store.transaction(async () => {
      for (let use = 0; use < Math.min(count, MAX_COUNT); use += 1) {
        const seq = await this.store.records.nextSeq(NS, 1);
        await this.store.records.insert<Armed>(
          NS,
          {
            id: String(seq).padStart(12, '0'),
            status: 'armed',
            grp: provider,
            data: { provider, endpoint: endpoint ?? null, fault },
          },
          this.now(),
        );
      }
    });
  }

  async take(provider: ProviderName, endpoint: string): Promise<FaultKind | null> {
    const armed = await this.store.records.list<Armed>(NS, { grp: provider, status: ['armed'] });
    for (const match of armed) {
      if (match.data.endpoint !== null && match.data.endpoint !== endpoint) continue;
      const taken = await this.store.records.update(NS, match.id, { status: 'used' }, this.now(), {
        ifStatus: ['armed'],
      });
      // Taken by another instance meanwhile: try the next one.
      if (taken) return match.data.fault;
    }
    return null;
  }

  async clear(): Promise<void> {
    for (const record of await this.store.records.list(NS, { status: ['armed', 'used'] }))
      await this.store.records.remove(NS, record.id);
  }
}
