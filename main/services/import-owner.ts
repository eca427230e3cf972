// Who is writing an unfinished import, and whether that process still runs. Any number of fleetplan processes
// (the app, `fleetplan serve`, CLIs) share a data folder, and each start clears imports that a crash left
// half-written: it must never clear one that a live process is still writing.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { OwnerProcess } from '../../db/queries/workloads';

/**
 * How long an import on another host may go without writing before its row counts as abandoned. A pid means
 * nothing across hosts; fleetplan writes a chunk every 100,000 requests (well under a second, `npm run bench`
 * import line), so ten minutes of silence is a dead or frozen writer, and a frozen one that wakes finds its
 * row gone and fails with a clear message instead of writing into anything else.
 */
export const FOREIGN_HOST_LEASE_MS = 10 * 60_000;

/**
 * Tolerance when comparing process start times: Linux derives them from /proc/stat's btime, which moves by up
 * to a second when the clock is adjusted (proc(5), "btime"); a pid is not reused within seconds of its last
 * owner's start unless the whole pid space wraps.
 */
const START_TOLERANCE_MS = 2_000;

/** USER_HZ, the unit of /proc/<pid>/stat's starttime: 100 on every Linux architecture fleetplan ships for (proc(5)). */
const CLOCK_TICKS_PER_S = 100;

/** A process's start time in ms since the epoch from /proc, or undefined where there is no /proc or no such pid. */
export function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) may hold spaces and parentheses: count fields from after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!btime || !Number.isFinite(ticks)) return undefined;
    return Number(btime[1]) * 1000 + (ticks * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

let self: OwnerProcess | undefined;

export function thisProcess(): OwnerProcess {
  self ??= {
    pid: process.pid,
    host: hostname(),
    startedMs: Math.round(processStartMs(process.pid) ?? Date.now() - process.uptime() * 1000),
  };
  return self;
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the owner of an unfinished import is certainly gone: on this host, its pid no longer runs or now
 * belongs to a process started at another time; on another host, it has not written for the lease. A row
 * without an owner was left by a fleetplan from before owners were recorded (migration 0003): gone.
 */
export function ownerIsGone(owner: OwnerProcess | null, heartbeatMs: number | null, nowMs: number, me: OwnerProcess = thisProcess()): boolean {
  if (owner === null) return true;
  if (owner.host !== me.host) return heartbeatMs === null || nowMs - heartbeatMs > FOREIGN_HOST_LEASE_MS;
  if (owner.pid === me.pid) return Math.abs(owner.startedMs - me.startedMs) > START_TOLERANCE_MS;
  if (!pidRuns(owner.pid)) return true;
  const started = processStartMs(owner.pid);
  return started !== undefined && Math.abs(started - owner.startedMs) > START_TOLERANCE_MS;
}
