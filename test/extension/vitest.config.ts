import path from 'node:path'
import { defineConfig } from 'vitest/config'
import { WxtVitest } from 'wxt/testing/vitest-plugin'

export default defineConfig({
  plugins: [WxtVitest({ root: path.resolve(import.meta.dirname, '../..') })],
  test: {
    name: 'extension',
    root: path.resolve(import.meta.dirname, '../..'),
    include: ['test/extension/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
  },
})
