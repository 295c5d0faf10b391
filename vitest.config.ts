import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI; give slow machines room.
    testTimeout: 60_000,
  },
});
