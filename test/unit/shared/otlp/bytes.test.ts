import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  hexToBytes,
  utf8Length,
} from '../../../../src/shared/otlp';

// Node's Buffer is the independent reference here (the library itself must not use it).
describe('browser-safe byte helpers', () => {
  it('base64 matches Node and decodes back, padded or not, standard or URL-safe', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const b64 = bytesToBase64(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(b64)).toEqual(bytes);
        expect(base64ToBytes(b64.replace(/=+$/, ''))).toEqual(bytes);
        expect(base64ToBytes(Buffer.from(bytes).toString('base64url'))).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses text that is not base64', () => {
    expect(base64ToBytes('a')).toBeNull();
    expect(base64ToBytes('ab$d')).toBeNull();
    expect(base64ToBytes('ab===')).toBeNull();
  });

  it('hex matches Node, accepts either case and refuses odd or non-hex text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), (bytes) => {
        const hex = bytesToHex(bytes);
        expect(hex).toBe(Buffer.from(bytes).toString('hex'));
        expect(hexToBytes(hex.toUpperCase())).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
    expect(hexToBytes('abc')).toBeNull();
    expect(hexToBytes('zz')).toBeNull();
    // The characters on either side of 0-9, A-F and a-f in ASCII.
    for (const edge of ['/0', ':0', '@0', 'G0', '`0', 'g0', '0 ', '0\u00e9'])
      expect(hexToBytes(edge), edge).toBeNull();
    expect(hexToBytes('09AFaf')).toEqual(new Uint8Array([0x09, 0xaf, 0xaf]));
  });

  it('utf8Length matches the encoded length, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
      { numRuns: 300 },
    );
  });
});
