import { describe, expect, it } from 'vitest';
import { DelimiterSniffer } from './delimiter-sniffer.js';

/** Sniffs `chunks` and returns [first line complete?, delimiter]. */
function sniff(...chunks: string[]): [boolean, string] {
  const sniffer = new DelimiterSniffer();
  let done = false;
  for (const chunk of chunks) done = sniffer.scan(chunk);
  return [done, sniffer.delimiter];
}

describe('DelimiterSniffer', () => {
  it('picks the most frequent delimiter', () => {
    expect(sniff('a,b;c;d\n')).toEqual([true, ';']);
    expect(sniff('a\tb\tc;d,e\n')).toEqual([true, '\t']);
  });

  it('prefers a comma, then a semicolon, on ties', () => {
    expect(sniff('a;b,c\n')).toEqual([true, ',']);
    expect(sniff('a\tb;c\n')).toEqual([true, ';']);
  });

  it('falls back to a comma when the line has no delimiter', () => {
    expect(sniff('email\n')).toEqual([true, ',']);
    expect(sniff('')).toEqual([false, ',']);
  });

  it('ignores delimiters inside quotes, also after doubled quotes', () => {
    expect(sniff('"x;y;z",b\n')).toEqual([true, ',']);
    expect(sniff('"a "";;"" b",c\n')).toEqual([true, ',']);
  });

  it('treats a quote inside an unquoted field as literal', () => {
    expect(sniff('5" tall;x;y,z\n')).toEqual([true, ';']);
  });

  it('ignores line breaks inside quotes', () => {
    expect(sniff('"a\nb,c,d";e\nf,g,h\n')).toEqual([true, ';']);
  });

  it('reads only the first line', () => {
    expect(sniff('a;b\nc,d,e')).toEqual([true, ';']);
    expect(sniff('a;b\rc,d,e')).toEqual([true, ';']);
  });

  it('skips leading empty lines', () => {
    expect(sniff('\r\n\na;b\n')).toEqual([true, ';']);
  });

  it('works across chunks, including a quote split from its pair', () => {
    expect(sniff('a;b', ';c', '\nd,e,f,g')).toEqual([true, ';']);
    expect(sniff('"x"', '";;"', '"",y\n')).toEqual([true, ',']);
  });

  it('keeps its answer once the first line has ended', () => {
    const sniffer = new DelimiterSniffer();
    expect(sniffer.scan('a\tb\n')).toBe(true);
    expect(sniffer.scan(',,,,;;;;')).toBe(true);
    expect(sniffer.delimiter).toBe('\t');
  });
});
