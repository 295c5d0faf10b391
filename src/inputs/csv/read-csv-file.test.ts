import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import type { CsvRecord } from './csv-tokenizer.js';
import { readCsvFile, type CsvFileStats, type CsvHeader } from './read-csv-file.js';

let dir: string;
let fileCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deliv-read-csv-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `content` (text as UTF-8, or raw bytes) to a fresh temp file and returns its path. */
async function fileWith(content: string | Uint8Array): Promise<string> {
  const path = join(dir, `input-${++fileCount}.csv`);
  await writeFile(path, content);
  return path;
}

interface Read {
  header: CsvHeader | undefined;
  records: CsvRecord[];
  stats: CsvFileStats;
  progress: Array<[number, number]>;
}

/** Reads `path` and collects everything readCsvFile reports. */
async function read(path: string): Promise<Read> {
  let header: CsvHeader | undefined;
  const records: CsvRecord[] = [];
  const progress: Array<[number, number]> = [];
  const stats = await readCsvFile(
    path,
    {
      header(h) {
        expect(header).toBeUndefined();
        header = h;
      },
      record(r) {
        records.push(r);
      },
    },
    { onProgress: (bytesRead, totalBytes) => progress.push([bytesRead, totalBytes]) },
  );
  return { header, records, stats, progress };
}

/** The InputError that reading `path` rejects with. */
async function readError(path: string): Promise<InputError> {
  const error: unknown = await read(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InputError) return error;
  throw new Error(`expected an InputError, got ${String(error)}`);
}

const rec = (line: number, ...fields: string[]): CsvRecord => ({ fields, line });

describe('readCsvFile', () => {
  it('strips a UTF-8 BOM and reports it', async () => {
    // 3 bytes of BOM + 12 + 12.
    const path = await fileWith('\uFEFFemail,name\r\na@x.io,Ann\r\n');
    const result = await read(path);
    expect(result.header).toEqual({
      names: ['email', 'name'],
      line: 1,
      delimiter: ',',
      encoding: 'utf-8 with BOM',
    });
    expect(result.records).toEqual([rec(2, 'a@x.io', 'Ann')]);
    expect(result.stats).toEqual({ bytes: 27, lines: 2, records: 1, blankLines: 0 });
    expect(result.progress).toEqual([[27, 27]]);
  });

  it('detects semicolons and keeps commas in fields', async () => {
    const result = await read(await fileWith('email;note;count\n"b@x.io";"x; y";1,750\n'));
    expect(result.header).toEqual({
      names: ['email', 'note', 'count'],
      line: 1,
      delimiter: ';',
      encoding: 'utf-8',
    });
    expect(result.records).toEqual([rec(2, 'b@x.io', 'x; y', '1,750')]);
  });

  it('detects tabs', async () => {
    const result = await read(await fileWith('email\tname\na@x.io\tAnn, B; C\n'));
    expect(result.header?.delimiter).toBe('\t');
    expect(result.records).toEqual([rec(2, 'a@x.io', 'Ann, B; C')]);
  });

  it('numbers records after multi-line fields and skips blank lines and empty records', async () => {
    const text =
      'email,note\n' +
      '"a@x.io","line one\nline two\r\nline three"\n' +
      'b@x.io,plain\n' +
      '\n' +
      ',\n' +
      'c@x.io,"x"\n';
    const result = await read(await fileWith(text));
    expect(result.records).toEqual([
      rec(2, 'a@x.io', 'line one\nline two\r\nline three'),
      rec(5, 'b@x.io', 'plain'),
      rec(8, 'c@x.io', 'x'),
    ]);
    expect(result.stats).toEqual({ bytes: 79, lines: 8, records: 3, blankLines: 2 });
  });

  it('reads a header-only file without a final line break', async () => {
    const result = await read(await fileWith('email,name'));
    expect(result.header?.names).toEqual(['email', 'name']);
    expect(result.records).toEqual([]);
    expect(result.stats).toEqual({ bytes: 10, lines: 1, records: 0, blankLines: 0 });
  });

  it('takes the first non-blank line as the header and sniffs it', async () => {
    const result = await read(await fileWith('\n\r\nemail;name\r\n;\r\nx@y.z;Zed'));
    expect(result.header).toEqual({ names: ['email', 'name'], line: 3, delimiter: ';', encoding: 'utf-8' });
    expect(result.records).toEqual([rec(5, 'x@y.z', 'Zed')]);
    expect(result.stats).toEqual({ bytes: 27, lines: 5, records: 1, blankLines: 3 });
  });

  it('decodes a character split across two 1 MiB chunks and reports progress per chunk', async () => {
    // 'é' (2 bytes) starts at byte 1048575, so the first chunk ends in its middle.
    const header = 'email,name\n'; // 11 bytes
    const filler = 'x'.repeat(1_048_557); // after 11 + 'a@x.io,' (7 bytes)
    const path = await fileWith(`${header}a@x.io,${filler}é\n`);
    const result = await read(path);
    expect(result.records).toEqual([rec(2, 'a@x.io', `${filler}é`)]);
    expect(result.progress).toEqual([
      [1_048_576, 1_048_578],
      [1_048_578, 1_048_578],
    ]);
    expect(result.stats).toEqual({ bytes: 1_048_578, lines: 2, records: 1, blankLines: 0 });
  });

  it('rejects empty files', async () => {
    for (const content of ['', '\uFEFF', '\n\r\n\n', ',,\n,\n']) {
      const path = await fileWith(content);
      const error = await readError(path);
      expect(error.location).toEqual({ file: path });
      expect(error.message).toBe(`${path}: the file is empty; expected a header line naming the columns`);
    }
  });

  it('rejects a missing file without a stack trace', async () => {
    const path = join(dir, 'missing.csv');
    const error = await readError(path);
    expect(error.location).toEqual({ file: path });
    expect(error.message).toBe(`${path}: cannot read the file: no such file`);
  });

  it('rejects a directory', async () => {
    expect((await readError(dir)).message).toBe(`${dir}: cannot read the file: is a directory`);
  });

  it.skipIf(process.getuid?.() === 0)('rejects an unreadable file', async () => {
    const path = await fileWith('email\n');
    await chmod(path, 0o000);
    expect((await readError(path)).message).toBe(`${path}: cannot read the file: permission denied`);
  });

  it('rejects zip archives', async () => {
    const zip = await fileWith(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expect((await readError(zip)).problem).toBe('the file is a zip archive (an Excel workbook?), not CSV text');
  });

  it('reads UTF-16 LE and BE text with a BOM, tab-delimited as Excel saves "Unicode text"', async () => {
    const text = 'email\tname\r\nann@x.io\tRenée €5\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [bytes, encoding] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      const result = await read(await fileWith(bytes));
      expect(result.header).toEqual({ names: ['email', 'name'], line: 1, delimiter: '\t', encoding });
      expect(result.records).toEqual([rec(2, 'ann@x.io', 'Renée €5')]);
    }
  });

  it('reads a file that is not valid UTF-8 as Windows-1252 and says where the first bad byte is', async () => {
    // "Renée" and "€" in Windows-1252 (0xE9, 0x80), on line 3 only.
    const bytes = Buffer.concat([
      Buffer.from('email,name\nann@x.io,Ann\nbob@x.io,Ren'),
      Buffer.from([0xe9]),
      Buffer.from('e '),
      Buffer.from([0x80]),
      Buffer.from('5\n'),
    ]);
    const result = await read(await fileWith(bytes));
    expect(result.header).toEqual({
      names: ['email', 'name'],
      line: 1,
      delimiter: ',',
      encoding: 'windows-1252',
      note: 'not valid UTF-8 (first bad byte at line 3); read as Windows-1252',
    });
    expect(result.records).toEqual([rec(2, 'ann@x.io', 'Ann'), rec(3, 'bob@x.io', 'Renée €5')]);
  });

  it('finds a bad byte after the first chunk, and keeps valid multibyte characters split across chunks', async () => {
    // A 3-byte character straddles the 1 MiB chunk boundary; the bad byte is on the last line.
    const filler = 'a'.repeat((1 << 20) - 'email,name\n'.length - 'x@x.io,'.length - 1);
    const bytes = Buffer.concat([Buffer.from(`email,name\nx@x.io,${filler}€\n`), Buffer.from('y@x.io,caf'), Buffer.from([0xe9, 0x0a])]);
    const result = await read(await fileWith(bytes));
    expect(result.header?.encoding).toBe('windows-1252');
    expect(result.header?.note).toBe('not valid UTF-8 (first bad byte at line 3); read as Windows-1252');
    expect(result.records[1]).toEqual(rec(3, 'y@x.io', 'café'));
    const valid = await read(await fileWith(`email,name\nx@x.io,${filler}€\n`));
    expect(valid.header?.encoding).toBe('utf-8');
    expect(valid.records[0]?.fields[1]).toBe(`${filler}€`);
  });

  it('rejects a NUL byte with its line and column', async () => {
    const path = await fileWith(Buffer.from('email,name\nann@x.io,A\u0000n\n'));
    const error = await readError(path);
    expect(error.location).toEqual({ file: path, line: 2, column: 11 });
    expect(error.message).toMatch(/^.*:2:11: NUL byte in the file; expected text/);
    // UTF-16 without a BOM: NUL on the first line.
    const noBom = await fileWith(Buffer.from('email\n', 'utf16le'));
    expect((await readError(noBom)).location).toEqual({ file: noBom, line: 1, column: 2 });
  });

  it('passes on tokenizer errors with their location', async () => {
    const path = await fileWith('email,note\na@x.io,"open\nmore\n');
    const error = await readError(path);
    expect(error.location).toEqual({ file: path, line: 2, column: 8 });
    expect(error.problem).toBe('a quoted field is never closed');
  });

  it('propagates an error thrown by the visitor', async () => {
    const path = await fileWith('email\na@x.io\nb@x.io\n');
    const stop = new Error('stop');
    const seen: number[] = [];
    await expect(
      readCsvFile(path, {
        header() {},
        record(r) {
          seen.push(r.line);
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(seen).toEqual([2]);
  });
});
