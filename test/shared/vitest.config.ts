import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'shared',
    root: path.resolve(import.meta.dirname, '../..'),
    include: ['test/shared/**/*.test.ts'],
    environment: 'node',
  },
})
