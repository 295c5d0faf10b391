import { describe, expect, it } from 'vitest';
import { progressText } from './progress.js';

describe('progressText', () => {
  it('shows each file being read with its rows, MB read of its size and its own rate', () => {
    const contacts = { progress: { file: 'contacts.csv', rows: 300_000, bytesRead: 20 * 1_048_576, totalBytes: 80 * 1_048_576 }, startedAt: 1_000 };
    const events = { progress: { file: 'events.csv', rows: 1_000_000, bytesRead: 68.5 * 1_048_576, totalBytes: 342 * 1_048_576 }, startedAt: 3_000 };
    expect(progressText([contacts, events], 5_000)).toBe(
      'Reading contacts.csv: 300,000 rows, 20.0 of 80.0 MB (75,000 rows/s) · events.csv: 1,000,000 rows, 68.5 of 342.0 MB (500,000 rows/s)',
    );
  });

  it('says it is reading inputs before any file reports', () => {
    expect(progressText([], 0)).toBe('Reading inputs');
  });
});
