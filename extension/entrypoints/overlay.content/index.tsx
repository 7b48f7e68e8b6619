import { render } from 'preact'
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root'
import { defineContentScript } from 'wxt/utils/define-content-script'
import { Overlay, type OverlayActions, type OverlayState } from '../../components/overlay/overlay'
import { createPageSession } from '../../content/page-session'
import { sendMessage } from '../../messaging'
import { identify, matches, mayIdentifyLater } from '../../sites'
import { connection, overlayExpanded, showNotALeadPill } from '../../storage'
import './style.css'

export default defineContentScript({
  matches,
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  // No "content-script-started" postMessage: a page must not learn that Handoff runs, nor its id.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    let state: OverlayState = { kind: 'loading' }
    let [expanded, showNotALead] = await Promise.all([overlayExpanded.getValue(), showNotALeadPill.getValue()])
    const actions: OverlayActions = {
      logTouch: (message) => sendMessage('logTouch', message),
      setDisposition: (message) => sendMessage('setDisposition', message),
      undo: (actionId) => sendMessage('undoAction', { actionId }),
    }

    const ui = await createShadowRootUi<HTMLElement>(ctx, {
      name: 'handoff-overlay',
      // Closed, so page scripts cannot read the brief out of the overlay or remove it. The real-browser
      // tests' build (`--mode e2e`) keeps it open: Playwright's locators cannot enter a closed root.
      mode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container) {
        const wrapper = document.createElement('div')
        container.append(wrapper)
        return wrapper
      },
      onRemove(wrapper) {
        if (wrapper) render(null, wrapper)
        wrapper?.remove()
      },
    })

    const paint = () => {
      if (!ui.mounted) return
      const onToggle = (next: boolean) => {
        expanded = next
        void overlayExpanded.setValue(next)
        paint()
      }
      render(
        <Overlay state={state} expanded={expanded} onToggle={onToggle} showNotALead={showNotALead} actions={actions} />,
        ui.mounted,
      )
    }

    const session = createPageSession({
      identify: (url) => identify(url, document),
      mayIdentifyLater,
      lookup: (identity) => sendMessage('lookupLead', identity),
      show(next) {
        state = next
        if (!ui.mounted) ui.mount()
        paint()
      },
      hide: () => ui.remove(),
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    })

    // Other tabs may expand/collapse or change the option; follow them.
    const unwatch = [
      overlayExpanded.watch((v) => ((expanded = v), paint())),
      showNotALeadPill.watch((v) => ((showNotALead = v), paint())),
      // The background reached the server again (or a new token works): a page showing a failure recovers.
      connection.watch((c) => c === 'ok' && void session.recover()),
    ]
    ctx.onInvalidated(() => unwatch.forEach((u) => u()))
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void session.visit(newUrl.href))
    await session.visit(location.href)
  },
})
