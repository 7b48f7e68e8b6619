/**
 * Intake sources: the public website form, and one signed webhook per system (HubSpot, Pipedrive,
 * Salesforce, Typeform, Calendly). A generated secret is shown once, on create and on rotate; secrets a
 * system issues itself (HubSpot, Calendly) are pasted in.
 * @module
 */
import { useState } from 'preact/hooks'
import { type SourceKind, SourceInput } from '../../../../shared/schemas/sources'
import type { ConsoleClient } from '../../../admin/console-client'
import type { CreatedOf, ItemOf } from '../../../admin/console-resources'
import { useEditor } from '../../admin/editor-context'
import { CheckboxField, SelectField, TextField } from '../../admin/fields'
import type { PageProps } from '../console-lists'
import { ResourcePage } from '../resource-page'
import { type Secret, SecretReveal } from '../secret-reveal'

type Source = ItemOf<'sources'>
type Created = CreatedOf<'sources'>
/** One draft for every kind: the schema keeps the keys of the chosen kind. */
type Draft = {
  kind: SourceKind
  name: string
  source?: string
  campaign?: string
  redirectUrl?: string
  active?: boolean
  ownerPolicy?: 'follow' | 'keep'
  secret?: string
  username?: string
  password?: string
  organizationId?: string
}

const KINDS: ReadonlyArray<readonly [SourceKind, string]> = [
  ['form', 'Website form'],
  ['hubspot', 'HubSpot'],
  ['pipedrive', 'Pipedrive'],
  ['salesforce', 'Salesforce'],
  ['typeform', 'Typeform'],
  ['calendly', 'Calendly'],
]
const kindName = (k: SourceKind) => KINDS.find(([v]) => v === k)?.[1] ?? k

/** Kinds whose secret the other system issues: a rotate needs the new one pasted in. */
const GIVEN_SECRET: readonly SourceKind[] = ['hubspot', 'calendly']

/** The once-only values of a create or rotate answer, and what to copy along with them. */
const shownOnce = (s: Created): { secrets: Secret[]; details: Secret[] } => {
  const secrets: Secret[] = []
  if (s.secret) secrets.push({ label: 'Secret', value: s.secret })
  if (s.username) secrets.push({ label: 'Username', value: s.username })
  if (s.password) secrets.push({ label: 'Password', value: s.password })
  const path = { label: s.kind === 'form' ? 'Form action path' : 'Webhook path', value: s.webhookPath }
  // Salesforce's path carries its secret segment: it is shown once as well.
  if (s.kind === 'salesforce') secrets.push(path)
  return { secrets, details: s.kind === 'salesforce' ? [] : [path] }
}

const KindFields = ({ draft }: { draft: Draft }) => {
  switch (draft.kind) {
    case 'form':
      return (
        <>
          <TextField label="Source recorded on leads" path={['source']} value={draft.source} hint="e.g. website" />
          <TextField
            label="Redirect after posting (optional)"
            type="url"
            path={['redirectUrl']}
            value={draft.redirectUrl}
            optional
            hint="Your thank-you page; empty: a JSON answer"
          />
        </>
      )
    case 'hubspot':
    case 'calendly':
      return (
        <TextField
          label={draft.kind === 'hubspot' ? "HubSpot app's client secret" : 'Calendly webhook signing key'}
          type="password"
          path={['secret']}
          value={draft.secret}
          optional
        />
      )
    case 'typeform':
      return (
        <TextField
          label="Typeform secret (optional)"
          type="password"
          path={['secret']}
          value={draft.secret}
          optional
          hint="Empty: Handoff generates one and shows it once"
        />
      )
    case 'pipedrive':
      return (
        <div class="row">
          <TextField label="Username (optional)" path={['username']} value={draft.username} optional />
          <TextField
            label="Password (optional)"
            type="password"
            path={['password']}
            value={draft.password}
            optional
            hint="Empty: generated and shown once"
          />
        </div>
      )
    case 'salesforce':
      return (
        <TextField
          label="Salesforce organization id"
          path={['organizationId']}
          value={draft.organizationId}
          hint="15 or 18 characters (Setup → Company Information)"
        />
      )
  }
}

const KindSelect = ({ kind }: { kind: SourceKind }) => {
  const { update } = useEditor()
  return (
    <SelectField
      label="Kind"
      path={['kind']}
      value={kind}
      options={KINDS}
      onSelect={(v) => {
        update(['kind'], v)
        // A form's default `source`; the webhook kinds record their own kind.
        if (v === 'form') update(['source'], 'website')
      }}
    />
  )
}

/** "Rotate secret" on a row: asks for the new secret where the other system issues it, then shows the result once. */
const RotateButton = ({
  client,
  source,
  onRotated,
}: {
  client: ConsoleClient
  source: Source
  onRotated: () => void
}) => {
  const [open, setOpen] = useState(false)
  const [secret, setSecret] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [result, setResult] = useState<Created | null>(null)
  const given = GIVEN_SECRET.includes(source.kind)
  const close = () => {
    setOpen(false)
    setResult(null)
    setSecret('')
    setProblem(null)
  }
  if (!open)
    return (
      <button type="button" aria-label={`Rotate the secret of '${source.name}'`} onClick={() => setOpen(true)}>
        Rotate
      </button>
    )
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-label={`Rotate '${source.name}'`}>
      <div class="dialog-box">
        {result ? (
          <SecretReveal title={`New secret for '${source.name}'`} {...shownOnce(result)} onDone={close} />
        ) : (
          <form
            onSubmit={async (e) => {
              e.preventDefault()
              const res = await client.rotateSource(source.id, given && secret.trim() ? { secret: secret.trim() } : {})
              if (!res.ok) return setProblem(res.error.issues[0]?.message ?? res.error.message)
              setResult(res.data)
              onRotated()
            }}
          >
            <h3>Rotate the secret of '{source.name}'</h3>
            <p>The old secret stops working at once: update {kindName(source.kind)} right after.</p>
            {given ? (
              <div class={problem ? 'field invalid' : 'field'}>
                <label for="rotate-secret">New secret from {kindName(source.kind)}</label>
                <input
                  id="rotate-secret"
                  type="password"
                  value={secret}
                  aria-invalid={problem ? true : undefined}
                  onInput={(e) => setSecret(e.currentTarget.value)}
                />
              </div>
            ) : null}
            {problem ? (
              <p class="field-error" role="alert">
                {problem}
              </p>
            ) : null}
            <div class="actions">
              <button type="submit" class="primary">
                Rotate now
              </button>
              <button type="button" onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  )
}

/**
 * @example <SourcesPage client={client} lists={lists} />
 */
export const SourcesPage = ({ client, lists }: PageProps) => (
  <ResourcePage
    client={client}
    resource="sources"
    list={lists.sources}
    title="Intake sources"
    noun="source"
    intro="Where leads come in from. Each webhook is verified with its own secret before anything is read."
    nameOf={(s) => s.name}
    schema={SourceInput}
    blank={(): Draft => ({ kind: 'form', name: '', source: 'website', active: true })}
    remove={{ text: 'Delete', confirm: 'Delete? Its path stops accepting leads.' }}
    rowTools={(s) =>
      s.kind === 'form' ? null : (
        <RotateButton client={client} source={s} onRotated={() => void lists.sources.reload()} />
      )
    }
    fields={(d: Draft) => (
      <>
        <div class="row">
          <KindSelect kind={d.kind} />
          <TextField label="Name" path={['name']} value={d.name} />
        </div>
        <KindFields draft={d} />
        <TextField label="Campaign (optional)" path={['campaign']} value={d.campaign} optional />
        {d.kind === 'form' ? null : (
          <SelectField
            label="When the CRM changes a lead's owner"
            path={['ownerPolicy']}
            value={d.ownerPolicy ?? 'keep'}
            options={[
              ['keep', "Keep Handoff's assignment (note it in the journey)"],
              ['follow', 'Follow the CRM (reassign to that owner)'],
            ]}
          />
        )}
        <CheckboxField label="Active" path={['active']} value={d.active ?? true} />
      </>
    )}
    created={(s, onDone) => <SecretReveal title={`Source '${s.name}' created`} {...shownOnce(s)} onDone={onDone} />}
    columns={[
      {
        label: 'Name',
        cell: (s) => (
          <>
            <strong>{s.name}</strong>
            {s.active ? null : <span class="sub">inactive</span>}
          </>
        ),
      },
      { label: 'Kind', cell: (s) => kindName(s.kind) },
      { label: 'Source / campaign', cell: (s) => [s.source, s.campaign].filter(Boolean).join(' / ') },
      { label: 'Path', cell: (s) => <span class="mono clip">{s.webhookPath}</span> },
    ]}
  />
)
