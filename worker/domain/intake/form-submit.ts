/**
 * A public website form post: the lead (anonymous input only fills empty fields of a known lead) and a
 * `form_submit` event carrying the form's name, so criteria can tell a demo request from a newsletter.
 * @module
 */
import type { LeadInput } from '../../../shared/schemas/lead'
import { newId } from '../../lib/crypto'
import type { DomainCtx } from '../context'
import { ingestEvents } from './ingest-events'
import { ingestLead } from './ingest-leads'

/**
 * Stores the submission, then the event: the rescore after the event hands off a lead it qualifies (a demo
 * request fires the hot signal) within the same request.
 * @example await submitForm(ctx, { email: 'cmo@acme.io' }, { source: 'website', formName: 'demo_request', sourceKey: 'src_…' })
 */
export const submitForm = async (
  ctx: DomainCtx,
  input: LeadInput,
  opts: { source: string; formName: string; sourceKey: string },
) => {
  const { leadId } = await ingestLead(ctx, input, { source: opts.source, fillOnly: true, handOff: false })
  await ingestEvents(
    { ...ctx, salesActivity: false },
    [
      {
        id: newId('form'),
        leadId,
        type: 'form_submit',
        occurredAt: new Date(ctx.now).toISOString(),
        properties: { form: opts.formName.slice(0, 200), sourceKey: opts.sourceKey },
      },
    ],
    { source: opts.source },
  )
  return { leadId }
}
