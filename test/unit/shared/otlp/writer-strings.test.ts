import { describe, expect, it } from 'vitest';
import { WireReader } from '../../../../src/shared/otlp/protobuf/reader';
import { WireWriter, stringFieldSize } from '../../../../src/shared/otlp/protobuf/writer';

/** Writes one string field as an encoder does (measured first) and reads it back. */
function roundTrip(text: string): string {
  const w = new WireWriter(stringFieldSize(text));
  w.tag(1, 2);
  w.string(text);
  expect(w.pos).toBe(w.buf.length);
  const r = new WireReader(w.buf);
  r.tag();
  const end = r.lengthDelimited();
  return new TextDecoder().decode(w.buf.subarray(r.pos, end));
}

// WireWriter.string copies ASCII in a loop and falls back to TextEncoder at
// the first other character: both paths, and the switch between them.
describe('WireWriter.string', () => {
  it.each([
    ['empty', ''],
    ['ASCII', 'service.name'],
    ['ASCII with a two-byte length', 'x'.repeat(200)],
    ['ASCII past the loop (TextEncoder)', 'stack\n'.repeat(100)],
    ['non-ASCII at the start', 'é-commerce'],
    ['non-ASCII after an ASCII prefix', 'order placed by José'],
    ['a surrogate pair', 'deploy 🚀 done'],
    ['a lone surrogate (written as U+FFFD)', 'bad \ud800 half'],
    ['non-ASCII, length prefix of two bytes', `${'a'.repeat(126)}ü`],
  ])('%s', (_, text) => {
    expect(roundTrip(text)).toBe(text.replace(/\ud800/g, '\ufffd'));
  });
});
