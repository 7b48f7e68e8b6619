import { defineConfig } from 'wxt'
import preact from '@preact/preset-vite'

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: 'extension',
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Handoff',
    description: 'The lead brief and speed-to-lead clock beside LinkedIn and your CRM.',
    action: { default_title: 'Handoff' },
    permissions: ['storage', 'alarms', 'notifications'],
  },
})
