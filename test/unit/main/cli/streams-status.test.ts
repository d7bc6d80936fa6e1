import { describe, expect, it } from 'vitest';
import {
  statusDetail,
  statusTable,
  type StreamStatusJson,
} from '../../../../src/main/cli/commands/streams/status';
import { zeroTotals } from '../../../../src/shared/api/engine';

const HOUR = 3_600_000;

function row(over: Partial<StreamStatusJson>): StreamStatusJson {
  return {
    name: 'DT',
    id: 's1',
    active: true,
    status: 'active',
    statusLabel: 'Active',
    statusReason: null,
    running: true,
    sending: 'sending',
    rates: { recordsInPerSec: 0, recordsOutPerSec: 0, bytesOutPerSec: 0, errorsPerSec: 0 },
    totals: zeroTotals(),
    backlog: { records: 0, bytes: 0, oldestAgeMs: null },
    logAge: null,
    wouldChange: {},
    processing: [],
    lastError: null,
    ...over,
  };
}

describe('sluice streams status NAME: the Dynatrace lines', () => {
  it('prints the oldest buffered record against the log-age limit, and the per-rule counts', () => {
    const text = statusDetail(
      row({
        logAge: {
          oldestRecordAgeMs: 23 * HOUR + 15 * 60_000,
          limitMs: 24 * HOUR,
          crossesWithinMs: 45 * 60_000,
        },
        wouldChange: {
          'limit.content-length': 12,
          'timestamp.too-old': 3,
          'attribute.nesting-limit': 0,
        },
      }),
    );
    expect(text).toContain(
      '  Log age:   oldest buffered record 23 h 15 min old; Dynatrace discards records older than 24 h\n',
    );
    expect(text).toContain(
      '  WARNING:   At the current drain rate the oldest buffered records pass the 24 h log-age limit in 45 min 0 s',
    );
    expect(text).toContain(
      '  Dynatrace would change (records, since start):\n' +
        '    timestamp.too-old: 3 (older than the log age limit: the record is discarded)\n' +
        '    limit.content-length: 12 (content longer than the documented limit)\n',
    );
    expect(text).not.toContain('nesting');
  });

  it('says when nothing would change, and no warning while the backlog is safe', () => {
    const text = statusDetail(
      row({ logAge: { oldestRecordAgeMs: null, limitMs: 24 * HOUR, crossesWithinMs: null } }),
    );
    expect(text).toContain(
      'Log age:   nothing buffered; Dynatrace discards records older than 24 h',
    );
    expect(text).toContain('Dynatrace would change: nothing so far');
    expect(text).not.toContain('WARNING');
  });

  it('prints nothing of the kind for other tools', () => {
    const text = statusDetail(row({ logAge: null, wouldChange: {} }));
    expect(text).not.toContain('Log age');
    expect(text).not.toContain('Dynatrace would change');
  });
});

describe('sluice streams status: the LOG AGE column', () => {
  it('shows the age against the limit, marked when it will cross soon, and - for other tools', () => {
    const table = statusTable([
      row({
        name: 'DT',
        logAge: { oldestRecordAgeMs: 23 * HOUR, limitMs: 24 * HOUR, crossesWithinMs: 60_000 },
      }),
      row({ name: 'NR', logAge: null }),
    ]);
    const [head, dt, nr] = table.split('\n');
    expect(head).toContain('LOG AGE');
    expect(dt).toContain('23 h/24 h !');
    expect(nr!.slice(head!.indexOf('LOG AGE')).startsWith('- ')).toBe(true);
  });
});
