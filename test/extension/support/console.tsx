/**
 * Helpers of the console's component tests: mount the console on a page (its hash route) over a fake API,
 * reach a form control by its draft path, and read the messages a field shows.
 * @module
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { expect } from 'vitest'
import { ConsoleApp } from '../../../extension/components/console/console-app'
import type { AdminApi } from '../../../extension/messaging-admin'
import type { FakeConsole } from '../console-fake-api'

/** Mounts the console at `#hash` and waits for the page heading. */
export const mountConsole = async (api: FakeConsole, hash: string, heading: string | RegExp) => {
  window.location.hash = hash
  render(<ConsoleApp api={api as unknown as AdminApi} win={window} />)
  await screen.findByRole('heading', { level: 2, name: heading })
  await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull())
}

/** The control at a draft path (`schedule.mon.0.start`). */
export const field = (path: string) => {
  const el = document.getElementById(`f-${path.replaceAll('.', '-')}`)
  if (!el) throw new Error(`no field ${path}`)
  return el as HTMLInputElement
}
export const type = (path: string, value: string) => fireEvent.input(field(path), { target: { value } })
export const choose = (path: string, value: string) => fireEvent.change(field(path), { target: { value } })
export const tick = (path: string, checked: boolean) => fireEvent.change(field(path), { target: { checked } })

/** The messages shown under the field at a path (what `aria-describedby` points at). */
export const messagesOf = (path: string) => {
  const el = field(path)
  const id = el.getAttribute('aria-describedby')
  return id ? (document.getElementById(id)?.textContent ?? '') : ''
}

/** The form beside the list. */
export const theForm = () => {
  const form = document.querySelector<HTMLFormElement>('form.item-form')
  if (!form) throw new Error('no form open')
  return within(form)
}

export const submit = () => fireEvent.click(theForm().getByRole('button', { name: /^(Create|Save)/ }))

/** The table row naming an item. */
export const rowOf = (text: string) => {
  const row = screen.getByText(text).closest('tr')
  expect(row).toBeTruthy()
  return within(row as HTMLElement)
}
