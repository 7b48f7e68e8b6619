import { defineConfig } from 'wxt'
import preact from '@preact/preset-vite'

/**
 * Host access to the Handoff server is asked for at run time (options page), never granted for all
 * sites at install. The `e2e` mode (`wxt build --mode e2e`, written to `.output/chrome-mv3-e2e`) is the
 * one exception: the real-browser test cannot click a permission prompt, so that build is granted the
 * loopback server up front. The `demo` mode (`npm run build:ext:demo`, `.output/chrome-mv3-demo` and
 * `.output/firefox-mv3-demo`) does the same for a newcomer trying the local demo, and both run the content
 * script on the local worker's demo pages (`extension/sites/demo.ts`). Release builds (`wxt build`,
 * `wxt zip`) include neither.
 */
const E2E_HOSTS = ['http://127.0.0.1/*']

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: 'extension',
  imports: false,
  vite: () => ({
    plugins: [preact()],
    build: {
      rollupOptions: {
        // `shared/` modules are pure (schemas and functions, no top-level effects): let unused ones
        // drop out whole, so the content script's SLA helpers do not drag zod schemas (~40 KB gz) along.
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]/.test(id) },
      },
    },
  }),
  manifest: ({ mode, browser }) => ({
    name: 'Handoff',
    description: 'The lead brief and speed-to-lead clock beside LinkedIn and your CRM.',
    action: { default_title: 'Handoff' },
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: mode === 'e2e' || mode === 'demo' ? E2E_HOSTS : [],
    optional_host_permissions: ['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*'],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'handoff@handoff.example',
          strict_min_version: '140.0',
          // The page URL (profile or record id) and the server's lead data go to the user's own server.
          data_collection_permissions: { required: ['browsingActivity', 'personallyIdentifyingInfo'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  zip: {
    sourcesRoot: '.',
    excludeSources: [
      'node_modules/**',
      'worker/**',
      'test/**',
      'bench/**',
      '.wrangler/**',
      '.output/**',
      'test-results/**',
      '.dev.vars*',
      '**/.env*',
    ],
  },
})
