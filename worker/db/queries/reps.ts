/**
 * Reps, managers, calendars, channels and settings: the people and places assignment reads.
 * @module
 */
import { eq, inArray } from 'drizzle-orm'
import { Calendar } from '../../../shared/time/calendar'
import type { OutOfOffice } from '../../../shared/schemas/admin'
import type { Db } from '../../app-env'
import { calendars, channels, reps, settings } from '../schema'
import { chunk, IN_CHUNK } from './chunk'

export type RepRow = typeof reps.$inferSelect
export type ChannelRow = typeof channels.$inferSelect

export const MANAGERS_CHANNEL_KEY = 'managers_channel'

/** One rep by id, or undefined. */
export const getRep = (db: Db, id: string) => db.query.reps.findFirst({ where: eq(reps.id, id) })

/** Several reps by id, as a map. */
export const getRepsById = async (db: Db, ids: string[]): Promise<Map<string, RepRow>> => {
  const unique = [...new Set(ids)]
  const out = new Map<string, RepRow>()
  for (const part of chunk(unique, IN_CHUNK)) {
    for (const r of await db.select().from(reps).where(inArray(reps.id, part))) out.set(r.id, r)
  }
  return out
}

/** The calendar of a rep as the shared `Calendar`, or null (24/7) when the rep has none. */
export const getCalendar = async (db: Db, calendarId: string | null | undefined): Promise<Calendar | null> => {
  if (!calendarId) return null
  const row = await db.query.calendars.findFirst({ where: eq(calendars.id, calendarId) })
  if (!row) return null
  const parsed = Calendar.safeParse({ timeZone: row.timeZone, schedule: row.schedule, holidays: row.holidays })
  return parsed.success ? parsed.data : null
}

/** Whether `now` falls in one of the rep's out-of-office ranges. */
export const isOutOfOffice = (rep: Pick<RepRow, 'outOfOffice'>, now: number) =>
  ((rep.outOfOffice ?? []) as OutOfOffice[]).some((r) => Date.parse(r.start) <= now && now < Date.parse(r.end))

export const getChannel = (db: Db, id: string | null | undefined) =>
  id ? db.query.channels.findFirst({ where: eq(channels.id, id) }) : Promise.resolve(undefined)

/** The channel id configured for the managers (`PUT /v1/admin/settings/managers-channel`), or null. */
export const getManagersChannelId = async (db: Db): Promise<string | null> => {
  const row = await db.query.settings.findFirst({ where: eq(settings.key, MANAGERS_CHANNEL_KEY) })
  const value = row?.value as { channelId?: string | null } | undefined
  return value?.channelId ?? null
}

export const setManagersChannelId = (db: Db, channelId: string | null) =>
  db
    .insert(settings)
    .values({ key: MANAGERS_CHANNEL_KEY, value: { channelId } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { channelId } } })
