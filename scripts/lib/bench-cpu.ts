/**
 * Who used the CPU during a measurement (`npm run bench:server`): the load generator, the server
 * processes, PostgreSQL, and everything else on the machine — so a figure from a shared 2-core
 * machine can be read for what it is. Linux /proc only; elsewhere every share is NaN.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Average CPU use over the interval, in cores (1.0 = one core busy all the time). */
export interface CpuShare {
  bench: number;
  servers: number;
  postgres: number;
  other: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process (all its threads), in ticks; undefined once it is gone. */
function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5), counted after the command name (which ends at field 2).
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** Busy ticks of the whole machine (all but idle and iowait). */
function machineTicks(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
    return total - (values[3] ?? 0) - (values[4] ?? 0);
  } catch {
    return Number.NaN;
  }
}

function postgresPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

function sum(pids: number[], at: Map<number, number>): number {
  let total = 0;
  for (const pid of pids) {
    const ticks = processTicks(pid);
    const start = at.get(pid);
    if (ticks !== undefined && start !== undefined) total += ticks - start;
  }
  return total;
}

/** Starts sampling; `stop()` answers the shares since then. `serverPids` are the server processes. */
export function cpuSampler(serverPids: number[]): { stop(): CpuShare } {
  const started = performance.now();
  const bench = process.cpuUsage();
  const machine = machineTicks();
  const pg = postgresPids();
  const at = new Map<number, number>();
  for (const pid of [...serverPids, ...pg]) {
    const ticks = processTicks(pid);
    if (ticks !== undefined) at.set(pid, ticks);
  }
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(bench);
      const cores = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
      const share = {
        bench: (used.user + used.system) / 1e6 / seconds,
        servers: cores(sum(serverPids, at)),
        postgres: cores(sum(pg, at)),
      };
      const busy = cores(machineTicks() - machine);
      return { ...share, other: Math.max(0, busy - share.bench - share.servers - share.postgres) };
    },
  };
}

/** `0.9 / 1.0 / 0.0 / 0.1` */
export function fmtShare(share: CpuShare | undefined): string {
  if (!share) return '–';
  return [share.bench, share.servers, share.postgres, share.other]
    .map((n) => (Number.isFinite(n) ? n.toFixed(1) : '?'))
    .join(' / ');
}
