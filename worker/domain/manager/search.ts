/**
 * Lead search for managers: by name, email, company or status, newest first, keyset-paginated.
 * @module
 */
import type { LeadSearchPage, LeadSearchQuery } from '../../../shared/schemas/manager'
import type { Db } from '../../app-env'
import { searchLeadIds } from '../../db/queries/manager'
import { leadSummaries } from './lead-summary'

/** The cursor is `<createdAt>.<id>` of the last lead of the page; anything else starts from the top. */
const readCursor = (cursor: string | undefined) => {
  const m = cursor ? /^(\d+)\.(.+)$/.exec(cursor) : null
  return m ? { createdAt: Number(m[1]), id: m[2]! } : undefined
}

/**
 * One page of matching leads as summaries.
 * @example const { leads, nextCursor } = await searchLeads(db, { q: 'acme', limit: 25 }, Date.now())
 */
export const searchLeads = async (db: Db, q: LeadSearchQuery, now: number): Promise<LeadSearchPage> => {
  const rows = await searchLeadIds(db, { q: q.q, statuses: q.status, after: readCursor(q.cursor), limit: q.limit })
  const page = rows.slice(0, q.limit)
  const last = page[page.length - 1]
  return {
    leads: await leadSummaries(
      db,
      page.map((r) => r.id),
      now,
    ),
    nextCursor: rows.length > q.limit && last ? `${last.createdAt}.${last.id}` : null,
  }
}
