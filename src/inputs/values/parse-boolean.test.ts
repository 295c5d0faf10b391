import { describe, expect, it } from 'vitest';
import { BOOLEAN_EXPECTED, parseBoolean } from './parse-boolean.js';

describe('parseBoolean', () => {
  it.each(['true', 'TRUE', 'True', 'yes', 'Yes', 'y', 'Y', '1', ' yes\t'])('%j is true', (text) => {
    expect(parseBoolean(text)).toBe(true);
  });

  it.each(['false', 'FALSE', 'no', 'No', 'n', 'N', '0', '', '   ', ' false '])('%j is false', (text) => {
    expect(parseBoolean(text)).toBe(false);
  });

  it.each(['t', 'f', 'on', 'off', '2', '01', '-1', 'yes please', 'null', 'n/a', 'ja'])('%j is invalid', (text) => {
    expect(parseBoolean(text)).toBeUndefined();
  });

  it('describes the accepted values', () => {
    expect(BOOLEAN_EXPECTED).toBe('true/false, yes/no, y/n or 1/0 (empty means false)');
  });
});
