import { appInternals } from '../../support/app-internals';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/scripted-sender';
import { tempDir } from '../../support/temp-dir';
import { afterFilePolls, afterFilePollsDelivered } from './file-polls';
import {
  addFileSource,
  addStream,
  delivered,
  deliveredBodies,
  expectDeliveredOnce,
  openHarness,
  stringAttr,
  type Harness,
  numbered,
  linesText as text,
} from './support';

let h: Harness | null = null;
afterEach(async () => {
  await h?.engine.close();
  h = null;
});

describe('file tail: reading', () => {
  it('follows appends, from the end by default, with the file path and name on every record', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 3)));
    h = openHarness();
    const source = await addFileSource(h.engine, { paths: [file], startAt: 'end' });
    appendFileSync(file, text(numbered(4, 6)));
    await expectDeliveredOnce(h, numbered(4, 6));
    const first = delivered(h.sender)[0]!;
    expect(stringAttr(first, 'log.file.path')).toBe(file);
    expect(stringAttr(first, 'log.file.name')).toBe('app.log');
    appendFileSync(file, text(numbered(7, 7)));
    await expectDeliveredOnce(h, numbered(4, 7));
    const runtime = appInternals(h.engine).sourceManager.runtime(source.id)!;
    expect(runtime).toMatchObject({ state: 'running', totals: { records: 4 } });
    expect(runtime.files).toEqual([
      {
        path: file,
        offset: Buffer.byteLength(text(numbered(1, 7))),
        size: expect.any(Number),
        problem: null,
      },
    ]);
  });

  it('reads from the beginning when configured, across globs', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.log'), text(numbered(1, 2, 'a')));
    writeFileSync(join(dir, 'b.log'), text(numbered(1, 2, 'b')));
    writeFileSync(join(dir, 'c.txt'), 'not matched\n');
    h = openHarness();
    await addFileSource(h.engine, { paths: [join(dir, '*.log')] });
    await expectDeliveredOnce(h, [...numbered(1, 2, 'a'), ...numbered(1, 2, 'b')]);
  });

  it('holds a partial last line until its newline, or stores it after the quiet period', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, '');
    // A quiet period far above the two polls awaited below, so a busy machine cannot flush early.
    h = openHarness({ timing: { file: { pollIntervalMs: 20, quietFlushMs: 1_500 } } });
    await addFileSource(h.engine, { paths: [file] });
    appendFileSync(file, 'first hal');
    // The source has read the partial line (and holds it); nothing was sent.
    await afterFilePollsDelivered(h.engine);
    expect(deliveredBodies(h.sender)).toEqual([]);
    appendFileSync(file, 'f\r\nno newline yet');
    await eventually(() => expect(deliveredBodies(h!.sender)).toEqual(['first half']));
    // Nothing more is written: after the quiet period the partial line is a record.
    await expectDeliveredOnce(h, ['first half', 'no newline yet']);
    appendFileSync(file, ' and more\n');
    await expectDeliveredOnce(h, ['first half', 'no newline yet', ' and more']);
  });

  it('replaces invalid UTF-8 and keeps going', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('bad \xff\xfe byte\n', 'latin1'),
        Buffer.from([0xe2, 0x82]), // a cut-off euro sign
        Buffer.from(' cut\nvalid ünïcødé €\n'),
      ]),
    );
    h = openHarness();
    await addFileSource(h.engine, { paths: [file] });
    await expectDeliveredOnce(h, ['bad \uFFFD\uFFFD byte', '\uFFFD cut', 'valid ünïcødé €']);
  });

  it('joins multi-line records (stack traces) by a start pattern', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    const trace = [
      '2024-05-01 10:00:01,002 ERROR [main] Order failed',
      'java.lang.IllegalStateException: boom',
      '\tat com.example.Orders.submit(Orders.java:42)',
      '\tat com.example.Main.main(Main.java:7)',
    ];
    writeFileSync(file, text(['2024-05-01 10:00:00,001 INFO [main] Started', ...trace]));
    h = openHarness();
    await addFileSource(h.engine, { paths: [file], multilineStart: '^\\d{4}-\\d{2}-\\d{2} ' });
    // The trace is complete only when the next record starts, or after the quiet period.
    await expectDeliveredOnce(h, ['2024-05-01 10:00:00,001 INFO [main] Started', trace.join('\n')]);
    const [info, error] = delivered(h.sender);
    expect(info).toMatchObject({ severityNumber: 9, severityText: 'INFO' });
    expect(error).toMatchObject({ severityNumber: 17, severityText: 'ERROR' });
    expect(error!.timeUnixNano).toBe(
      BigInt(new Date(2024, 4, 1, 10, 0, 1, 2).getTime()) * 1_000_000n,
    );
  });

  it('maps JSON lines to body, severity, timestamp, trace context and attributes', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.jsonl');
    const lines = [
      {
        msg: 'payment accepted',
        level: 'warn',
        ts: '2024-05-01T10:00:00.123456Z',
        trace_id: '0af7651916cd43dd8448eb211c80319c',
        span_id: 'b7ad6b7169203331',
        order: { id: 42 },
        user: 'ana',
      },
      { message: 'pino style', level: 50, time: 1714557600000 },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json at all\n`);
    h = openHarness();
    await addFileSource(h.engine, { paths: [file], format: 'json' });
    await expectDeliveredOnce(h, ['payment accepted', 'pino style', 'not json at all']);
    const [a, b, c] = delivered(h.sender);
    expect(a).toMatchObject({
      severityNumber: 13,
      severityText: 'warn',
      timeUnixNano: 1714557600123456000n,
      traceId: Uint8Array.from(Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex')),
      spanId: Uint8Array.from(Buffer.from('b7ad6b7169203331', 'hex')),
    });
    expect(a!.attributes.map((x) => x.key)).toEqual([
      'log.file.path',
      'log.file.name',
      'order',
      'user',
    ]);
    expect(b).toMatchObject({ severityNumber: 17, timeUnixNano: 1714557600000000000n });
    expect(stringAttr(c!, 'sluice.parse_error')).toMatch(/^not JSON/);
  });

  it('cuts records over the size limit and says so in an attribute and the totals', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, `${'é'.repeat(1_000)}\nshort\n`); // 2,000 bytes of two-byte characters
    h = openHarness();
    const source = await addFileSource(h.engine, { paths: [file], maxRecordBytes: 301 });
    await expectDeliveredOnce(h, ['é'.repeat(150), 'short']);
    const cut = delivered(h.sender)[0]!;
    expect(cut.attributes.find((a) => a.key === 'sluice.record.truncated_bytes')?.value).toEqual({
      kind: 'int',
      value: 1_700n,
    });
    expect(appInternals(h.engine).sourceManager.runtime(source.id)!.totals.truncated).toBe(1);
  });

  it('waits at its checkpoint while no stream reads it, then reads what was written meanwhile', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 2)));
    h = openHarness();
    const source = await addFileSource(
      h.engine,
      { paths: [file], startAt: 'end' },
      { stream: false },
    );
    appendFileSync(file, text(numbered(3, 4)));
    await afterFilePolls(h.engine); // polls saw the new lines, and left them
    expect(appInternals(h.engine).sourceManager.runtime(source.id)).toMatchObject({
      state: 'idle',
      totals: { records: 0, unrouted: 0 },
    });
    await addStream(h.engine, [source.id]);
    await expectDeliveredOnce(h, numbered(3, 4));
  });

  it('shows a path it cannot read, and a glob that matches nothing yet', async () => {
    const dir = tempDir();
    h = openHarness();
    const waiting = await addFileSource(h.engine, { paths: [join(dir, 'later', '*.log')] });
    expect(appInternals(h.engine).sourceManager.runtime(waiting.id)!.message).toMatch(
      /No file matches .* yet/,
    );

    const locked = join(dir, 'locked.log');
    writeFileSync(locked, 'secret\n', { mode: 0o000 });
    // root reads anything: a folder given as a file shows the same way.
    const unreadable = process.getuid?.() === 0 ? dir : locked;
    const bad = await addFileSource(h.engine, { paths: [unreadable] }, { name: 'Bad' });
    const runtime = appInternals(h.engine).sourceManager.runtime(bad.id)!;
    expect(runtime.message).toMatch(/1 file cannot be read/);
    expect(runtime.files).toEqual([
      {
        path: unreadable,
        offset: 0,
        size: 0,
        problem: expect.stringMatching(/folder|Permission denied/),
      },
    ]);
    const events = appInternals(h.engine).eventLog.list({
      streamId: null,
      beforeId: null,
      kinds: [],
      limit: 10,
    });
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringContaining(`Source "Bad": Cannot read ${unreadable}`),
    );
  });

  it('stops cleanly when deleted: no errors, and its checkpoints go with it', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 2)));
    h = openHarness();
    const source = await addFileSource(
      h.engine,
      { paths: [join(dir, '*.log')] },
      { stream: false },
    );
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `more-${i}.log`), 'x\n'); // new checkpoints while polling
    await h.engine.deleteSource(source.id);
    // The source manager has applied the deletion: its changes run in order.
    await appInternals(h.engine).sourceManager.sync(h.engine.listSources());
    const events = appInternals(h.engine).eventLog.list({
      streamId: null,
      beforeId: null,
      kinds: [],
      limit: 50,
    });
    expect(events.filter((e) => e.level !== 'info')).toEqual([]);
    const db = appInternals(h.engine).db;
    expect(db.prepare('SELECT count(*) FROM file_positions').pluck().get()).toBe(0);
    expect(h.engine.snapshot().sources).toEqual([]);
  });
});
