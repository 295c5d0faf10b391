import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import {
  readJsonRecords,
  sniffJsonFile,
  type JsonFileStats,
  type JsonRecord,
  type ReadJsonRecordsOptions,
} from './read-json-records.js';

let dir: string;
let fileCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deliv-read-json-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `content` (text as UTF-8, or raw bytes) to a fresh temp file and returns its path. */
async function fileWith(content: string | Uint8Array): Promise<string> {
  const path = join(dir, `input-${++fileCount}.json`);
  await writeFile(path, content);
  return path;
}

interface Read {
  records: JsonRecord[];
  stats: JsonFileStats;
  progress: Array<[number, number]>;
}

/** Reads `path` and collects everything readJsonRecords reports. */
async function read(path: string, options: ReadJsonRecordsOptions = {}): Promise<Read> {
  const records: JsonRecord[] = [];
  const progress: Array<[number, number]> = [];
  const stats = await readJsonRecords(
    path,
    { record: (r) => void records.push(r) },
    { ...options, onProgress: (bytesRead, totalBytes) => progress.push([bytesRead, totalBytes]) },
  );
  return { records, stats, progress };
}

/** Writes `content` to a file and reads it. */
async function readText(content: string, options: ReadJsonRecordsOptions = {}): Promise<Read> {
  return read(await fileWith(content), options);
}

/** The InputError that reading `path` rejects with, and the records passed on before it. */
async function readError(
  path: string,
  options: ReadJsonRecordsOptions = {},
): Promise<InputError & { seen: JsonRecord[] }> {
  const seen: JsonRecord[] = [];
  const error: unknown = await readJsonRecords(path, { record: (r) => void seen.push(r) }, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InputError) return Object.assign(error, { seen });
  throw new Error(`expected an InputError, got ${String(error)}`);
}

/** The message JSON.parse gives for `text`. */
function parseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parses`);
}

const rec = (line: number, column: number, value: unknown): JsonRecord => ({ value, line, column });
const bytesOf = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('readJsonRecords: shapes', () => {
  it('reads a pretty-printed JSON array and numbers records after multi-line objects', async () => {
    const text =
      '[\n' +
      '  {\n' +
      '    "email": "a@x.io",\n' +
      '    "event": "bounce"\n' +
      '  },\n' +
      '  {"email": "b@x.io", "event": "delivered"}\n' +
      ']\n';
    const result = await readText(text);
    expect(result.records).toEqual([
      rec(2, 3, { email: 'a@x.io', event: 'bounce' }),
      rec(6, 3, { email: 'b@x.io', event: 'delivered' }),
    ]);
    expect(result.stats).toEqual({ bytes: 102, lines: 7, records: 2, shape: 'array' });
    expect(bytesOf(text)).toBe(102);
  });

  it('reads JSON lines with CRLF, blank lines and no final line break', async () => {
    const text = '{"a":1}\r\n\r\n{"b":"x"}\r\n  {"c":[1,2]}';
    const result = await readText(text);
    expect(result.records).toEqual([rec(1, 1, { a: 1 }), rec(3, 1, { b: 'x' }), rec(4, 3, { c: [1, 2] })]);
    expect(result.stats).toEqual({ bytes: 35, lines: 4, records: 3, shape: 'lines' });
  });

  it('counts a lone CR as a line break', async () => {
    const result = await readText('{"a":1}\r{"b":2}\r\r{"c":3}');
    expect(result.records).toEqual([rec(1, 1, { a: 1 }), rec(2, 1, { b: 2 }), rec(4, 1, { c: 3 })]);
    expect(result.stats).toEqual({ bytes: 24, lines: 4, records: 3, shape: 'lines' });
  });

  it('calls one object on its own a file of lines', async () => {
    const result = await readText('{\n  "a": 1\n}\n');
    expect(result.records).toEqual([rec(1, 1, { a: 1 })]);
    expect(result.stats).toEqual({ bytes: 13, lines: 3, records: 1, shape: 'lines' });
  });

  it('reads pretty-printed objects one after another as lines', async () => {
    const result = await readText('{\n  "a": 1\n}\n\n{\n  "b": 2\n}\n');
    expect(result.records).toEqual([rec(1, 1, { a: 1 }), rec(5, 1, { b: 2 })]);
    expect(result.stats.shape).toBe('lines');
    expect(result.stats.lines).toBe(7);
  });

  it('reads objects written back to back as Firehose does', async () => {
    const text = '{"eventType":"Bounce","n":1}{"eventType":"Delivery","n":2}\n{"n":3} {"n":4}';
    const result = await readText(text);
    expect(result.records).toEqual([
      rec(1, 1, { eventType: 'Bounce', n: 1 }),
      rec(1, 29, { eventType: 'Delivery', n: 2 }),
      rec(2, 1, { n: 3 }),
      rec(2, 9, { n: 4 }),
    ]);
    expect(result.stats).toEqual({ bytes: 74, lines: 2, records: 4, shape: 'concatenated' });
  });

  it('streams the items of a Mailgun events page and ignores its paging', async () => {
    const text =
      '{\n' +
      '  "items": [\n' +
      '    {"event": "failed", "recipient": "a@x.io", "tags": ["x"]},\n' +
      '    {"event": "delivered", "recipient": "b@x.io"}\n' +
      '  ],\n' +
      '  "paging": {"next": "https://api.mailgun.net/v3/x/events/W3siYiI6", "items": [{"no": 1}]}\n' +
      '}\n';
    const result = await readText(text);
    expect(result.records).toEqual([
      rec(3, 5, { event: 'failed', recipient: 'a@x.io', tags: ['x'] }),
      rec(4, 5, { event: 'delivered', recipient: 'b@x.io' }),
    ]);
    expect(result.stats).toEqual({
      bytes: bytesOf(text),
      lines: 7,
      records: 2,
      shape: 'wrapped',
      wrapperKey: 'items',
    });
  });

  it('streams the bounces of a Postmark bounce list after its count', async () => {
    const text =
      '{"TotalCount":2,"Bounces":[{"ID":1,"Type":"HardBounce","Email":"a@x.io"},' +
      '{"ID":2,"Type":"SpamComplaint","Email":"b@x.io"}]}';
    const result = await readText(text);
    expect(result.records).toEqual([
      rec(1, 28, { ID: 1, Type: 'HardBounce', Email: 'a@x.io' }),
      rec(1, 74, { ID: 2, Type: 'SpamComplaint', Email: 'b@x.io' }),
    ]);
    expect(result.stats).toEqual({ bytes: 123, lines: 1, records: 2, shape: 'wrapped', wrapperKey: 'Bounces' });
  });

  it('reads several arrays one per line as a mix', async () => {
    const text = '[{"a":1},{"a":2}]\n[{"a":3}]\n[]\n';
    const result = await readText(text);
    expect(result.records).toEqual([rec(1, 2, { a: 1 }), rec(1, 10, { a: 2 }), rec(2, 2, { a: 3 })]);
    expect(result.stats).toEqual({ bytes: 31, lines: 3, records: 3, shape: 'mixed' });
  });

  it('reads arrays, objects and wrappers mixed, keeping the first wrapper key', async () => {
    const text = '{"Messages":[{"a":1}]}\n{"a":2}\n[{"a":3}]\n{"items":[{"a":4}]}\n';
    const result = await readText(text);
    expect(result.records).toEqual([
      rec(1, 14, { a: 1 }),
      rec(2, 1, { a: 2 }),
      rec(3, 2, { a: 3 }),
      rec(4, 11, { a: 4 }),
    ]);
    expect(result.stats).toEqual({ bytes: 61, lines: 4, records: 4, shape: 'mixed', wrapperKey: 'Messages' });
  });

  it('reads an empty array as an array without records', async () => {
    const result = await readText(' [ ] ');
    expect(result.records).toEqual([]);
    expect(result.stats).toEqual({ bytes: 5, lines: 1, records: 0, shape: 'array' });
  });

  it('hands on array elements that are not objects', async () => {
    const result = await readText('[1, "two" ,null,true,[3],{"a":-4.5e1},"]",\n0]');
    expect(result.records).toEqual([
      rec(1, 2, 1),
      rec(1, 5, 'two'),
      rec(1, 12, null),
      rec(1, 17, true),
      rec(1, 22, [3]),
      rec(1, 26, { a: -45 }),
      rec(1, 39, ']'),
      rec(2, 1, 0),
    ]);
    expect(result.stats).toEqual({ bytes: 45, lines: 2, records: 8, shape: 'array' });
  });

  it('skips a UTF-8 BOM and counts columns in code points', async () => {
    const text = '\uFEFF[{"s":"é😀"}, {"t":1}]\n{"u":"😀😀"}{"v":2}';
    const result = await readText(text);
    expect(result.records).toEqual([
      rec(1, 2, { s: 'é😀' }),
      rec(1, 14, { t: 1 }),
      rec(2, 1, { u: '😀😀' }),
      rec(2, 11, { v: 2 }),
    ]);
    expect(result.stats).toEqual({ bytes: bytesOf(text), lines: 2, records: 4, shape: 'mixed' });
  });
});

describe('readJsonRecords: strings', () => {
  it('ignores brackets, quotes and escapes inside strings', async () => {
    const text =
      String.raw`[{"s":"a{b}c[d]\"e\\","t":"line\nbreak\r\n","u":"\\\"}{","k\"}":"\u005d"},` + '\n' + `{"w":"]"}]`;
    const result = await readText(text);
    expect(result.records).toEqual([
      rec(1, 2, { s: 'a{b}c[d]"e\\', t: 'line\nbreak\r\n', u: '\\"}{', 'k"}': ']' }),
      rec(2, 1, { w: ']' }),
    ]);
    expect(result.stats).toEqual({ bytes: bytesOf(text), lines: 2, records: 2, shape: 'array' });
  });

  it('finds a wrapper key written with escapes', async () => {
    const result = await readText(String.raw`{"it\u0065ms":[{"a":"\"items\":["}]}`);
    expect(result.records).toEqual([rec(1, 16, { a: '"items":[' })]);
    expect(result.stats.wrapperKey).toBe('items');
  });

  it('does not take a key-like string inside a value for a key', async () => {
    const result = await readText('{"note":"x", "a":"items", "b":[{"c":1}]}');
    expect(result.records).toEqual([rec(1, 1, { note: 'x', a: 'items', b: [{ c: 1 }] })]);
    expect(result.stats.shape).toBe('lines');
  });
});

describe('readJsonRecords: wrapper objects', () => {
  it('keeps an object whose wrapper-key array does not hold objects as one record', async () => {
    const result = await readText('{"id":1,"items":["a","b"],"events":[ 2 ]}');
    expect(result.records).toEqual([rec(1, 1, { id: 1, items: ['a', 'b'], events: [2] })]);
    expect(result.stats).toEqual({ bytes: 41, lines: 1, records: 1, shape: 'lines' });
  });

  it('keeps an object as one record when an array of objects under another key comes first', async () => {
    const result = await readText('{"data":[{"a":1}],"items":[{"b":2}]}');
    expect(result.records).toEqual([rec(1, 1, { data: [{ a: 1 }], items: [{ b: 2 }] })]);
    expect(result.stats.shape).toBe('lines');
  });

  it('looks for wrapper keys only at the top of the object', async () => {
    const result = await readText('{"page":{"items":[{"a":1}]}}\n[{"items":[{"b":2}]}]');
    expect(result.records).toEqual([rec(1, 1, { page: { items: [{ a: 1 }] } }), rec(2, 2, { items: [{ b: 2 }] })]);
    expect(result.stats.shape).toBe('mixed');
  });

  it('reads a wrapper with an empty array as a wrapper without records', async () => {
    const result = await readText('{"TotalCount":0,"Bounces":[ ]}');
    expect(result.records).toEqual([]);
    expect(result.stats).toEqual({ bytes: 30, lines: 1, records: 0, shape: 'wrapped', wrapperKey: 'Bounces' });
  });

  it('reads SES events under Records and arrays of strings after the wrapped array', async () => {
    const result = await readText('{"Records":[{"eventSource":"aws:ses"}],"tags":["x"],"more":[]}');
    expect(result.records).toEqual([rec(1, 13, { eventSource: 'aws:ses' })]);
    expect(result.stats.wrapperKey).toBe('Records');
  });

  it('uses the wrapper keys it is given', async () => {
    const options = { wrapperKeys: ['data'] };
    const wrapped = await readText('{"data":[{"a":1}]}', options);
    expect(wrapped.records).toEqual([rec(1, 10, { a: 1 })]);
    expect(wrapped.stats.wrapperKey).toBe('data');
    const plain = await readText('{"items":[{"a":1}]}', options);
    expect(plain.records).toEqual([rec(1, 1, { items: [{ a: 1 }] })]);
    expect(plain.stats.shape).toBe('lines');
  });
});

describe('readJsonRecords: chunks', () => {
  const text =
    '\uFEFF[{"a":"x{\\"}[","b":[1,{"c":"é"}]},\r\n  "s\\\\", 12.5e-1 ,null]\r\n' +
    '{"n":"😀"}{"m":true}\r\n' +
    '{"TotalCount":1,"Bounces":[\r\n  {"Email":"a@x.io"}\r\n],"paging":{"p":[1]}}\r\n' +
    '{"items":["not a wrapper"]}\r';
  const expected: JsonRecord[] = [
    rec(1, 2, { a: 'x{"}[', b: [1, { c: 'é' }] }),
    rec(2, 3, 's\\'),
    rec(2, 10, 1.25),
    rec(2, 19, null),
    rec(3, 1, { n: '😀' }),
    rec(3, 10, { m: true }),
    rec(5, 3, { Email: 'a@x.io' }),
    rec(7, 1, { items: ['not a wrapper'] }),
  ];

  it('reads the same records whatever the chunk size', async () => {
    const path = await fileWith(text);
    const bytes = bytesOf(text);
    expect(bytes).toBe(191);
    for (let chunkBytes = 1; chunkBytes <= bytes + 1; chunkBytes++) {
      const result = await read(path, { chunkBytes });
      expect(result.records, `chunkBytes ${chunkBytes}`).toEqual(expected);
      expect(result.stats, `chunkBytes ${chunkBytes}`).toEqual({
        bytes,
        lines: 7,
        records: 8,
        shape: 'mixed',
        wrapperKey: 'Bounces',
      });
      expect(result.progress.length).toBe(Math.ceil(bytes / chunkBytes));
    }
  });

  it('finds the shape and errors at the same places whatever the chunk size', async () => {
    const concatenated = await fileWith('{"a":"\\\\"}\r\n{"b":"\\""}{"c":\r\n1}\r\n');
    const errors: Array<[string, string]> = [
      ['{"x":"é"}\r\n{"a":"\\"}\r\n', '2:6: a string is never closed'],
      ['{"items":[{"a":1},\r\n  {"b":2} x', '2:11: unexpected "x" after an element of the array'],
      ['{"n":"😀"} \r{"b":[1,\r\n}', '3:1: unexpected "}"'],
      ['[{"a": 1,\r\n   }]', '2:4: invalid JSON'],
      ['{"Bounces":[{"a":1}],\r\n "x":[\r\n{"b":2}]}', '2:6: the wrapper object holds a second array of objects'],
    ];
    const paths = await Promise.all(errors.map(([content]) => fileWith(content)));
    for (let chunkBytes = 1; chunkBytes <= 40; chunkBytes++) {
      const result = await read(concatenated, { chunkBytes });
      expect(result.records).toEqual([rec(1, 1, { a: '\\' }), rec(2, 1, { b: '"' }), rec(2, 11, { c: 1 })]);
      expect(result.stats).toEqual({ bytes: 33, lines: 3, records: 3, shape: 'concatenated' });
      for (const [i, path] of paths.entries()) {
        const error = await readError(path, { chunkBytes });
        const where = `${error.message} at chunkBytes ${chunkBytes}`;
        expect(error.message.startsWith(`${path}:${errors[i]![1]}`), where).toBe(true);
      }
    }
  });

  it('reports progress after each chunk', async () => {
    const result = await readText('[{"a":1},{"b":2},{"c":3}]', { chunkBytes: 10 });
    expect(result.progress).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
  });

  it('reads a record larger than a chunk split inside a multibyte character', async () => {
    // 'é' (2 bytes) starts at byte 1048575, so the first 1 MiB chunk ends in its middle.
    const filler = 'x'.repeat(1_048_567); // after '{"s":"' (6 bytes) and before 'é"}' + line break
    const text = `{"s":"${filler}xx\u00e9"}\n{"t":1}\n`;
    const result = await readText(text);
    expect(result.records).toEqual([rec(1, 1, { s: `${filler}xxé` }), rec(2, 1, { t: 1 })]);
    expect(result.progress).toEqual([
      [1_048_576, 1_048_588],
      [1_048_588, 1_048_588],
    ]);
    expect(result.stats).toEqual({ bytes: 1_048_588, lines: 2, records: 2, shape: 'lines' });
  });

  it('rejects a chunk size that is not a positive integer', async () => {
    const path = await fileWith('{}');
    await expect(read(path, { chunkBytes: 0 })).rejects.toThrow('chunkBytes must be a positive integer, not 0');
  });
});

describe('readJsonRecords: first()', () => {
  const lines = (count: number): string =>
    Array.from({ length: count }, (_, i) => `{"n":${i + 1}}`).join('\n') + '\n';

  /** Reads `content` logging first() and record() calls in order. */
  async function calls(content: string): Promise<string[]> {
    const log: string[] = [];
    await readJsonRecords(await fileWith(content), {
      first(records) {
        log.push(`first ${records.map((r) => (r.value as { n: number }).n).join(',')}`);
      },
      record(r) {
        log.push(`record ${(r.value as { n: number }).n}@${r.line}`);
      },
    });
    return log;
  }

  it('shows the first 20 records before any record() call', async () => {
    const log = await calls(lines(25));
    expect(log).toEqual([
      'first 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20',
      ...Array.from({ length: 25 }, (_, i) => `record ${i + 1}@${i + 1}`),
    ]);
  });

  it('shows exactly 20 records once', async () => {
    const log = await calls(lines(20));
    expect(log[0]).toBe('first 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20');
    expect(log).toHaveLength(21);
  });

  it('shows fewer records, or none, at the end of the file', async () => {
    expect(await calls('[{"n":1},{"n":2},{"n":3}]')).toEqual(['first 1,2,3', 'record 1@1', 'record 2@1', 'record 3@1']);
    expect(await calls('{"TotalCount":0,"Bounces":[]}')).toEqual(['first ']);
  });

  it('propagates an error thrown by the visitor', async () => {
    const path = await fileWith(lines(3));
    const stop = new Error('stop');
    const seen: number[] = [];
    await expect(
      readJsonRecords(path, {
        record(r) {
          seen.push(r.line);
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(seen).toEqual([1]);
  });
});

describe('readJsonRecords: errors', () => {
  /** The error for `content`, checked against the expected location and message. */
  async function expectError(
    content: string,
    line: number,
    column: number,
    problem: string,
    expected: string,
  ): Promise<InputError & { seen: JsonRecord[] }> {
    const path = await fileWith(content);
    const error = await readError(path);
    expect(error.location).toEqual({ file: path, line, column });
    expect(error.problem).toBe(problem);
    expect(error.expected).toBe(expected);
    expect(error.message).toBe(`${path}:${line}:${column}: ${problem}; expected ${expected}`);
    return error;
  }

  it('reports a string that is never closed where it opens', async () => {
    const error = await expectError(
      '{"a":1}\n{"b":"open}\n',
      2,
      6,
      'a string is never closed',
      'a closing quote (") before the end of the file',
    );
    expect(error.seen).toEqual([rec(1, 1, { a: 1 })]);
  });

  it('reports an object that is never closed where it opens', async () => {
    await expectError('[\n  {"a": {"b": 1}\n', 2, 3, 'an object is never closed', '"}" before the end of the file');
  });

  it('reports the innermost unclosed bracket and the record it is in', async () => {
    await expectError(
      '{"x":0}\n{"a": {"b": [1, 2',
      2,
      13,
      'an array is never closed (the file ends inside the record that starts at line 2, column 1)',
      '"]" before the end of the file',
    );
  });

  it('reports a top-level array that is never closed', async () => {
    await expectError('[{"a":1},{"b":2}\n', 1, 1, 'an array is never closed', '"]" before the end of the file');
  });

  it('reports a wrapper whose array is never closed', async () => {
    const error = await expectError(
      '{"items": [\n  {"a":1},\n  {"b":2}\n',
      1,
      11,
      'an array is never closed',
      '"]" before the end of the file',
    );
    expect(error.seen).toEqual([rec(2, 3, { a: 1 }), rec(3, 3, { b: 2 })]);
  });

  it('reports a stray character between records', async () => {
    await expectError('{"a":1}\n x{"b":2}', 2, 2, 'unexpected "x"', '"{" or "[" starting a JSON record');
  });

  it('reports a comma between top-level objects', async () => {
    await expectError('{"a":1},\n{"b":2}', 1, 8, 'unexpected ","', '"{" or "[" starting a JSON record');
  });

  it('reports a top-level value that is not an object or array', async () => {
    await expectError('\n  42\n', 2, 3, 'unexpected "4"', '"{" or "[" starting a JSON record');
    await expectError('"text"', 1, 1, `unexpected '"'`, '"{" or "[" starting a JSON record');
    await expectError('{"a":1}\u00a0', 1, 8, 'unexpected U+00A0', '"{" or "[" starting a JSON record');
    await expectError('{"a":1}]', 1, 8, 'unexpected "]"', '"{" or "[" starting a JSON record');
  });

  it('reports a missing comma between array elements', async () => {
    await expectError('[{"a":1} {"b":2}]', 1, 10, 'unexpected "{" after an element of the array', '"," or "]"');
  });

  it('reports a trailing comma in an array', async () => {
    await expectError(
      '[{"a":1},\n]',
      2,
      1,
      'unexpected "]" after ","',
      'another value (JSON allows no comma before "]")',
    );
  });

  it('reports a comma where an element should be', async () => {
    await expectError('[,{"a":1}]', 1, 2, 'unexpected "," in the array', 'a value or "]"');
    await expectError('{"items":[{"a":1},,{"b":2}]}', 1, 19, 'unexpected "," in the array', 'a value after ","');
  });

  it('reports a bracket that closes the wrong thing', async () => {
    await expectError(
      '{"a":[1}',
      1,
      8,
      'unexpected "}"',
      '"]" closing the array that starts at line 1, column 6',
    );
  });

  it('reports invalid JSON inside a record at the place JSON.parse names', async () => {
    const slice = '{"a": 1,\n   }';
    await expectError(`[\n  ${slice}\n]`, 3, 4, `invalid JSON: ${parseMessage(slice)}`, 'a valid JSON record');
  });

  it('reports invalid JSON at the start of the record when JSON.parse names no place', async () => {
    const error = await expectError(
      '{"x":1}\n{"a":tru}',
      2,
      1,
      `invalid JSON: ${parseMessage('{"a":tru}')}`,
      'a valid JSON record',
    );
    expect(error.seen).toEqual([rec(1, 1, { x: 1 })]);
  });

  it('reports an invalid element that is not an object', async () => {
    await expectError('[1, 2x]', 1, 6, `invalid JSON: ${parseMessage('2x')}`, 'a valid JSON record');
  });

  it('reports invalid JSON before the wrapped array before any record', async () => {
    const error = await expectError(
      '{"count":2 "items":[{"a":1}]}',
      1,
      12,
      `invalid JSON: ${parseMessage('{"count":2 "items":[]}')}`,
      'a valid JSON record',
    );
    expect(error.seen).toEqual([]);
  });

  it('reports invalid JSON after the wrapped array', async () => {
    const located = await expectError(
      '{"items":[{"a":1}] "paging":1}',
      1,
      20,
      `invalid JSON: ${parseMessage('{"":[] "paging":1}')}`,
      'a valid JSON record',
    );
    expect(located.seen).toEqual([rec(1, 11, { a: 1 })]);
    await expectError(
      '{"items":[{"a":1}\n],"paging":{"next":}}',
      2,
      1,
      `invalid JSON: ${parseMessage('{"":[],"paging":{"next":}}')}`,
      'a valid JSON record',
    );
  });

  it('reports a second array of objects in a wrapper', async () => {
    const error = await expectError(
      '{"items":[{"a":1}],"data":[{"b":2}]}',
      1,
      27,
      'the wrapper object holds a second array of objects, under "data"',
      'one array of records per wrapper object (under "items")',
    );
    expect(error.seen).toEqual([rec(1, 11, { a: 1 })]);
  });

  it('rejects empty files', async () => {
    for (const content of ['', '   \n\r\n\t', '\uFEFF', '\uFEFF\n']) {
      const path = await fileWith(content);
      const error = await readError(path);
      expect(error.location).toEqual({ file: path });
      expect(error.message).toBe(`${path}: the file is empty; expected JSON records`);
    }
  });

  it('rejects a missing file without a stack trace', async () => {
    const path = join(dir, 'missing.json');
    const error = await readError(path);
    expect(error.location).toEqual({ file: path });
    expect(error.message).toBe(`${path}: cannot read the file: no such file`);
  });

  it('rejects a directory', async () => {
    expect((await readError(dir)).message).toBe(`${dir}: cannot read the file: is a directory`);
  });

  it.skipIf(process.getuid?.() === 0)('rejects an unreadable file', async () => {
    const path = await fileWith('{}\n');
    await chmod(path, 0o000);
    expect((await readError(path)).message).toBe(`${path}: cannot read the file: permission denied`);
  });

  it('rejects zip and gzip archives, also when read a byte at a time', async () => {
    const zip = await fileWith(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    const gzip = await fileWith(gzipSync('{"a":1}\n'));
    for (const chunkBytes of [1, 1 << 20]) {
      expect((await readError(zip, { chunkBytes })).message).toBe(
        `${zip}: the file is a zip archive, not JSON text; expected the JSON file itself (unzip it first)`,
      );
      expect((await readError(gzip, { chunkBytes })).message).toBe(
        `${gzip}: the file is gzip-compressed, not JSON text; expected the JSON file itself (gunzip it first)`,
      );
    }
  });
});

describe('readJsonRecords: UTF-16', () => {
  it('reads UTF-16 LE and BE JSON with a BOM, also when read a byte at a time', async () => {
    const le = Buffer.from('\uFEFF[{"email":"ann@x.io","name":"Renée €"}]\n', 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    for (const [bytes, encoding] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      const path = await fileWith(bytes);
      for (const chunkBytes of [1, 1 << 20]) {
        const result = await read(path, { chunkBytes });
        expect(result.records.map((r) => r.value)).toEqual([{ email: 'ann@x.io', name: 'Renée €' }]);
        expect(result.stats.encoding).toBe(encoding);
      }
    }
  });
});

describe('sniffJsonFile', () => {
  it('is true when the first character other than whitespace opens an object or array', async () => {
    expect(await sniffJsonFile(await fileWith('{"a":1}'))).toBe(true);
    expect(await sniffJsonFile(await fileWith('\uFEFF \r\n\t[1]'))).toBe(true);
    expect(await sniffJsonFile(await fileWith(`${' '.repeat(70_000)}\n{}`))).toBe(true);
  });

  it('is false for CSV, empty files and other text', async () => {
    expect(await sniffJsonFile(await fileWith('email,event\na@x.io,bounce\n'))).toBe(false);
    expect(await sniffJsonFile(await fileWith(''))).toBe(false);
    expect(await sniffJsonFile(await fileWith('\uFEFF'))).toBe(false);
    expect(await sniffJsonFile(await fileWith('  \n'))).toBe(false);
    expect(await sniffJsonFile(await fileWith('"{"'))).toBe(false);
    expect(await sniffJsonFile(await fileWith(Buffer.from('\uFEFFemail,x\n', 'utf16le')))).toBe(false);
  });

  it('is true for UTF-16 JSON with a BOM', async () => {
    expect(await sniffJsonFile(await fileWith(new Uint8Array([0xff, 0xfe, 0x7b, 0x00])))).toBe(true);
    expect(await sniffJsonFile(await fileWith(new Uint8Array([0xfe, 0xff, 0x00, 0x20, 0x00, 0x5b])))).toBe(true);
  });

  it('rejects a file it cannot read', async () => {
    const path = join(dir, 'missing.json');
    await expect(sniffJsonFile(path)).rejects.toThrow(`${path}: cannot read the file: no such file`);
    await expect(sniffJsonFile(dir)).rejects.toThrow(`${dir}: cannot read the file: is a directory`);
  });
});
