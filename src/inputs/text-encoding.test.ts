import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { bomEncoding, chunkDecoder, decoderLabel, firstInvalidUtf8, NulGuard, Utf8Validator, type TextEncodingName } from './text-encoding.js';

/** Feeds `bytes` to a validator in chunks of `size`; returns the bad line or undefined. */
function validate(bytes: Uint8Array, size: number): number | undefined {
  const validator = new Utf8Validator();
  for (let i = 0; i < bytes.length; i += size) if (!validator.write(bytes.subarray(i, i + size))) break;
  validator.end();
  return validator.badLine;
}

describe('chunkDecoder', () => {
  /** `bytes` cut at `cuts`, decoded by `decoder` chunk by chunk. */
  function decodeInChunks(decoder: { write(chunk: Uint8Array): string; end(): string }, bytes: Uint8Array, cuts: number[]): string {
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    let text = '';
    let from = 0;
    for (const to of [...at, bytes.length]) {
      text += decoder.write(bytes.subarray(from, to));
      from = to;
    }
    return text + decoder.end();
  }

  /** What a streaming TextDecoder that keeps the BOM gives for the same chunks. */
  function textDecoder(encoding: TextEncodingName) {
    const decoder = new TextDecoder(decoderLabel(encoding), { ignoreBOM: true });
    return { write: (chunk: Uint8Array) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }

  it('gives the text of a streaming TextDecoder for any bytes in any chunking, valid or not', () => {
    // Bytes around the edges of UTF-8: ASCII, continuations, lead bytes of 2, 3 and 4, bytes never valid, a BOM.
    const byte = fc.oneof(fc.constantFrom(0x41, 0x0a, 0x2c, 0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xbb, 0xf0, 0xf4, 0xf5, 0xc0, 0xff), fc.integer({ min: 0, max: 255 }));
    const encoding = fc.constantFrom<TextEncodingName>('utf-8', 'utf-8 with BOM', 'utf-16le', 'utf-16be', 'windows-1252');
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), encoding, (bytes, cuts, name) => {
        const data = Uint8Array.from(bytes);
        expect(decodeInChunks(chunkDecoder(name), data, cuts)).toBe(decodeInChunks(textDecoder(name), data, cuts));
      }),
      { numRuns: 5000, seed: 3 },
    );
  });

  it('keeps a BOM at the start as U+FEFF', () => {
    const decoder = chunkDecoder('utf-8 with BOM');
    expect(decoder.write(new Uint8Array([0xef, 0xbb]))).toBe('');
    expect(decoder.write(new Uint8Array([0xbf, 0x61]))).toBe('\ufeffa');
    expect(decoder.end()).toBe('');
  });
});

describe('bomEncoding', () => {
  it('recognises UTF-8, UTF-16 LE and BE byte-order marks', () => {
    expect(bomEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8 with BOM');
    expect(bomEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe('utf-16le');
    expect(bomEncoding(new Uint8Array([0xfe, 0xff, 0x00, 0x61]))).toBe('utf-16be');
    expect(bomEncoding(new Uint8Array([0x61, 0x62]))).toBeUndefined();
  });
});

describe('Utf8Validator', () => {
  const text = Buffer.from('a,b\nné,€\n😀,x\n');

  it('accepts valid UTF-8 whatever the chunk size', () => {
    for (const size of [1, 2, 3, 5, 1000]) expect(validate(text, size)).toBeUndefined();
  });

  it('gives the line of the first bad byte whatever the chunk size', () => {
    const bad = Buffer.concat([text, Buffer.from('ok\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    for (const size of [1, 2, 3, 5, 1000]) expect(validate(bad, size)).toBe(5);
  });

  it('rejects a sequence cut short by the end of the input, and overlong or surrogate forms', () => {
    expect(validate(Buffer.from([0x61, 0x0a, 0xe2, 0x82]), 1)).toBe(2);
    expect(validate(Buffer.from([0xc0, 0xaf]), 4)).toBe(1);
    expect(validate(Buffer.from([0xed, 0xa0, 0x80]), 4)).toBe(1);
  });

  it('firstInvalidUtf8 finds the offset', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0xa9, 0x80, 0x61]))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from('né'))).toBe(3);
  });
});

describe('NulGuard', () => {
  it('names the line and column (in characters) of a NUL across pieces of text', () => {
    const guard = new NulGuard('f.csv');
    guard.scan('a,b\n😀');
    let error: unknown;
    try {
      guard.scan('é,\u0000');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'f.csv:2:4: NUL byte in the file; expected text (binary data, or UTF-16 text without a byte-order mark? In Excel, save as "CSV UTF-8")',
    );
  });
});
