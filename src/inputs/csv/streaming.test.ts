/**
 * deliv reads exports of any size (a 5 GB event log) in constant memory. These tests show
 * it without a 5 GB file: 200 MB of CSV generated on the fly through a Readable goes
 * through the tokenizer while the heap stays flat, and readCsvFile hands records to its
 * visitor chunk by chunk while the file is still being read.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvTokenizer } from './csv-tokenizer.js';
import { readCsvFile } from './read-csv-file.js';

const MiB = 1 << 20;
const ROW = 'Spring sale,ann.lee@example.com,delivered,2026-11-01T10:00:00Z\n';

/** `total` characters of event-log CSV in chunks of about 1 MiB (the header first). */
function* eventLog(total: number): Generator<string> {
  const block = ROW.repeat(Math.floor(MiB / ROW.length));
  yield 'campaign,email,event,timestamp\n';
  for (let sent = 0; sent < total; sent += block.length) yield block;
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('streaming reads', () => {
  it('tokenizes a 200 MB stream with the heap staying flat', async () => {
    const total = 200 * MiB;
    const tokenizer = new CsvTokenizer({ delimiter: ',', file: 'big.csv' });
    let records = 0;
    let characters = 0;
    const onRecord = (): void => void records++;
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    for await (const chunk of Readable.from(eventLog(total), { objectMode: true }) as AsyncIterable<string>) {
      characters += chunk.length;
      tokenizer.write(chunk, onRecord);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    tokenizer.end(onRecord);
    expect(characters).toBeGreaterThanOrEqual(total);
    expect(records).toBe(Math.round((characters - 31) / ROW.length) + 1);
    // Holding the input would take 400 MB of heap (UTF-16); a chunk and its records take a few.
    expect(peak - baseline).toBeLessThan(64 * MiB);
  }, 10_000);

  it('hands records to the visitor chunk by chunk while the file is still being read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deliv-stream-'));
    dirs.push(dir);
    const file = join(dir, 'events.csv');
    await writeFile(file, [...eventLog(8 * MiB)].join(''));
    let bytesRead = 0;
    const seenAt: number[] = [];
    const stats = await readCsvFile(
      file,
      {
        header() {},
        record() {
          if (seenAt.at(-1) !== bytesRead) seenAt.push(bytesRead);
        },
      },
      { onProgress: (read) => void (bytesRead = read) },
    );
    // Records arrive after each 1 MiB chunk, not once the whole file is in memory.
    expect(seenAt[0]).toBe(0);
    expect(seenAt.length).toBeGreaterThanOrEqual(8);
    expect(seenAt.every((at, i) => i === 0 || at - seenAt[i - 1]! === MiB)).toBe(true);
    expect(stats.bytes).toBeGreaterThan(8 * MiB);
  });
});
