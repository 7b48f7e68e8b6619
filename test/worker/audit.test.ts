import { describe, expect, it } from 'vitest'
import { AuditPage } from '../../shared/schemas/audit'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { api, issueToken } from './helpers'

const list = async (qs = '', token?: string) => {
  const res = await api(`/v1/admin/audit${qs}`, { token })
  expect(res.status).toBe(200)
  return AuditPage.parse(await res.json())
}

describe('audit log', () => {
  it('records who changed what and when, newest first; not reads, dry runs or refused calls', async () => {
    const admin = await issueToken('admin') // itself audited as token.create, by the bootstrap admin
    const created = await api('/v1/admin/reps', { token: admin, json: { name: 'Ana', email: 'ana@audit.test' } })
    expect(created.status).toBe(201)
    const repId = ((await created.json()) as { rep: { id: string } }).rep.id
    expect(
      (
        await api(`/v1/admin/reps/${repId}`, {
          method: 'PUT',
          token: admin,
          json: { name: 'Ana B', email: 'ana@audit.test' },
        })
      ).status,
    ).toBe(200)
    await api('/v1/admin/reps', { token: admin }) // a read
    expect((await api('/v1/admin/reps', { token: admin, json: { name: '' } })).status).toBe(422) // refused
    expect((await api('/v1/admin/criteria/preview', { token: admin, json: DEFAULT_CRITERIA })).status).toBe(200)
    expect(
      (
        await api('/v1/admin/criteria', {
          method: 'PUT',
          token: admin,
          json: { document: DEFAULT_CRITERIA, apply: 'new_activity_only' },
        })
      ).status,
    ).toBe(200)
    expect((await api(`/v1/admin/reps/${repId}`, { method: 'DELETE', token: admin })).status).toBeLessThan(300)

    const page = await list()
    expect(page.entries.map((e) => e.action)).toEqual([
      'rep.delete',
      'criteria.update',
      'rep.update',
      'rep.create',
      'token.create',
    ])
    const [del, crit, upd, make, token] = page.entries
    expect(make).toMatchObject({
      target: { type: 'rep', id: repId },
      actor: { name: 'admin', role: 'admin' },
      request: 'POST /v1/admin/reps',
    })
    expect(upd!.target.id).toBe(repId)
    expect(del!.request).toBe(`DELETE /v1/admin/reps/${repId}`)
    expect(crit).toMatchObject({ target: { type: 'criteria' }, detail: { apply: 'new_activity_only' } })
    expect(crit!.target.id).toMatch(/^\d+$/)
    expect(token!.actor.name).toBe('bootstrap admin')
    // The token itself is never in the log.
    expect(JSON.stringify(page)).not.toContain(admin)
    expect(Date.parse(make!.at)).toBeLessThanOrEqual(Date.parse(upd!.at))
  })

  it('pages with a cursor and filters by resource or action', async () => {
    const first = await list('?limit=2')
    expect(first.entries).toHaveLength(2)
    const second = await list(`?limit=2&cursor=${first.nextCursor}`)
    const third = await list(`?limit=2&cursor=${second.nextCursor}`)
    expect(third.nextCursor).toBeNull()
    const all = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id)
    expect(new Set(all).size).toBe(5)
    expect((await list()).entries.map((e) => e.id)).toEqual(all)
    expect((await list('?action=rep')).entries.map((e) => e.action)).toEqual(['rep.delete', 'rep.update', 'rep.create'])
    expect((await list('?action=rep.update')).entries).toHaveLength(1)
  })

  it('is for admins only', async () => {
    const res = await api('/v1/admin/reps', { json: { name: 'Mia', email: 'mia@audit.test', role: 'manager' } })
    const manager = await issueToken('manager', ((await res.json()) as { rep: { id: string } }).rep.id)
    expect((await api('/v1/admin/audit', { token: manager })).status).toBe(403)
    expect((await api('/v1/admin/audit', { token: null })).status).toBe(401)
  })
})
