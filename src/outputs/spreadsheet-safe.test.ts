import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from './spreadsheet-safe.js';

describe('spreadsheetSafe', () => {
  it('neutralises cells a spreadsheet would evaluate', () => {
    for (const cell of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    }
  });
  it('leaves ordinary cells alone', () => {
    for (const cell of ['ada@example.com', '550 5.1.1', '', 'a=b', "'quoted"]) expect(spreadsheetSafe(cell)).toBe(cell);
  });
});
