import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspectCommand } from '../../../src/main/cli/commands/inspect';
import type { CliIo } from '../../../src/main/cli/command';

const fixtures = fileURLToPath(new URL('../../fixtures/otlp/', import.meta.url));
const NOW = ['--now', '2023-11-09T10:00:00Z'];
const TOKEN =
  'dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM';

interface Output {
  records: {
    timestamp: string;
    loglevel: string;
    content: string;
    attributes: Record<string, unknown>;
    notes: { field: string; rule: string; detail: string }[];
  }[];
  dropped: { index: number; reason: string }[];
}

async function inspect(args: string[], stdin: Uint8Array | string = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: () => Promise.resolve(Buffer.from(stdin)),
    env: {},
    cwd: fixtures,
    stopSignal: new Promise<string>(() => {}),
  };
  const code = await inspectCommand.run(args, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Output };
}

/** Bad input: exit 2, exactly one line on stderr, no stack trace, nothing on stdout. */
async function expectBadInput(args: string[], stdin: Uint8Array | string, message: RegExp) {
  const result = await inspect(args, stdin);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

describe('sluice inspect --help', () => {
  it('documents every option and exits 0', async () => {
    const { code, stdout } = await inspect(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '[FILE|-]',
      '--model raw|flattened',
      '--processing openpipeline|classic',
      '--token TOKEN',
      '--auth-origin ID',
      '--now RFC3339',
      '--outsystems-truncation',
      '--profile current-docs|classic|seed',
      '--tenant saas-openpipeline|saas-classic|managed',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toBe(inspectCommand.help);
    expect(inspectCommand.name).toBe('inspect');
  });
});

describe('sluice inspect on valid requests', () => {
  it("prints the seed's kvlist example, flattened by default, with the token's public part", async () => {
    const result = await inspect(['seed-test-kvlist.json', ...NOW, '--token', TOKEN]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const { records, dropped } = result.json();
    expect(dropped).toEqual([]);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record!.timestamp).toBe('2023-11-09T10:00:00.123456789Z');
    expect(record!.loglevel).toBe('INFO');
    expect(record!.content).toBe('order placed');
    expect(record!.attributes).toEqual({
      trace_id: '5b8efff798038103d269b633813fc60c',
      span_id: 'eee19b7ec3c1b174',
      'dt.auth.origin': 'dt0c01.ST2EY72KQINMH574WMNVI7YN',
      'service.name': 'checkout',
      'test.attribute.one': 'value 1',
      'test.attribute.two': 'value 2',
    });
    expect(Object.keys(record!).sort()).toEqual([
      'attributes',
      'content',
      'loglevel',
      'notes',
      'timestamp',
    ]);
    expect(record!.notes).toContainEqual({
      field: 'test.attribute.one',
      rule: 'attribute.flattened',
      detail: 'flattened from "test"',
    });
    // The secret part of the token is never printed.
    expect(result.stdout).not.toContain('G3DFPBEJ');
  });

  it('--model raw keeps the kvlist as a JSON string', async () => {
    const { json } = await inspect(['seed-test-kvlist.json', ...NOW, '--model', 'raw']);
    expect(json().records[0]!.attributes.test).toBe(
      '{"attribute": "{\\"one\\": \\"value 1\\", \\"two\\": \\"value 2\\"}"}',
    );
  });

  it('--processing classic lowercases keys and stringifies values; --auth-origin sets the origin', async () => {
    const { json } = await inspect([
      'structured-body.json',
      ...NOW,
      '--processing',
      'classic',
      '--auth-origin',
      'dt0c01.ABC',
    ]);
    const record = json().records[0]!;
    expect(record.attributes).toEqual({
      'dt.auth.origin': 'dt0c01.ABC',
      'service.name': 'billing',
      'http.status': '402',
    });
  });

  it('applies the body rules, and reports records older than the log age limit as dropped', async () => {
    const { json } = await inspect(['structured-body.json', ...NOW]);
    const { records, dropped } = json();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      timestamp: '2023-11-09T09:58:30.500000000Z',
      loglevel: 'WARN',
      content: 'card declined',
      attributes: { 'service.name': 'billing', 'http.status': 402 },
    });
    expect(dropped).toEqual([
      {
        index: 1,
        reason: expect.stringContaining('older than the log age limit of 24 hours') as string,
      },
    ]);
  });

  it('maps the level text under the default profile (current-docs), not under --profile seed', async () => {
    const { json } = await inspect(['structured-body.json', ...NOW, '--profile', 'seed']);
    expect(json().records[0]!.loglevel).toBe('warn');
  });

  it('--profile classic (Managed): classic processing, and its much lower limits', async () => {
    const request = JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                {
                  body: { stringValue: 'x'.repeat(9000) },
                  attributes: [{ key: 'Code', value: { intValue: '7' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    for (const args of [
      ['--profile', 'classic'],
      ['--tenant', 'managed'],
    ]) {
      const record = (await inspect(['-', ...NOW, ...args], request)).json().records[0]!;
      expect(record.attributes).toEqual({ code: '7' });
      expect(record.notes.map((n) => n.rule)).toContain('limit.content-length');
    }
    const saas = (await inspect(['-', ...NOW], request)).json().records[0]!;
    expect(saas.attributes).toEqual({ Code: 7 });
    expect(saas.notes.map((n) => n.rule)).not.toContain('limit.content-length');
  });

  it('{} is an empty request, as protobuf JSON serializers write one', async () => {
    const result = await inspect(['-', ...NOW], '{}');
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ records: [], dropped: [] });
  });

  it('reads a 64-bit integer written as an exact JSON number', async () => {
    const request =
      '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":1699523999000000000,"body":{"stringValue":"x"}}]}]}]}';
    const { code, json } = await inspect(['-', ...NOW], request);
    expect(code).toBe(0);
    expect(json().records[0]!.timestamp).toBe('2023-11-09T09:59:59.000000000Z');
  });

  it('reads binary protobuf from the official serializer, detected by content', async () => {
    const { code, json } = await inspect(['official-sdk.binpb', '--now', '2023-11-09T10:00:05Z']);
    expect(code).toBe(0);
    const { records } = json();
    expect(records.map((r) => r.timestamp)).toEqual([
      '2023-11-09T10:00:00.123456789Z',
      '2023-11-09T10:00:01.000000001Z',
      '2023-11-09T10:00:02.999999999Z',
    ]);
    expect(records.map((r) => r.loglevel)).toEqual(['INFO', 'ERROR', 'NONE']);
    expect(records[1]!.content).toBe('payment failed');
    expect(records[1]!.attributes['details.raw']).toBe('3q2+7w==');
  });

  it('reads standard input for - and for no FILE', async () => {
    const text = readFileSync(`${fixtures}seed-test-kvlist.json`);
    for (const args of [['-', ...NOW], NOW]) {
      const { code, json } = await inspect(args, text);
      expect(code).toBe(0);
      expect(json().records[0]!.content).toBe('order placed');
    }
  });

  it('--outsystems-truncation cuts content to 4,000 characters', async () => {
    const request = JSON.stringify({
      resourceLogs: [
        { scopeLogs: [{ logRecords: [{ body: { stringValue: 'x'.repeat(4500) } }] }] },
      ],
    });
    const { json } = await inspect(['-', ...NOW, '--outsystems-truncation'], request);
    expect(json().records[0]!.content).toHaveLength(4000);
  });
});

describe('sluice inspect on bad input: exit 2, one line naming what and where', () => {
  it('invalid JSON', async () => {
    await expectBadInput(
      ['-'],
      '{"resourceLogs": [}',
      /^sluice inspect: stdin: invalid JSON at line 1, column 19: unexpected character "}", expected a value\n$/,
    );
  });

  it('truncated protobuf', async () => {
    const bytes = readFileSync(`${fixtures}official-sdk.binpb`);
    const message = await expectBadInput(
      ['-'],
      bytes.subarray(0, bytes.length - 10),
      /^sluice inspect: stdin: protobuf: resourceLogs\[1\]: truncated input: length prefix at byte \d+ declares \d+ bytes but only \d+ remain\n$/,
    );
    expect(message).toContain('byte');
  });

  it('OTLP/JSON with a wrong field, named by its path', async () => {
    const request = JSON.stringify({
      resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: 'noon' }] }] }],
    });
    await expectBadInput(
      ['-'],
      request,
      /^sluice inspect: stdin: OTLP\/JSON: resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\]\.timeUnixNano: expected a decimal string, got the string "noon"\n$/,
    );
  });

  it('JSON that is not an OTLP request', async () => {
    await expectBadInput(
      ['-'],
      '{"hello": "world"}',
      /OTLP\/JSON: not an ExportLogsServiceRequest: the object has no "resourceLogs"/,
    );
    await expectBadInput(
      ['-'],
      '[1, 2]',
      /OTLP\/JSON: expected an ExportLogsServiceRequest object, got an array/,
    );
  });

  it('text or bytes that are not OTLP protobuf', async () => {
    await expectBadInput(
      ['-'],
      'hello world',
      /^sluice inspect: stdin: protobuf: .*at byte \d+ \(the input is text, but OTLP\/JSON must be an object starting with '\{'\)\n$/,
    );
    await expectBadInput(
      ['-'],
      new Uint8Array([0x10, 0x01]),
      /protobuf: not an ExportLogsServiceRequest: the 2 bytes hold no resource_logs/,
    );
    await expectBadInput(['-'], '', /the input is empty/);
  });
});

describe('sluice inspect usage errors: exit 2, one line', () => {
  it.each([
    [['--model', 'nested'], /--model must be raw or flattened; got "nested"/],
    [['--processing', 'fast'], /--processing must be openpipeline or classic/],
    [['--profile', 'latest'], /--profile must be seed or current-docs or classic/],
    [['--tenant', 'cloud'], /--tenant must be saas-openpipeline or saas-classic or managed/],
    [['--tenant', 'managed', '--profile', 'seed'], /--tenant sets the profile and processing/],
    [['--now', 'tomorrow'], /--now must be an RFC 3339 time/],
    [['--token', TOKEN, '--auth-origin', 'x'], /either --token or --auth-origin, not both/],
    [['missing.json'], /cannot read missing\.json: no such file/],
    [['a.json', 'b.json'], /expected at most one FILE; got 2/],
    [['--colour'], /Unknown option '--colour'/],
  ])('%j', async (args, message) => {
    await expectBadInput(args, '', message);
  });

  it('a --token that is not a Dynatrace token is refused without echoing it', async () => {
    const stderr = await expectBadInput(
      ['--token', 'my-secret-value'],
      '',
      /--token is not a Dynatrace API token/,
    );
    expect(stderr).not.toContain('my-secret-value');
  });
});
