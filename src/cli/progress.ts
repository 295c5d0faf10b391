import ora from 'ora';
import type { ReadProgress } from '../inputs/read-input-file.js';

export interface Progress {
  update(progress: ReadProgress): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * A spinner on stderr while files are read: only on a terminal, never under --quiet or
 * --json, so cron logs and pipes stay clean.
 */
export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return silent;
  const spinner = ora({ stream: process.stderr, text: 'Reading inputs' }).start();
  const started = Date.now();
  let last = 0;
  return {
    update({ file, bytesRead, totalBytes, rows }) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const mb = (n: number) => (n / 1_048_576).toFixed(1);
      const seconds = Math.max((now - started) / 1000, 0.001);
      spinner.text = `Reading ${file}: ${rows.toLocaleString('en-US')} rows, ${mb(bytesRead)} of ${mb(totalBytes)} MB (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s)`;
    },
    stop() {
      spinner.stop();
    },
  };
}
