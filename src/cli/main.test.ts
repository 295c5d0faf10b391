import { afterEach, describe, expect, it, vi } from 'vitest';

// A command that crashes with a bug (not a DelivError), as any unforeseen failure would.
vi.mock('./program.js', () => ({
  buildProgram: () => ({
    parseAsync: async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    },
    outputHelp: () => undefined,
  }),
}));

describe('main', () => {
  afterEach(() => vi.restoreAllMocks());
  it('a crash is never exit 0 or 1: it exits 3 and says it is a bug', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { main } = await import('./main.js');
    expect(await main(['audit', 'x.csv'])).toBe(3);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^deliv: internal error \(this is a bug; please report it with the command you ran\):\nTypeError: Cannot read properties/);
  });
});
