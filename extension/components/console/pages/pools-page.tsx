/**
 * Round-robin pools: which reps share a stream of leads and with what weight (a member's weight overrides
 * the rep's own), whether reps outside their working hours are skipped, and who takes a lead nobody can.
 * @module
 */
import { PoolInput } from '../../../../shared/schemas/admin'
import type { InputOf, ItemOf } from '../../../admin/console-resources'
import { useEditor } from '../../admin/editor-context'
import { CheckboxField, NumberField, TextField } from '../../admin/fields'
import { RefSelect } from '../console-fields'
import { nameIn, options, type ConsoleLists, type PageProps } from '../console-lists'
import { ResourcePage } from '../resource-page'

type Pool = ItemOf<'pools'>
type Draft = InputOf<'pools'>
type Members = NonNullable<Draft['members']>

const blank = (): Draft => ({ name: '', respectWorkingHours: false, fallbackRepId: null, members: [] })

const toDraft = (p: Pool): Draft => ({
  name: p.name,
  respectWorkingHours: p.respectWorkingHours,
  fallbackRepId: p.fallbackRepId,
  members: p.members,
})

const MemberFields = ({ members, lists }: { members: Members; lists: ConsoleLists }) => {
  const { update } = useEditor()
  const reps = options((lists.reps.items ?? []).filter((r) => r.active))
  const free = reps.filter(([id]) => !members.some((m) => m.repId === id))
  return (
    <fieldset>
      <legend>Members</legend>
      {members.length === 0 ? <p class="muted">No members: leads go to the fallback or the managers' queue.</p> : null}
      {members.map((m, i) => (
        <div class="row" key={i}>
          <RefSelect
            label={`Member ${i + 1}`}
            path={['members', i, 'repId']}
            value={m.repId}
            options={reps}
            none={null}
          />
          <NumberField
            label="Weight in this pool"
            path={['members', i, 'weight']}
            value={m.weight}
            empty={null}
            hint="Empty: the rep's own weight"
          />
          <button
            type="button"
            class="link row-end"
            aria-label={`Remove member ${nameIn(lists.reps.items, m.repId)}`}
            onClick={() =>
              update(
                ['members'],
                members.filter((_, j) => j !== i),
              )
            }
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        class="link"
        disabled={free.length === 0}
        onClick={() => update(['members'], [...members, { repId: free[0]![0], weight: null }])}
      >
        + member
      </button>
    </fieldset>
  )
}

/**
 * @example <PoolsPage client={client} lists={lists} />
 */
export const PoolsPage = ({ client, lists }: PageProps) => (
  <ResourcePage
    client={client}
    resource="pools"
    list={lists.pools}
    title="Pools"
    noun="pool"
    intro="Reps who share leads by weighted round robin. Routing rules send leads to a pool."
    nameOf={(p) => p.name}
    schema={PoolInput}
    blank={blank}
    toDraft={toDraft}
    remove={{ text: 'Delete', confirm: 'Delete this pool?' }}
    fields={(draft) => (
      <>
        <TextField label="Name" path={['name']} value={draft.name} />
        <MemberFields members={draft.members ?? []} lists={lists} />
        <RefSelect
          label="Fallback rep"
          path={['fallbackRepId']}
          value={draft.fallbackRepId}
          options={options(lists.reps.items)}
          none="— the managers' queue —"
          hint="Gets the lead when no member can take it"
        />
        <CheckboxField
          label="Skip reps outside their working hours"
          path={['respectWorkingHours']}
          value={draft.respectWorkingHours}
        />
      </>
    )}
    columns={[
      { label: 'Name', cell: (p) => <strong>{p.name}</strong> },
      {
        label: 'Members',
        wrap: true,
        cell: (p) =>
          p.members.length
            ? p.members
                .map((m) => `${nameIn(lists.reps.items, m.repId)}${m.weight === null ? '' : ` ×${m.weight}`}`)
                .join(', ')
            : '—',
      },
      {
        label: 'Fallback',
        cell: (p) => (p.fallbackRepId ? nameIn(lists.reps.items, p.fallbackRepId) : "Managers' queue"),
      },
      { label: 'Working hours', cell: (p) => (p.respectWorkingHours ? 'Respected' : 'Ignored') },
    ]}
  />
)
