import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// Linux reports thread CPU time in clock ticks (USER_HZ), 100 per second.
const usPerTick = 10_000;

/** This thread's id on Linux (from /proc/thread-self), or null elsewhere. */
export function currentTid(): number | null {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}

/**
 * CPU time of this process's threads (Linux /proc; empty elsewhere), by the
 * role the caller names per thread id; every other thread (V8's garbage
 * collection and compiler helpers, libuv's pool for gzip and file reads)
 * counts as "helpers".
 */
export function threadCpu(roles: ReadonlyMap<number, string>): Record<string, number> {
  const out: Record<string, number> = {};
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // utime and stime are fields 14 and 15, i.e. 12 and 13 after the ") ".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const us = (Number(fields[11]) + Number(fields[12])) * usPerTick;
      const role = roles.get(Number(tid)) ?? 'helpers';
      out[role] = (out[role] ?? 0) + us;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}
