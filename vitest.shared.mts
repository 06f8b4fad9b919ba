import { defineConfig } from 'vitest/config';

/** The one vitest configuration every project's vitest.config.ts extends. */
export function projectTestConfig(options: { testTimeout?: number } = {}) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      environment: 'node',
      pool: 'forks',
      testTimeout: options.testTimeout ?? 60_000,
      hookTimeout: 60_000,
      reporters: ['default'],
      passWithNoTests: true,
    },
  });
}
