import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Golden files are compared, never written: a missing or different one fails, locally and in
    // CI alike. Only `npx vitest run -u`, by hand, writes them (test/foundation/golden.test.ts).
    update: 'none',
  },
});
