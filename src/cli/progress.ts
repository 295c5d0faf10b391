import ora from 'ora';
import type { ReadProgress } from '../inputs/read-input-file.js';

export interface Progress {
  update(progress: ReadProgress): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/** A file being read: its latest progress and when its first progress came. */
export interface FileProgress {
  progress: ReadProgress;
  startedAt: number;
}

/**
 * The spinner's line: each file still being read (contact exports and result logs are read
 * at the same time) with its rows, the MB read of its size, and its own rate.
 */
export function progressText(files: Iterable<FileProgress>, now: number): string {
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  const parts: string[] = [];
  for (const { progress: p, startedAt } of files) {
    const seconds = Math.max((now - startedAt) / 1000, 0.001);
    parts.push(`${p.file}: ${p.rows.toLocaleString('en-US')} rows, ${mb(p.bytesRead)} of ${mb(p.totalBytes)} MB (${Math.round(p.rows / seconds).toLocaleString('en-US')} rows/s)`);
  }
  return parts.length ? `Reading ${parts.join(' · ')}` : 'Reading inputs';
}

/**
 * A spinner on stderr while files are read: only on a terminal, never under --quiet or
 * --json, so cron logs and pipes stay clean.
 */
export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return silent;
  const spinner = ora({ stream: process.stderr, text: 'Reading inputs' }).start();
  const reading = new Map<string, FileProgress>();
  let last = 0;
  return {
    update(progress) {
      const now = Date.now();
      const entry = reading.get(progress.file);
      if (entry) entry.progress = progress;
      else reading.set(progress.file, { progress, startedAt: now });
      if (progress.bytesRead >= progress.totalBytes) reading.delete(progress.file);
      if (now - last < 100) return;
      last = now;
      spinner.text = progressText(reading.values(), now);
    },
    stop() {
      spinner.stop();
    },
  };
}
