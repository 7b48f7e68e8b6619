import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPreviewRunner } from '../../extension/admin/preview-runner'
import { CriteriaEditor } from '../../extension/components/admin/criteria-editor'
import type { CriteriaDocument } from '../../shared/schemas/criteria'
import { createFakeAdminApi, type FakeAdminApi, IMPACT } from './admin-fake-api'
import { NOW, SAMPLE, SMALL } from './admin-fixtures'

let api: FakeAdminApi

const mount = async () => {
  render(
    <CriteriaEditor
      api={api}
      layout="tab"
      runner={createPreviewRunner({ useWorker: false })}
      now={() => NOW}
      debounceMs={0}
    />,
  )
  await screen.findByRole('heading', { name: /Criteria/ })
  await waitFor(() => expect(screen.getByTestId('preview-sql-draft').textContent).toBe('1'))
}

/** The control at a draft path (`fit.0.points`). */
const field = (path: string) => {
  const el = document.getElementById(`f-${path.replaceAll('.', '-')}`)
  if (!el) throw new Error(`no field ${path}`)
  return el as HTMLInputElement
}
const type = (path: string, value: string) => fireEvent.input(field(path), { target: { value } })
const change = (path: string, value: string) => fireEvent.change(field(path), { target: { value } })

/** Saves with a note and returns the document the API received. */
const save = async (note = 'test change'): Promise<CriteriaDocument> => {
  fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
  const dialog = await screen.findByRole('dialog')
  fireEvent.input(within(dialog).getByLabelText(/Note/), { target: { value: note } })
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  const calls = (
    api.putCriteria as unknown as { mock: { calls: Array<[{ document: CriteriaDocument; note: string }]> } }
  ).mock.calls
  const last = calls.at(-1)?.[0]
  expect(last?.note).toBe(note)
  return last!.document
}

beforeEach(() => {
  api = createFakeAdminApi(SMALL, SAMPLE)
})
afterEach(() => cleanup())

describe('criteria editor: preview', () => {
  it('shows the sample under the current version, then the draft after a threshold change', async () => {
    await mount()
    expect(screen.getByTestId('preview-mql-current').textContent).toBe('4')
    expect(screen.getByTestId('preview-sql-current').textContent).toBe('1')
    type('thresholds.sql', '45')
    await waitFor(() => expect(screen.getByTestId('preview-sql-draft').textContent).toBe('3'))
    expect(screen.getByTestId('preview-mql-draft').textContent).toBe('4')
    expect(screen.getByTestId('preview-summary').textContent).toContain(
      "Of 2 leads that would newly qualify, 1 was lost as 'no budget' and 1 was won.",
    )
    expect(screen.getByText(/2 leads would move/)).toBeTruthy()
    expect(screen.getAllByText(/SQL threshold 60 → 45/).length).toBeGreaterThan(0)
    type('thresholds.mql', '45')
    // Cat (40) falls below MQL; Ann and Fay (50) are SQL now.
    await waitFor(() => expect(screen.getByTestId('preview-mql-draft').textContent).toBe('3'))
  })
})

describe('criteria editor: rules', () => {
  const kinds = [
    { section: 'fit', noun: 'fit rule' },
    { section: 'engagement', noun: 'engagement rule' },
    { section: 'negative', noun: 'negative rule' },
    { section: 'disqualifiers', noun: 'disqualifier' },
    { section: 'hot', noun: 'hot signal' },
    { section: 'signals', noun: 'interest/objection rule' },
  ] as const

  it.each(kinds)('adds, edits and removes a $noun', async ({ section, noun }) => {
    await mount()
    const before = (SMALL[section] as unknown[]).length
    fireEvent.click(screen.getByRole('button', { name: `Add ${noun}` }))
    type(`${section}.${before}.label`, 'Added by test')
    type(`${section}.${before}.id`, 'added-by-test')
    // A new disqualifier starts with no words: the inline check asks for at least one.
    if (section === 'disqualifiers') {
      await waitFor(() => expect(field(`${section}.${before}.when.words`).getAttribute('aria-invalid')).toBe('true'))
      change(`${section}.${before}.when.words`, 'intern')
    }
    const saved = await save()
    const rules = saved[section] as Array<{ id: string; label: string }>
    expect(rules).toHaveLength(before + 1)
    expect(rules.at(-1)).toMatchObject({ id: 'added-by-test', label: 'Added by test' })

    fireEvent.click(screen.getByRole('button', { name: `Remove ${noun} 'Added by test'` }))
    const again = await save('remove it')
    expect((again[section] as unknown[]).length).toBe(before)
  })

  it('edits points, a condition and event conditions', async () => {
    await mount()
    type('fit.0.points', '35')
    change('fit.0.when.words', 'vp, head, chief')
    type('engagement.0.cap', '50')
    type('engagement.0.halfLifeDays', '7')
    type('engagement.0.where.0.prefix', '/plans')
    fireEvent.click(screen.getByRole('button', { name: "Add event condition to 'Pricing page'" }))
    const doc = await save()
    expect(doc.fit[0]).toMatchObject({ points: 35, when: { op: 'contains_any', words: ['vp', 'head', 'chief'] } })
    expect(doc.engagement[0]).toMatchObject({ cap: 50, halfLifeDays: 7 })
    expect(doc.engagement[0]!.where).toEqual([
      { op: 'starts_with', property: 'path', prefix: '/plans' },
      { op: 'starts_with', property: 'path', prefix: '/' },
    ])
  })

  it('switches a condition to a range and edits disqualification reasons and content links', async () => {
    await mount()
    fireEvent.change(field('disqualifiers.0.when.op'), { target: { value: 'range' } })
    type('disqualifiers.0.when.max', '5')
    fireEvent.click(screen.getByRole('button', { name: 'Add reason' }))
    type('disqualificationReasons.2', 'competitor')
    fireEvent.click(screen.getByRole('button', { name: 'Add interest/objection rule' }))
    fireEvent.click(screen.getByRole('button', { name: "Add content link to 'New interest'" }))
    type('signals.0.content.0.title', 'Pricing guide')
    type('signals.0.content.0.url', 'https://example.com/pricing-guide')
    const doc = await save()
    expect(doc.disqualifiers[0]!.when).toEqual({ op: 'range', field: 'title', max: 5 })
    expect(doc.disqualificationReasons).toEqual(['student', 'no budget', 'competitor'])
    expect(doc.signals[0]!.content).toEqual([{ title: 'Pricing guide', url: 'https://example.com/pricing-guide' }])
  })

  it('reorders rules with the up and down buttons, keeping focus on the moved rule', async () => {
    await mount()
    const down = screen.getByRole('button', { name: "Move fit rule 'VP title' down" })
    down.focus()
    fireEvent.click(down)
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe("Move fit rule 'VP title' up"))
    const doc = await save()
    expect(doc.fit.map((r) => r.id)).toEqual(['big', 'vp'])
    expect(screen.getByRole('button', { name: "Move fit rule 'Big company' up" })).toHaveProperty('disabled', true)
  })
})

describe('criteria editor: validation', () => {
  it('shows the shared schema messages next to the field and sends nothing', async () => {
    await mount()
    type('fit.0.points', '5000')
    type('thresholds.sql', '10')
    const points = field('fit.0.points')
    await waitFor(() => expect(points.getAttribute('aria-invalid')).toBe('true'))
    const message = document.getElementById(points.getAttribute('aria-describedby')!)
    expect(message?.textContent).toMatch(/1000/)
    expect(document.getElementById(field('thresholds.sql').getAttribute('aria-describedby')!)?.textContent).toMatch(
      /at least the MQL/,
    )
    expect(screen.getByText('Fix the marked fields to see the preview.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('status').textContent).toMatch(/Fix 2 problems/)
    expect(api.putCriteria).not.toHaveBeenCalled()
  })

  it('flags a negative rule with positive points and a bad content URL', async () => {
    await mount()
    fireEvent.click(screen.getByRole('button', { name: 'Add negative rule' }))
    type('negative.0.points', '5')
    fireEvent.click(screen.getByRole('button', { name: 'Add interest/objection rule' }))
    fireEvent.click(screen.getByRole('button', { name: "Add content link to 'New interest'" }))
    type('signals.0.content.0.title', 'Guide')
    type('signals.0.content.0.url', 'javascript:alert(1)')
    await waitFor(() => expect(field('negative.0.points').getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById('f-negative-0-points-error')?.textContent).toMatch(/below zero/)
    expect(field('signals.0.content.0.url').getAttribute('aria-invalid')).toBe('true')
  })

  it("puts the worker's 422 issues on the same fields", async () => {
    await mount()
    type('fit.1.label', 'Enterprise')
    api.failNextPut({
      status: 422,
      code: 'validation_failed',
      message: 'Invalid criteria',
      issues: [{ path: 'fit.1.label', message: 'Label already used' }],
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    const dialog = await screen.findByRole('dialog')
    fireEvent.input(within(dialog).getByLabelText(/Note/), { target: { value: 'try' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
    await waitFor(() => expect(field('fit.1.label').getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById('f-fit-1-label-error')?.textContent).toBe('Label already used')
    expect(screen.getByRole('status').textContent).toMatch(/server refused/)
    await waitFor(() => expect(document.activeElement).toBe(field('fit.1.label')))
    // Editing the field clears the server's message about it.
    type('fit.1.label', 'Enterprise accounts')
    await waitFor(() => expect(field('fit.1.label').getAttribute('aria-invalid')).toBeNull())
  })

  it('requires a note to save', async () => {
    await mount()
    type('thresholds.mql', '35')
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    const dialog = await screen.findByRole('dialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
    expect(within(dialog).getByRole('alert').textContent).toBe('A note is required')
    expect(api.putCriteria).not.toHaveBeenCalled()
  })
})

describe('criteria editor: versions', () => {
  it('saves a new version with the note and shows it in the history with its diff', async () => {
    await mount()
    type('thresholds.sql', '45')
    await save('Lower the hand-off bar for Q4')
    expect(screen.getByRole('status').textContent).toBe('Saved as version 2.')
    const v2 = await waitFor(() => {
      const item = document.querySelector('[data-version="2"]') as HTMLElement | null
      if (!item) throw new Error('v2 not listed')
      return item
    })
    expect(within(v2).getByText('Lower the hand-off bar for Q4')).toBeTruthy()
    expect(within(v2).getByText(/by Ops/)).toBeTruthy()
    await waitFor(() => expect(within(v2).getByText('SQL threshold 60 → 45')).toBeTruthy())
    expect(screen.getByRole('heading', { name: /Criteria/ }).textContent).toContain('v2')
  })

  it('restores an older version as a new one', async () => {
    await mount()
    type('thresholds.sql', '45')
    await save('lower')
    await waitFor(() => expect(document.querySelector('[data-version="2"]')).not.toBeNull())
    fireEvent.click(screen.getByRole('button', { name: 'Restore v1' }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes, restore v1' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Restored as version 3.'))
    expect(api.restoreVersion).toHaveBeenCalledWith({ version: 1, apply: 'open_leads_now' })
    expect(field('thresholds.sql').value).toBe('60')
    await waitFor(() =>
      expect(
        within(document.querySelector('[data-version="3"]') as HTMLElement).getByText('Restored from v1'),
      ).toBeTruthy(),
    )
  })
})

describe('criteria editor: what a save does to open leads', () => {
  type PutCall = [{ document: CriteriaDocument; note: string; apply: string }]
  const puts = () => (api.putCriteria as unknown as { mock: { calls: PutCall[] } }).mock.calls
  const openDialog = async () => {
    type('thresholds.sql', '45')
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    return screen.findByRole('dialog')
  }
  const impactLine = (dialog: HTMLElement) => within(dialog).getByTestId('impact-line')

  it("says what applying to open leads now will do, from the worker's impact of the draft", async () => {
    await mount()
    const dialog = await openDialog()
    await waitFor(() =>
      expect(impactLine(dialog).textContent).toBe(
        '7 open leads will be handed off now (clocks start, 7 alerts go out). 9 of 120 open leads get a new score or status.',
      ),
    )
    // The impact is of the draft being saved, over every open lead.
    expect(api.criteriaImpact).toHaveBeenCalledTimes(1)
    expect(vi.mocked(api.criteriaImpact).mock.calls[0]![0].thresholds.sql).toBe(45)
    const now = within(dialog).getByRole('radio', { name: 'Apply to open leads now' }) as HTMLInputElement
    const later = within(dialog).getByRole('radio', { name: 'New activity only' }) as HTMLInputElement
    expect(now.checked).toBe(true)
    expect(later.checked).toBe(false)
    expect(now.getAttribute('aria-describedby')).toBe(impactLine(dialog).id)
    expect(document.getElementById(later.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Open leads keep their current score and status until they next have activity.',
    )
  })

  it('says when no open lead changes hands, in the singular when there is one', async () => {
    api.setImpact({ openLeads: 1, changed: 0, handOffs: 0, alerts: 0, leadIds: [] })
    await mount()
    const dialog = await openDialog()
    await waitFor(() =>
      expect(impactLine(dialog).textContent).toBe(
        'No open lead changes hands. The open lead keeps its score and status.',
      ),
    )
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    api.setImpact({ ...IMPACT, changed: 1, handOffs: 1, alerts: 1 })
    const again = await openDialog()
    await waitFor(() =>
      expect(impactLine(again).textContent).toBe(
        '1 open lead will be handed off now (its clock starts, 1 alert goes out). 1 of 120 open leads gets a new score or status.',
      ),
    )
  })

  it('saves with open_leads_now by default, and the rescoring job shows', async () => {
    await mount()
    api.startJobNext(120, [{ status: 'done', done: 120, changed: 9, handedOff: 7 }])
    const dialog = await openDialog()
    fireEvent.input(within(dialog).getByLabelText(/Note/), { target: { value: 'lower' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
    await waitFor(() => expect(screen.getAllByRole('status')[0]!.textContent).toBe('Saved as version 2.'))
    expect(puts().at(-1)![0]).toMatchObject({ note: 'lower', apply: 'open_leads_now' })
    await waitFor(() => expect(screen.getByTestId('job-line').textContent).toBe('Done: 9 changed, 7 handed off'))
  })

  it('saves with new_activity_only when chosen: no job, and the status says when open leads move', async () => {
    await mount()
    api.startJobNext(120, [{ status: 'done', done: 120, changed: 9, handedOff: 7 }])
    const dialog = await openDialog()
    await waitFor(() => expect(impactLine(dialog).textContent).toMatch(/^7 open leads will be handed off now/))
    fireEvent.click(within(dialog).getByRole('radio', { name: 'New activity only' }))
    // Once not chosen, the impact reads as what would have happened.
    expect(impactLine(dialog).textContent).toBe(
      '7 open leads would be handed off now (clocks start, 7 alerts go out). 9 of 120 open leads would get a new score or status.',
    )
    fireEvent.input(within(dialog).getByLabelText(/Note/), { target: { value: 'later' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(puts().at(-1)![0]).toMatchObject({ note: 'later', apply: 'new_activity_only' })
    expect(screen.getByRole('status').textContent).toBe(
      'Saved as version 2. Open leads move to it at their next activity.',
    )
    expect(screen.queryByTestId('job-line')).toBeNull()
  })

  it("shows the server's errors: the impact's in the dialog, and a failed save's, keeping the choice", async () => {
    api.setImpact({ status: 503, code: 'unavailable', message: 'The worker is busy', issues: [] })
    await mount()
    const dialog = await openDialog()
    await waitFor(() =>
      expect(impactLine(dialog).textContent).toBe(
        'Could not tell what this would do to open leads: The worker is busy',
      ),
    )
    fireEvent.click(within(dialog).getByRole('radio', { name: 'New activity only' }))
    fireEvent.input(within(dialog).getByLabelText(/Note/), { target: { value: 'try' } })
    api.failNextPut({ status: 500, code: 'internal', message: 'Something broke', issues: [] })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('Something broke (500)'))
    expect(puts().at(-1)![0].apply).toBe('new_activity_only')
    // The dialog stays open with the choice made, and saving again sends it again.
    expect((within(dialog).getByRole('radio', { name: 'New activity only' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(puts()).toHaveLength(2)
    expect(puts().at(-1)![0].apply).toBe('new_activity_only')
  })

  it("gives a restore the same choice, with the impact of the restored version's document", async () => {
    await mount()
    type('thresholds.sql', '45')
    await save('lower')
    await waitFor(() => expect(document.querySelector('[data-version="2"]')).not.toBeNull())
    vi.mocked(api.criteriaImpact).mockClear()
    api.setImpact({ ...IMPACT, handOffs: 0, alerts: 0, changed: 2 })
    fireEvent.click(screen.getByRole('button', { name: 'Restore v1' }))
    const confirm = screen.getByRole('group', { name: 'Restore version 1?' })
    await waitFor(() =>
      expect(within(confirm).getByTestId('impact-line').textContent).toBe(
        'No open lead changes hands. 2 of 120 open leads get a new score or status.',
      ),
    )
    expect(vi.mocked(api.criteriaImpact).mock.calls[0]![0].thresholds.sql).toBe(60)
    expect((within(confirm).getByRole('radio', { name: 'Apply to open leads now' }) as HTMLInputElement).checked).toBe(
      true,
    )
    fireEvent.click(within(confirm).getByRole('radio', { name: 'New activity only' }))
    fireEvent.click(within(confirm).getByRole('button', { name: 'Yes, restore v1' }))
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Restored as version 3. Open leads move to it at their next activity.',
      ),
    )
    expect(api.restoreVersion).toHaveBeenCalledWith({ version: 1, apply: 'new_activity_only' })
  })
})

describe('criteria editor: popup layout', () => {
  it('shows each rule as one line that opens on demand, and opens rules with problems', async () => {
    render(
      <CriteriaEditor
        api={api}
        layout="popup"
        runner={createPreviewRunner({ useWorker: false })}
        now={() => NOW}
        debounceMs={0}
        onOpenInTab={() => {}}
      />,
    )
    await screen.findByRole('heading', { name: /Criteria/ })
    const toggle = screen.getByRole('button', { name: /VP title/, expanded: false })
    expect(document.getElementById('f-fit-0-points')).toBeNull()
    expect(within(toggle.closest('li')!).getByText('+50')).toBeTruthy()
    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    type('fit.0.points', '5000')
    fireEvent.click(toggle)
    // Still open: it has a problem.
    await waitFor(() => expect(field('fit.0.points').getAttribute('aria-invalid')).toBe('true'))
    // A server message opens the collapsed rule it is about.
    type('fit.0.points', '40')
    api.failNextPut({
      status: 422,
      code: 'validation_failed',
      message: 'Invalid',
      issues: [{ path: 'engagement.0.cap', message: 'Cap too low' }],
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    const dialog = await screen.findByRole('dialog')
    fireEvent.input(within(dialog).getByLabelText(/Note/), { target: { value: 'x' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save version' }))
    await waitFor(() => expect(document.getElementById('f-engagement-0-cap-error')?.textContent).toBe('Cap too low'))
    await waitFor(() => expect(document.activeElement?.id).toBe('f-engagement-0-cap'))
  })
})
