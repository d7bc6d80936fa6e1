import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run bench -- ...` without npm's banner on stdout. */
async function bench(args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', ...args],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// The benchmarks are not tests: nothing here looks at how fast anything is.
// This keeps them from rotting: the cheap scenarios run at the quick scale,
// and every key they own is a finite number, or null with a reason.
describe('npm run bench -- --quick --json', () => {
  it('runs the encode and ingest scenarios and reports every key they own', async () => {
    const r = await bench(['--quick', '--json', '--only', 'encode,ingest']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & {
      reasons: Record<string, string>;
      spread: Record<string, { min: number | null; max: number | null }>;
      failures: unknown[];
    };
    expect(report.scale).toBe('quick');
    expect(report.failures).toEqual([]);
    for (const key of ['encode_records_per_s', 'encode_ratio_vs_otel_js', 'ingest_records_per_s']) {
      const value = report[key];
      if (value === null) expect(report.reasons[key], key).toMatch(/\S/);
      else {
        expect(typeof value, key).toBe('number');
        expect(Number.isFinite(value), key).toBe(true);
        expect(value as number, key).toBeGreaterThan(0);
        expect(report.spread[key], key).toBeDefined();
      }
    }
  }, 180_000);

  it('refuses an unknown scenario with exit status 2', async () => {
    const r = await bench(['--only', 'nonsense']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no scenario named nonsense/);
  }, 60_000);
});
