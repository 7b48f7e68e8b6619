/**
 * Alert channels: Slack and Teams incoming webhooks, signed Standard Webhooks receivers (which may also
 * subscribe to lead events for a CRM), and the worker log. "Send test" posts a sample alert through the same
 * delivery code as real alerts and says whether it arrived.
 * @module
 */
import { useState } from 'preact/hooks'
import { ChannelInput } from '../../../../shared/schemas/admin'
import { OutboundEventType } from '../../../../shared/schemas/outbound-events'
import type { ConsoleClient } from '../../../admin/console-client'
import type { InputOf, ItemOf } from '../../../admin/console-resources'
import { SelectField, TextField } from '../../admin/fields'
import { ChoiceChecks } from '../console-fields'
import type { PageProps } from '../console-lists'
import { ResourcePage } from '../resource-page'

type Channel = ItemOf<'channels'>
type Draft = InputOf<'channels'>

const KINDS = [
  ['slack', 'Slack (incoming webhook)'],
  ['teams', 'Microsoft Teams (incoming webhook)'],
  ['webhook', 'Webhook (signed, Standard Webhooks)'],
  ['log', 'Worker log (for trying things out)'],
] as const

const blank = (): Draft => ({ name: '', kind: 'slack', url: '', secret: null, events: [] })

// The secret is write-only: an edit starts without it and must give it again for a webhook.
const toDraft = (c: Channel): Draft => ({
  name: c.name,
  kind: c.kind,
  url: c.url,
  secret: null,
  events: c.events.filter((e): e is (typeof OutboundEventType.options)[number] =>
    (OutboundEventType.options as readonly string[]).includes(e),
  ),
})

/** The "Send test" button of a row, with the outcome beside it. */
const TestButton = ({ client, channel }: { client: ConsoleClient; channel: Channel }) => {
  const [state, setState] = useState<{ busy: boolean; text: string | null; ok?: boolean }>({ busy: false, text: null })
  return (
    <span class="test-send">
      <button
        type="button"
        aria-label={`Send a test alert to '${channel.name}'`}
        disabled={state.busy}
        onClick={async () => {
          setState({ busy: true, text: 'Sending…' })
          const res = await client.testChannel(channel.id)
          if (!res.ok) return setState({ busy: false, text: `Failed: ${res.error.message}`, ok: false })
          setState({
            busy: false,
            ok: res.data.delivered,
            text: res.data.delivered ? 'Test delivered' : `Not delivered: ${res.data.error ?? 'no answer'}`,
          })
        }}
      >
        Send test
      </button>
      {state.text ? (
        <span class={state.ok === undefined ? 'muted' : state.ok ? 'ok' : 'bad'} role="status">
          {state.text}
        </span>
      ) : null}
    </span>
  )
}

/**
 * @example <ChannelsPage client={client} lists={lists} />
 */
export const ChannelsPage = ({ client, lists }: PageProps) => (
  <ResourcePage
    client={client}
    resource="channels"
    list={lists.channels}
    title="Alert channels"
    noun="channel"
    intro="Where hand-off, warning, breach and escalation alerts go. Reps and the managers pick a channel."
    nameOf={(c) => c.name}
    schema={ChannelInput}
    blank={blank}
    toDraft={toDraft}
    remove={{ text: 'Delete', confirm: 'Delete this channel?' }}
    rowTools={(c) => <TestButton client={client} channel={c} />}
    onChanged={() => void lists.reps.reload()}
    fields={(draft, editing) => (
      <>
        <div class="row">
          <TextField label="Name" path={['name']} value={draft.name} />
          <SelectField label="Kind" path={['kind']} value={draft.kind} options={KINDS} />
        </div>
        {draft.kind === 'log' ? null : (
          <TextField
            label="URL"
            type="url"
            path={['url']}
            value={draft.url}
            hint={draft.kind === 'webhook' ? 'Your receiver, https://…' : 'The incoming-webhook URL the app gives you'}
          />
        )}
        {draft.kind === 'webhook' ? (
          <>
            <TextField
              label="Signing secret"
              type="password"
              path={['secret']}
              value={draft.secret}
              optional
              hint={
                editing?.hasSecret
                  ? 'A secret is set and never shown. Enter it (or a new one) again to save.'
                  : 'whsec_ followed by base64, as the receiver expects'
              }
            />
            <ChoiceChecks
              legend="Also send these lead events"
              path={['events']}
              value={draft.events}
              choices={OutboundEventType.options.map((e) => [e, e] as const)}
              hint="For a CRM that follows Handoff; none: alerts only"
            />
          </>
        ) : null}
      </>
    )}
    columns={[
      { label: 'Name', cell: (c) => <strong>{c.name}</strong> },
      { label: 'Kind', cell: (c) => KINDS.find(([k]) => k === c.kind)?.[1].split(' (')[0] ?? c.kind },
      { label: 'URL', cell: (c) => <span class="mono clip">{c.url || '—'}</span> },
      { label: 'Events', wrap: true, cell: (c) => (c.events.length ? c.events.join(', ') : 'Alerts only') },
    ]}
  />
)
