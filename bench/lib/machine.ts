import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  memoryGb: number;
  /** 1-minute load average when the run started and ended: above ~0.5 per CPU, the machine was busy. */
  loadAtStart: number;
  loadAtEnd: number | null;
}

export function machineInfo(): MachineInfo {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAtStart: loadavg()[0] ?? 0,
    loadAtEnd: null,
  };
}

export function loadNow(): number {
  return loadavg()[0] ?? 0;
}
