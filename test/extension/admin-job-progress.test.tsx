import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPreviewRunner } from '../../extension/admin/preview-runner'
import { CriteriaEditor } from '../../extension/components/admin/criteria-editor'
import { createFakeAdminApi, type FakeAdminApi } from './admin-fake-api'
import { NOW, SAMPLE, SMALL } from './admin-fixtures'

let api: FakeAdminApi

const mount = async (layout: 'popup' | 'tab' = 'tab') => {
  render(
    <CriteriaEditor
      api={api}
      layout={layout}
      runner={createPreviewRunner({ useWorker: false })}
      now={() => NOW}
      debounceMs={0}
      jobPollMs={5}
    />,
  )
  await screen.findByRole('heading', { name: /Criteria/ })
}

const save = async () => {
  fireEvent.input(document.getElementById('f-thresholds-sql')!, { target: { value: '45' } })
  fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
  const dialog = await screen.findByRole('dialog')
  fireEvent.input(within(dialog).getByLabelText(/Note/), { target: { value: 'lower the bar' } })
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
}

const progress = () => screen.getByRole('region', { name: 'Rescoring open leads' })
const bar = () => within(progress()).getByRole('progressbar') as HTMLProgressElement

beforeEach(() => {
  api = createFakeAdminApi(SMALL, SAMPLE)
})
afterEach(() => cleanup())

describe('criteria editor: the rescoring job after a save or restore', () => {
  it.each(['tab', 'popup'] as const)(
    'polls the job through the background and shows its progress, then what it did (%s)',
    async (layout) => {
      api.startJobNext(10_000, [
        { status: 'queued', done: 0, changed: 0, handedOff: 0 },
        { status: 'running', done: 3_500, changed: 410, handedOff: 12 },
        { status: 'running', done: 3_500, changed: 410, handedOff: 12 },
        { status: 'done', done: 10_000, changed: 1_234, handedOff: 56 },
      ])
      await mount(layout)
      await save()
      await waitFor(() =>
        expect(within(progress()).getByTestId('job-line').textContent).toBe('Rescoring 3,500 of 10,000 open leads…'),
      )
      expect(bar().max).toBe(10_000)
      expect(bar().value).toBe(3_500)
      await waitFor(() =>
        expect(within(progress()).getByTestId('job-line').textContent).toBe('Done: 1,234 changed, 56 handed off'),
      )
      expect(bar().value).toBe(10_000)
      expect(api.getCriteriaJob).toHaveBeenCalledWith('cjob_1')
      // Done: no more polls.
      const polls = (api.getCriteriaJob as unknown as { mock: { calls: unknown[] } }).mock.calls.length
      await new Promise((r) => setTimeout(r, 30))
      expect((api.getCriteriaJob as unknown as { mock: { calls: unknown[] } }).mock.calls.length).toBe(polls)
    },
  )

  it('shows a failed job with its error after a restore', async () => {
    await mount()
    await save()
    await waitFor(() => expect(document.querySelector('[data-version="2"]')).not.toBeNull())
    api.startJobNext(800, [
      { status: 'running', done: 500, changed: 20, handedOff: 0 },
      { status: 'failed', done: 500, changed: 20, handedOff: 0, error: 'Error: D1_ERROR: database is locked' },
    ])
    fireEvent.click(screen.getByRole('button', { name: 'Restore v1' }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes, restore v1' }))
    const alert = await within(await screen.findByRole('region', { name: 'Rescoring open leads' })).findByRole('alert')
    expect(alert.textContent).toBe('Rescoring failed after 500 of 800 open leads: Error: D1_ERROR: database is locked')
    expect(bar().value).toBe(500)
  })

  it('shows no progress when the save started no job', async () => {
    await mount()
    await save()
    expect(screen.getByRole('status').textContent).toBe('Saved as version 2.')
    expect(screen.queryByRole('region', { name: 'Rescoring open leads' })).toBeNull()
    expect(api.getCriteriaJob).not.toHaveBeenCalled()
  })
})
