import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBenchRoot } from '../../../src/main/cli/commands/bench';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('sluice bench', () => {
  it('finds the checkout from the source tree and from the built CLI', () => {
    const expected = root.replace(/\/$/, '');
    expect(findBenchRoot(join(root, 'src/main/cli/commands/bench.ts'))).toBe(expected);
    expect(findBenchRoot(join(root, 'out/main/cli.js'))).toBe(expected);
  });

  it('finds nothing outside a checkout (an installed copy has no benchmarks)', () => {
    expect(findBenchRoot('/usr/lib/sluice/resources/app/out/main/cli.js')).toBeNull();
  });
});
