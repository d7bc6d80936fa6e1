import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, utf8SafeEnd } from '../../../../src/main/sources/file/line-splitter';
import { RecordAssembler } from '../../../../src/main/sources/file/record-assembler';

const lines = (s: LineSplitter, chunk: string | Buffer, start: number) =>
  s.push(Buffer.from(chunk), start).map((l) => ({ ...l, bytes: l.bytes.toString() }));

describe('LineSplitter', () => {
  it('splits lines with the offset past each newline, dropping CR of CRLF', () => {
    const s = new LineSplitter(1_000);
    expect(lines(s, 'a\r\nbb\nc', 0)).toEqual([
      { bytes: 'a', endOffset: 3, truncatedBytes: 0 },
      { bytes: 'bb', endOffset: 6, truncatedBytes: 0 },
    ]);
    expect(s.pending).toBe(true);
    expect(lines(s, 'cc\n', 7)).toEqual([{ bytes: 'ccc', endOffset: 10, truncatedBytes: 0 }]);
    expect(s.pending).toBe(false);
  });

  it('flushes an unfinished line ending where reading stopped', () => {
    const s = new LineSplitter(1_000);
    s.push(Buffer.from('tail'), 100);
    expect(s.flush(104)).toMatchObject({ endOffset: 104, truncatedBytes: 0 });
    expect(s.flush(104)).toBeNull();
  });

  it('keeps the first maxBytes of a long line, cut on a character boundary, and counts the rest', () => {
    const s = new LineSplitter(4);
    // "aé" is 3 bytes; a 4th byte would split the second é.
    const [line] = s.push(Buffer.from('aééé-rest\n'), 0);
    expect(line!.bytes.toString()).toBe('aé');
    expect(line!.truncatedBytes).toBe(Buffer.byteLength('aééé-rest') - 3);
    expect(line!.endOffset).toBe(Buffer.byteLength('aééé-rest\n'));
  });

  it('skips NUL padding where a line would start, but not inside a line', () => {
    const s = new LineSplitter(1_000);
    const padded = Buffer.concat([Buffer.alloc(200_000), Buffer.from('x\0y\n')]);
    expect(s.push(padded, 0).map((l) => l.bytes.toString())).toEqual(['x\0y']);
    expect(s.push(Buffer.alloc(10), 200_004)).toEqual([]);
    expect(s.pending).toBe(false);
  });

  it('gives the same lines however the bytes are chunked (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z\r]{0,12}$/), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        (parts, sizes) => {
          const bytes = Buffer.from(parts.map((p) => `${p}\n`).join(''));
          const s = new LineSplitter(1_000);
          const got: string[] = [];
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const size = sizes[i % sizes.length]!;
            got.push(...s.push(bytes.subarray(at, at + size), at).map((l) => l.bytes.toString()));
            at += size;
          }
          expect(got).toEqual(parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p)));
        },
      ),
    );
  });

  it('utf8SafeEnd keeps whole characters only', () => {
    const euro = Buffer.from('€'); // 3 bytes
    expect(utf8SafeEnd(euro)).toBe(3);
    expect(utf8SafeEnd(euro.subarray(0, 2))).toBe(0);
    expect(utf8SafeEnd(Buffer.from('ab'))).toBe(2);
    expect(utf8SafeEnd(Buffer.concat([Buffer.from('a'), Buffer.from('😀').subarray(0, 3)]))).toBe(
      1,
    );
  });
});

describe('RecordAssembler', () => {
  const line = (text: string, endOffset: number, truncatedBytes = 0) => ({
    bytes: Buffer.from(text),
    endOffset,
    truncatedBytes,
  });

  it('makes one record per line without a start pattern', () => {
    const a = new RecordAssembler(null, 100);
    expect(a.push(line('x', 2))).toEqual([{ text: 'x', endOffset: 2, truncatedBytes: 0 }]);
    expect(a.pending).toBe(false);
  });

  it('joins continuation lines to the record a start line began, until the next one', () => {
    const a = new RecordAssembler(/^\d/, 100);
    expect(a.push(line('  orphan', 9))).toEqual([]); // before any start: a record of its own
    expect(a.push(line('1 first', 17))).toEqual([
      { text: '  orphan', endOffset: 9, truncatedBytes: 0 },
    ]);
    expect(a.push(line('  at x', 24))).toEqual([]);
    expect(a.push(line('2 second', 33))).toEqual([
      { text: '1 first\n  at x', endOffset: 24, truncatedBytes: 0 },
    ]);
    expect(a.flush()).toEqual({ text: '2 second', endOffset: 33, truncatedBytes: 0 });
  });

  it('leaves out whole lines once a record reaches the limit, counting them', () => {
    const a = new RecordAssembler(/^S/, 10);
    a.push(line('S 1234', 7));
    a.push(line('  ab', 12)); // 6 + 1 + 4 = 11 > 10
    expect(a.flush()).toEqual({ text: 'S 1234', endOffset: 12, truncatedBytes: 5 });
  });
});
