import { defineBackground } from 'wxt/utils/define-background'
import { registerAdminHandlers } from '../background/admin-handlers'
import { startBackground } from '../background/start'
import { browser } from '../browser'

export default defineBackground(() => {
  startBackground(browser)
  // admin popup handlers (extension/background/admin-handlers.ts)
  registerAdminHandlers()
})
