import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): where the
 * busy time went, by function, as self time and as inclusive time. Idle time
 * is left out of the percentages so that they read as "share of the work".
 *
 *   npm run bench:profile -- bench-profiles/CPU.*.cpuprofile [--top N]
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function label(cf: CallFrame): string {
  const where = cf.url ? ` ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}` : '';
  return `${cf.functionName || '(anonymous)'}${where}`;
}

export function summarise(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const timeOf = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, us] of timeOf) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const name = label(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + us);
    // Each function once per sample, however deep its recursion.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = label(byId.get(cur)!.callFrame);
      if (frame === '(root)' || seen.has(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + us);
    }
  }
  const table = (title: string, m: Map<string, number>) =>
    [
      `${title}:`,
      ...[...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(
          ([name, us]) => `${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(6)}%  ${name}`,
        ),
    ].join('\n');
  return [
    `busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s`,
    table('Self time (share of busy time)', self),
    table('Inclusive time (share of busy time)', inclusive),
  ].join('\n\n');
}

function main(argv: string[]): number {
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 25;
  const files = argv.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
  if (files.length === 0 || !Number.isInteger(top) || top < 1) {
    process.stderr.write('Usage: npm run bench:profile -- FILE.cpuprofile... [--top N]\n');
    return 2;
  }
  for (const file of files) {
    let profile: CpuProfile;
    try {
      profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    } catch (err) {
      process.stderr.write(`bench:profile: cannot read ${file}: ${(err as Error).message}\n`);
      return 1;
    }
    process.stdout.write(`== ${basename(file)}\n${summarise(profile, top)}\n\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
