import '../lib/zod-jitless'
import { defineBackground } from 'wxt/utils/define-background'
import { registerAdminHandlers } from '../background/admin-handlers'
import { startBackground } from '../background/start'
import { browser } from '../browser'

export default defineBackground(() => {
  const { api } = startBackground(browser)
  // The admin popup's handlers share the one API client.
  registerAdminHandlers(api)
})
