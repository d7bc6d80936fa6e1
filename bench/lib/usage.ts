/** What a bench process reports about itself: CPU time and resident memory. */
export interface ProcessUsage {
  /** User + system CPU time of the whole process (every thread), microseconds. */
  cpuUs: number;
  /** Resident set size (VmRSS), MiB. */
  rssMb: number;
}

export function selfUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  return { cpuUs: cpu.user + cpu.system, rssMb: process.memoryUsage.rss() / (1024 * 1024) };
}
