import { stringify } from 'csv-stringify/sync';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { csvChunks } from './csv-text.js';
import { spreadsheetSafe } from './spreadsheet-safe.js';

describe('csvChunks', () => {
  test.prop([fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '=', 'é', '\t') }), { minLength: 1, maxLength: 4 }), { maxLength: 30 })])(
    'writes the bytes csv-stringify would (RFC 4180; a lone carriage return is quoted too), cells made spreadsheet-safe',
    (rows) => {
      const expected = stringify([['h'], ...rows.map((r) => r.map(spreadsheetSafe))], { record_delimiter: 'unix', quoted_match: /\r/ });
      expect([...csvChunks(['h'], rows)].join('')).toBe(expected);
    },
  );
});
