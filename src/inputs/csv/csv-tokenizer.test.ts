import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.js';

interface Tokenized {
  records: CsvRecord[];
  linesRead: number;
  blankLines: number;
}

/** Tokenizes `chunks` in order and returns everything the tokenizer reported. */
function tokenize(chunks: string[] | string, delimiter = ','): Tokenized {
  const tokenizer = new CsvTokenizer({ delimiter, file: 'in.csv' });
  const records: CsvRecord[] = [];
  const push = (record: CsvRecord): void => {
    records.push(record);
  };
  for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) tokenizer.write(chunk, push);
  tokenizer.end(push);
  return { records, linesRead: tokenizer.linesRead, blankLines: tokenizer.blankLines };
}

/** Runs the tokenizer and returns the InputError it throws. */
function errorOf(chunks: string[] | string, delimiter = ','): InputError {
  try {
    tokenize(chunks, delimiter);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** A small deterministic PRNG (mulberry32) so that random chunkings are reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `text` into chunks of 1 to `max` characters. */
function randomChunks(text: string, seed: number, max: number): string[] {
  const next = random(seed);
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = 1 + Math.floor(next() * max);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

const rec = (line: number, ...fields: string[]): CsvRecord => ({ fields, line });

describe('CsvTokenizer: csv-spectrum', () => {
  it('simple', () => {
    expect(tokenize('a,b,c\n1,2,3\n').records).toEqual([rec(1, 'a', 'b', 'c'), rec(2, '1', '2', '3')]);
  });

  it('simple_crlf', () => {
    expect(tokenize('a,b,c\r\n1,2,3\r\n').records).toEqual([rec(1, 'a', 'b', 'c'), rec(2, '1', '2', '3')]);
  });

  it('comma_in_quotes', () => {
    const text = 'first,last,address,city,zip\nJohn,Doe,120 any st.,"Anytown, WW",08123\n';
    expect(tokenize(text).records).toEqual([
      rec(1, 'first', 'last', 'address', 'city', 'zip'),
      rec(2, 'John', 'Doe', '120 any st.', 'Anytown, WW', '08123'),
    ]);
  });

  it('escaped_quotes', () => {
    expect(tokenize('a,b\n1,"ha ""ha"" ha"\n3,4\n').records).toEqual([
      rec(1, 'a', 'b'),
      rec(2, '1', 'ha "ha" ha'),
      rec(3, '3', '4'),
    ]);
  });

  it('newlines', () => {
    const result = tokenize('a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n');
    expect(result.records).toEqual([
      rec(1, 'a', 'b', 'c'),
      rec(2, '1', '2', '3'),
      rec(3, 'Once upon \na time', '5', '6'),
      rec(5, '7', '8', '9'),
    ]);
    expect(result.linesRead).toBe(5);
  });

  it('newlines_crlf', () => {
    const result = tokenize('a,b,c\r\n1,2,3\r\n"Once upon \r\na time",5,6\r\n7,8,9\r\n');
    expect(result.records).toEqual([
      rec(1, 'a', 'b', 'c'),
      rec(2, '1', '2', '3'),
      rec(3, 'Once upon \r\na time', '5', '6'),
      rec(5, '7', '8', '9'),
    ]);
    expect(result.linesRead).toBe(5);
  });

  it('newlines_cr', () => {
    const result = tokenize('a,b,c\r1,2,3\r"Once upon \ra time",5,6\r7,8,9\r');
    expect(result.records).toEqual([
      rec(1, 'a', 'b', 'c'),
      rec(2, '1', '2', '3'),
      rec(3, 'Once upon \ra time', '5', '6'),
      rec(5, '7', '8', '9'),
    ]);
    expect(result.linesRead).toBe(5);
  });

  it('quotes_and_newlines', () => {
    const result = tokenize('a,b\n1,"ha \n""ha"" \nha"\n3,4\n');
    expect(result.records).toEqual([rec(1, 'a', 'b'), rec(2, '1', 'ha \n"ha" \nha'), rec(5, '3', '4')]);
    expect(result.linesRead).toBe(5);
  });

  it('empty', () => {
    expect(tokenize('a,b,c\n1,"",""\n2,3,4\n').records).toEqual([
      rec(1, 'a', 'b', 'c'),
      rec(2, '1', '', ''),
      rec(3, '2', '3', '4'),
    ]);
  });

  it('empty_crlf', () => {
    expect(tokenize('a,b,c\r\n1,"",""\r\n2,3,4\r\n').records).toEqual([
      rec(1, 'a', 'b', 'c'),
      rec(2, '1', '', ''),
      rec(3, '2', '3', '4'),
    ]);
  });

  it('json', () => {
    const text = 'key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n';
    expect(tokenize(text).records).toEqual([
      rec(1, 'key', 'val'),
      rec(2, '1', '{"type": "Point", "coordinates": [102.0, 0.5]}'),
    ]);
  });

  it('utf8', () => {
    expect(tokenize('a,b,c\n1,2,3\n4,5,ʤ\n').records).toEqual([
      rec(1, 'a', 'b', 'c'),
      rec(2, '1', '2', '3'),
      rec(3, '4', '5', 'ʤ'),
    ]);
  });

  it('location_coordinates (quotes inside unquoted fields are literal)', () => {
    const text =
      'Contact Phone Number,Location Coordinates,Cities,Counties\n' +
      `02095257564,37°36'37.8"N 121°2'17.9"W,Modesto,Stanislaus`;
    expect(tokenize(text).records).toEqual([
      rec(1, 'Contact Phone Number', 'Location Coordinates', 'Cities', 'Counties'),
      rec(2, '02095257564', `37°36'37.8"N 121°2'17.9"W`, 'Modesto', 'Stanislaus'),
    ]);
  });
});

describe('CsvTokenizer: lines', () => {
  it('counts nothing for empty input', () => {
    expect(tokenize('')).toEqual({ records: [], linesRead: 0, blankLines: 0 });
  });

  it('treats a last line without a line break as a record', () => {
    expect(tokenize('a,b\nc')).toEqual({ records: [rec(1, 'a', 'b'), rec(2, 'c')], linesRead: 2, blankLines: 0 });
  });

  it('does not count a line after a final line break', () => {
    expect(tokenize('a\n')).toEqual({ records: [rec(1, 'a')], linesRead: 1, blankLines: 0 });
  });

  it('skips and counts empty lines, with lone CR, LF and CRLF mixed', () => {
    expect(tokenize('a\r\n\nb\n\r\nc\r\rd')).toEqual({
      records: [rec(1, 'a'), rec(3, 'b'), rec(5, 'c'), rec(7, 'd')],
      linesRead: 7,
      blankLines: 3,
    });
  });

  it('counts a file of only line breaks as blank lines', () => {
    expect(tokenize('\n\r\n\r')).toEqual({ records: [], linesRead: 3, blankLines: 3 });
  });

  it('counts a quoted CRLF as one line and keeps it in the field', () => {
    expect(tokenize('"x\r\ny",z\nnext\n')).toEqual({
      records: [rec(1, 'x\r\ny', 'z'), rec(3, 'next')],
      linesRead: 3,
      blankLines: 0,
    });
  });

  it('counts a line of spaces and an empty quoted field as records, not blank lines', () => {
    expect(tokenize('a\n  \n""\n')).toEqual({
      records: [rec(1, 'a'), rec(2, '  '), rec(3, '')],
      linesRead: 3,
      blankLines: 0,
    });
  });

  it('reports linesRead while streaming', () => {
    const tokenizer = new CsvTokenizer({ delimiter: ',', file: 'in.csv' });
    const lines: number[] = [];
    tokenizer.write('a\nb', () => lines.push(tokenizer.linesRead));
    expect(tokenizer.linesRead).toBe(2);
    tokenizer.write('\r', () => lines.push(tokenizer.linesRead));
    expect(tokenizer.linesRead).toBe(2);
    tokenizer.write('\n"x\ny', () => lines.push(tokenizer.linesRead));
    expect(tokenizer.linesRead).toBe(4);
    // Inside onRecord, linesRead already counts the record's own line break.
    expect(lines).toEqual([1, 2]);
  });
});

describe('CsvTokenizer: fields', () => {
  it('keeps a trailing empty field after a final delimiter', () => {
    expect(tokenize('a,\n,').records).toEqual([rec(1, 'a', ''), rec(2, '', '')]);
  });

  it('reads an empty quoted field', () => {
    expect(tokenize('""').records).toEqual([rec(1, '')]);
  });

  it('keeps quotes inside unquoted fields', () => {
    expect(tokenize('5" tall,a"b""c,x\n').records).toEqual([rec(1, '5" tall', 'a"b""c', 'x')]);
  });

  it('keeps a quote after leading spaces literal (the field is not quoted)', () => {
    expect(tokenize(' "a",b').records).toEqual([rec(1, ' "a"', 'b')]);
  });

  it('ignores spaces and tabs after a closing quote', () => {
    expect(tokenize('"a"  \t,b\n"c" \t\n"d" ').records).toEqual([rec(1, 'a', 'b'), rec(2, 'c'), rec(3, 'd')]);
  });

  it('treats a tab after a closing quote as the delimiter when the delimiter is a tab', () => {
    expect(tokenize('"a"\t"b"\n"c" \td\t', '\t').records).toEqual([rec(1, 'a', 'b'), rec(2, 'c', 'd', '')]);
  });

  it('splits on semicolons and keeps commas', () => {
    expect(tokenize('a,1;"b;c";d\n', ';').records).toEqual([rec(1, 'a,1', 'b;c', 'd')]);
  });

  it('keeps a quoted field that is only doubled quotes', () => {
    expect(tokenize('"""""",x').records).toEqual([rec(1, '""', 'x')]);
  });
});

describe('CsvTokenizer: errors', () => {
  it('rejects a character after a closing quote with its line and column', () => {
    const error = errorOf('a,b\n"ab"x,d');
    expect(error.location).toEqual({ file: 'in.csv', line: 2, column: 5 });
    expect(error.problem).toBe('unexpected character after a closing quote');
    expect(error.expected).toBe('a delimiter or the end of the line');
    expect(error.message).toBe(
      'in.csv:2:5: unexpected character after a closing quote; expected a delimiter or the end of the line',
    );
  });

  it('counts the column from the last line of a multi-line quoted field', () => {
    expect(errorOf('a,b\n"line\r\nmore" !').location).toEqual({ file: 'in.csv', line: 3, column: 7 });
  });

  it('counts columns in characters, not UTF-16 units', () => {
    expect(errorOf('😀,"😀"?').location).toEqual({ file: 'in.csv', line: 1, column: 6 });
  });

  it('rejects an unclosed quote at the opening quote', () => {
    const error = errorOf('a,b\nc,"open\nmore\n');
    expect(error.location).toEqual({ file: 'in.csv', line: 2, column: 3 });
    expect(error.problem).toBe('a quoted field is never closed');
  });

  it('finds the opening quote after wide characters and across chunks', () => {
    expect(errorOf(['x\n😀', '😀,', 'ab,"', 'c'], ',').location).toEqual({ file: 'in.csv', line: 2, column: 7 });
  });

  it('rejects an unusable delimiter', () => {
    expect(() => new CsvTokenizer({ delimiter: '"', file: 'x' })).toThrow(/unusable delimiter/);
    expect(() => new CsvTokenizer({ delimiter: ',,', file: 'x' })).toThrow(/unusable delimiter/);
  });

  it('flushes once and refuses more text after end()', () => {
    const tokenizer = new CsvTokenizer({ delimiter: ',', file: 'in.csv' });
    const records: CsvRecord[] = [];
    tokenizer.write('a,b', (r) => records.push(r));
    tokenizer.end((r) => records.push(r));
    tokenizer.end((r) => records.push(r));
    expect(records).toEqual([rec(1, 'a', 'b')]);
    expect(() => tokenizer.write('c', () => {})).toThrow('CsvTokenizer: write() after end()');
  });

  it('propagates an error thrown by onRecord', () => {
    const tokenizer = new CsvTokenizer({ delimiter: ',', file: 'in.csv' });
    expect(() =>
      tokenizer.write('a\nb\n', () => {
        throw new Error('stop');
      }),
    ).toThrow('stop');
  });
});

describe('CsvTokenizer: chunking', () => {
  // Every tricky spot: quoted CRLF, lone CR inside quotes, doubled quotes, blank lines of
  // both kinds, a literal quote, spaces and a tab after closing quotes, a surrogate pair,
  // a trailing empty field and a final quoted field that is only a line break.
  const tricky =
    'id,name,note\r\n' +
    '1,"Smith, J","said ""hi""\r\nthen left"\r\n' +
    '\r\n' +
    '2,5" tall,"x\ry"  ,\r' +
    '3,"",\n' +
    '\n' +
    '"4"\t,"😀 ""q""",end\r\n' +
    '"\r\n"\r\n';
  const expected: Tokenized = {
    records: [
      rec(1, 'id', 'name', 'note'),
      rec(2, '1', 'Smith, J', 'said "hi"\r\nthen left'),
      rec(5, '2', '5" tall', 'x\ry', ''),
      rec(7, '3', '', ''),
      rec(9, '4', '😀 "q"', 'end'),
      rec(10, '\r\n'),
    ],
    linesRead: 11,
    blankLines: 2,
  };

  it('reads the tricky input in one piece', () => {
    expect(tokenize(tricky)).toEqual(expected);
  });

  it('reads it one character at a time', () => {
    expect(tokenize([...tricky.split('')])).toEqual(expected);
  });

  it('reads it split in two at every position', () => {
    for (let at = 0; at <= tricky.length; at++) {
      expect(tokenize([tricky.slice(0, at), tricky.slice(at)]), `split at ${at}`).toEqual(expected);
    }
  });

  it('reads it in random chunkings', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const chunks = randomChunks(tricky, seed, 1 + (seed % 9));
      expect(tokenize(chunks), `seed ${seed}`).toEqual(expected);
    }
  });

  it('reports the same error position in every chunking', () => {
    const text = 'a,b\r\n"x\r\n""y"" z" q';
    for (let at = 0; at <= text.length; at++) {
      expect(errorOf([text.slice(0, at), text.slice(at)]).location).toEqual({ file: 'in.csv', line: 3, column: 10 });
    }
  });

  it('round-trips any records written with quoting, in any chunking', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' ', 'é', '😀') });
    const record = fc.array(field, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 1, max: 1_000_000 }),
        (records, eol, seed) => {
          // A record of one empty field would be an empty line: always quote fields.
          const text = records
            .map((fields) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(','))
            .join(eol);
          const result = tokenize(randomChunks(text, seed, 7));
          expect(result.records.map((r) => r.fields)).toEqual(records);
          let line = 1;
          records.forEach((fields, k) => {
            expect(result.records[k]?.line).toBe(line);
            line += countLineBreaks(fields.join(',')) + 1;
          });
          expect(result.linesRead).toBe(line - 1);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('CsvTokenizer: whole lines and the state machine agree', () => {
  /** Everything the tokenizer reports for `chunks`, or the error it stops with. */
  function outcome(chunks: string[], delimiter: string, limits: { maxFieldChars?: number; maxFields?: number }): unknown {
    const tokenizer = new CsvTokenizer({ delimiter, file: 'in.csv', ...limits });
    const records: CsvRecord[] = [];
    const push = (record: CsvRecord): void => {
      records.push(record);
    };
    try {
      for (const chunk of chunks) tokenizer.write(chunk, push);
      tokenizer.end(push);
    } catch (error) {
      if (error instanceof InputError) return { records, error: error.message };
      throw error;
    }
    return { records, linesRead: tokenizer.linesRead, blankLines: tokenizer.blankLines };
  }

  // One character per chunk: no line is ever whole in a chunk, so only the state machine reads.
  it('reads any text as the state machine alone does, within limits or not', () => {
    const unit = fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '\r', '\n', '\n', 'é', '😀');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 60 }),
        fc.constantFrom(',', ';', '\t'),
        fc.record({ maxFieldChars: fc.integer({ min: 1, max: 12 }), maxFields: fc.integer({ min: 1, max: 6 }) }, { requiredKeys: [] }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (text, delimiter, limits, seed) => {
          const reference = outcome(text.split(''), delimiter, limits);
          expect(outcome([text], delimiter, limits)).toEqual(reference);
          expect(outcome(randomChunks(text, seed, 12), delimiter, limits)).toEqual(reference);
        },
      ),
      { numRuns: 5000, seed: 21 },
    );
  });
});

/** Line breaks in `text`, counting \r\n once. */
function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) count++;
  }
  return count;
}

describe('CsvTokenizer limits', () => {
  /** The InputError message for `chunks` read with small limits. */
  function limitError(chunks: string[], limits: { maxFieldChars?: number; maxFields?: number }): string {
    const tokenizer = new CsvTokenizer({ delimiter: ',', file: 'in.csv', ...limits });
    try {
      for (const chunk of chunks) tokenizer.write(chunk, () => {});
      tokenizer.end(() => {});
    } catch (error) {
      if (error instanceof InputError) return error.message;
      throw error;
    }
    return 'no error';
  }

  it('stops at a field longer than the limit, naming where the field starts, in any chunking', () => {
    const text = 'a,b\nx,123456\n';
    for (const chunks of [[text], text.split(''), ['a,b\nx,12', '3456\n']]) {
      expect(limitError(chunks, { maxFieldChars: 5 })).toBe('in.csv:2:3: a field is longer than 5 characters; expected fields of at most 5 characters');
    }
    expect(limitError([text], { maxFieldChars: 6 })).toBe('no error');
  });

  it('names the opening quote of a quoted field that grows past the limit', () => {
    const text = 'a,b\nx,"12\n34567';
    for (const chunks of [[text], text.split('')]) {
      expect(limitError(chunks, { maxFieldChars: 5 })).toBe(
        'in.csv:2:3: a field is longer than 5 characters (a quote that is never closed?); expected fields of at most 5 characters',
      );
    }
  });

  it('stops at a record with more fields than the limit, naming the first field too many', () => {
    expect(limitError(['a,b,c\n'], { maxFields: 3 })).toBe('no error');
    expect(limitError(['a,b,c,d\n'], { maxFields: 3 })).toBe('in.csv:1:7: a record has more than 3 fields; expected at most 3 columns');
    expect(limitError(['a,b,c,'], { maxFields: 3 })).toBe('in.csv:1:7: a record has more than 3 fields; expected at most 3 columns');
  });
});
