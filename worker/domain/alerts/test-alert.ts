/**
 * A test alert for one channel ("Send test" in the admin console): a sample hand-off about a made-up lead,
 * rendered and sent by the same code as real alerts, outside the outbox (no row, no retry), so the admin sees
 * at once whether the channel's URL and secret work.
 * @module
 */
import type { ChannelRow } from '../../db/queries/reps'
import type { DomainCtx } from '../context'
import { sendToChannel } from './deliver'
import type { AlertPayload } from './payload'

/** The sample: plainly a test, with nobody's real data. */
const samplePayload = (channel: ChannelRow, actor: string | undefined): AlertPayload => ({
  kind: 'assigned',
  milestone: 'test',
  title: `Test alert from Handoff for channel '${channel.name}'`,
  lead: {
    id: 'lead_test',
    name: 'Test Lead',
    email: 'test.lead@example.com',
    title: 'Head of Testing',
    company: 'Example Inc.',
    score: 80,
    hot: false,
    whyNow: 'A test sent from the admin console; no lead is involved.',
  },
  rep: null,
  dueAt: null,
  detail: actor ? `Sent by ${actor}` : null,
})

/**
 * Sends the sample through the channel and says whether it arrived.
 * @example const { delivered, error } = await sendTestAlert(domainCtx(c), channel)
 */
export const sendTestAlert = async (
  ctx: DomainCtx,
  channel: ChannelRow,
): Promise<{ delivered: boolean; error: string | null }> => {
  try {
    // A fresh message id each time: a receiver that deduplicates must not drop the second test.
    await sendToChannel(ctx, channel, samplePayload(channel, ctx.actor), `test_${crypto.randomUUID()}`, () => ctx.now)
    return { delivered: true, error: null }
  } catch (err) {
    return { delivered: false, error: err instanceof Error ? err.message : String(err) }
  }
}
