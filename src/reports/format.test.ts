import { describe, expect, it } from 'vitest';
import { forMarkdown, forTerminal, formatRate, formatThreshold } from './format.js';

describe('format helpers', () => {
  it('formats rates and thresholds', () => {
    expect(formatRate(0.0023)).toBe('0.23%');
    expect(formatRate(null)).toBe('n/a');
    expect(formatThreshold(0.002)).toBe('0.2%');
    expect(formatThreshold(0.1)).toBe('10%');
  });
  it('strips control characters and ANSI escapes from data shown in a terminal', () => {
    expect(forTerminal('Ada\u001b[2J\u001b[31mRed\u0007')).toBe('AdaRed');
    expect(forTerminal('tab\there')).toBe('tab\there');
  });
  it('makes data inert in Markdown', () => {
    expect(forMarkdown('<img src=x>')).toBe('&lt;img src=x&gt;');
    expect(forMarkdown('[click](http://x) | *b* `c` _d_')).toBe('\\[click\\](http://x) \\| \\*b\\* \\`c\\` \\_d\\_');
    expect(forMarkdown('# title')).toBe('\\# title');
    expect(forMarkdown('1. item')).toBe('1\\. item');
    expect(forMarkdown('rate 0.24% (1 of 413)')).toBe('rate 0.24% (1 of 413)');
  });
});
