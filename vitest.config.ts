import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      'test/worker/vitest.config.mts',
      'test/shared/vitest.config.ts',
      'test/extension/vitest.config.ts',
      'test/browser/vitest.config.ts',
      'test/e2e/vitest.config.ts',
    ],
  },
})
