/**
 * What saving criteria over the open leads now will do, in words, from the worker's `HandOffImpact`: the save
 * dialog and the restore confirmation say it before anything is done.
 * @module
 */
import type { HandOffImpact } from '../../shared/schemas/intake'

/** `will` while "apply to open leads now" is chosen; `would` once the admin picked new activity only. */
export type Mood = 'will' | 'would'

const n = (x: number) => x.toLocaleString('en-US')
const openLeads = (x: number) => `${n(x)} open lead${x === 1 ? '' : 's'}`

/**
 * Who changes hands: each hand-off starts a clock and sends one alert (to the rep, or to the managers' channel
 * when no rep is eligible), so both are said.
 * @example handOffLine({ openLeads: 120, changed: 9, handOffs: 7, alerts: 7, leadIds: [] })
 * // '7 open leads will be handed off now (clocks start, 7 alerts go out)'
 */
export const handOffLine = (
  { handOffs, alerts }: Pick<HandOffImpact, 'handOffs' | 'alerts'>,
  mood: Mood = 'will',
): string => {
  const will = mood === 'will'
  if (handOffs === 0) return will ? 'No open lead changes hands' : 'No open lead would change hands'
  const clocks = handOffs === 1 ? 'its clock starts' : 'clocks start'
  const sent = `${n(alerts)} alert${alerts === 1 ? ' goes' : 's go'} out`
  return `${openLeads(handOffs)} ${mood} be handed off now (${clocks}, ${sent})`
}

/**
 * How many open leads get a new score or status (hand-offs included): a save can move leads without handing
 * any off, and that is worth knowing too.
 * @example rescoreLine({ openLeads: 120, changed: 9, handOffs: 7, alerts: 7, leadIds: [] })
 * // '9 of 120 open leads get a new score or status'
 */
export const rescoreLine = (
  { openLeads: total, changed }: Pick<HandOffImpact, 'openLeads' | 'changed'>,
  mood: Mood = 'will',
): string => {
  const will = mood === 'will'
  if (total === 0) return 'There are no open leads to rescore'
  if (changed === 0) {
    if (total === 1) return `The open lead ${will ? 'keeps its' : 'would keep its'} score and status`
    return `All ${n(total)} open leads ${will ? 'keep' : 'would keep'} their score and status`
  }
  const verb = will ? (changed === 1 ? 'gets' : 'get') : 'would get'
  return `${n(changed)} of ${openLeads(total)} ${verb} a new score or status`
}
