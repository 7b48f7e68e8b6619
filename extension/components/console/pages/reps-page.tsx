/**
 * Reps and managers: who receives leads, how many at once (capacity), how often (weight), when they are
 * away (out of office), and who they are in the CRMs (owner ids, so a CRM-logged call credits them).
 * @module
 */
import { RepInput } from '../../../../shared/schemas/admin'
import type { InputOf, ItemOf } from '../../../admin/console-resources'
import { shortDateTime } from '../../../admin/local-time'
import { useEditor } from '../../admin/editor-context'
import { CheckboxField, ListField, NumberField, SelectField, TextField } from '../../admin/fields'
import { DateTimeField, RefSelect, TimeZoneField } from '../console-fields'
import { nameIn, options, type PageProps } from '../console-lists'
import { ResourcePage } from '../resource-page'

type Rep = ItemOf<'reps'>
type Draft = InputOf<'reps'>

const blank = (): Draft => ({
  name: '',
  email: '',
  role: 'rep',
  managerId: null,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  calendarId: null,
  active: true,
  outOfOffice: [],
  capacity: null,
  weight: 1,
  channelId: null,
  crmOwnerIds: [],
})

const toDraft = ({ id: _id, ...rep }: Rep): Draft => rep

/** "Out of office until Dec 28, 09:00" while a range holds now; else active or inactive. */
export const repState = (rep: Rep, now = Date.now()): string => {
  if (!rep.active) return 'Inactive'
  const away = rep.outOfOffice.find((r) => Date.parse(r.start) <= now && now < Date.parse(r.end))
  return away ? `Out of office until ${shortDateTime(away.end)}` : 'Active'
}

const OutOfOfficeFields = ({ ranges }: { ranges: NonNullable<Draft['outOfOffice']> }) => {
  const { update } = useEditor()
  return (
    <fieldset>
      <legend>Out of office</legend>
      {ranges.length === 0 ? <p class="muted">No time away planned.</p> : null}
      {ranges.map((r, i) => (
        <div class="row" key={i}>
          <DateTimeField label="From" path={['outOfOffice', i, 'start']} value={r.start} />
          <DateTimeField label="Until" path={['outOfOffice', i, 'end']} value={r.end} />
          <button
            type="button"
            class="link row-end"
            aria-label={`Remove time away ${i + 1}`}
            onClick={() =>
              update(
                ['outOfOffice'],
                ranges.filter((_, j) => j !== i),
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
        onClick={() => {
          const start = new Date()
          start.setMinutes(0, 0, 0)
          const end = new Date(start.getTime() + 7 * 86_400_000)
          update(['outOfOffice'], [...ranges, { start: start.toISOString(), end: end.toISOString() }])
        }}
      >
        + time away
      </button>
    </fieldset>
  )
}

/**
 * @example <RepsPage client={client} lists={lists} />
 */
export const RepsPage = ({ client, lists }: PageProps) => {
  const fields = (draft: Draft, editing: Rep | null) => (
    <>
      <div class="row">
        <TextField label="Name" path={['name']} value={draft.name} />
        <TextField label="Email" type="email" path={['email']} value={draft.email} />
      </div>
      <div class="row">
        <SelectField
          label="Role"
          path={['role']}
          value={draft.role ?? 'rep'}
          options={[
            ['rep', 'Rep (receives leads)'],
            ['manager', 'Manager'],
          ]}
        />
        <RefSelect
          label="Manager"
          path={['managerId']}
          value={draft.managerId}
          options={options((lists.reps.items ?? []).filter((r) => r.role === 'manager' && r.id !== editing?.id))}
        />
      </div>
      <div class="row">
        <TimeZoneField path={['timeZone']} value={draft.timeZone} />
        <RefSelect
          label="Working hours"
          path={['calendarId']}
          value={draft.calendarId}
          options={options(lists.calendars.items)}
          none="— round the clock —"
        />
      </div>
      <div class="row">
        <NumberField
          label="Capacity"
          path={['capacity']}
          value={draft.capacity}
          empty={null}
          hint="Most open, untouched leads at once; empty = no limit"
        />
        <NumberField label="Weight" path={['weight']} value={draft.weight} hint="2 = twice the leads of weight 1" />
      </div>
      <RefSelect
        label="Alert channel"
        path={['channelId']}
        value={draft.channelId}
        options={options(lists.channels.items)}
        none="— none (log only) —"
      />
      <ListField
        label="CRM owner ids"
        path={['crmOwnerIds']}
        value={draft.crmOwnerIds}
        hint="system:id, comma-separated: hubspot:31415, salesforce:005…, pipedrive:8"
      />
      <OutOfOfficeFields ranges={draft.outOfOffice ?? []} />
      <CheckboxField
        label="Active"
        path={['active']}
        value={draft.active ?? true}
        hint="Inactive reps get no leads, and their tokens stop working"
      />
    </>
  )
  return (
    <ResourcePage
      client={client}
      resource="reps"
      list={lists.reps}
      title="Reps"
      noun="rep"
      intro="Who receives leads, how many at once and how often; time away keeps leads from them."
      nameOf={(r) => r.name}
      schema={RepInput}
      blank={blank}
      toDraft={toDraft}
      fields={fields}
      remove={{ text: 'Deactivate', confirm: 'Deactivate? Their tokens stop working.', when: (r) => r.active }}
      onChanged={() => void lists.pools.reload()}
      columns={[
        {
          label: 'Name',
          cell: (r) => (
            <>
              <strong>{r.name}</strong>
              <span class="sub">{r.email}</span>
            </>
          ),
        },
        { label: 'Role', cell: (r) => (r.role === 'manager' ? 'Manager' : 'Rep') },
        { label: 'State', cell: (r) => <span class={`state state-${r.active ? 'on' : 'off'}`}>{repState(r)}</span> },
        { label: 'Capacity', cell: (r) => (r.capacity === null ? 'No limit' : String(r.capacity)) },
        { label: 'Weight', cell: (r) => String(r.weight) },
        {
          label: 'Hours',
          cell: (r) => (r.calendarId ? nameIn(lists.calendars.items, r.calendarId) : 'Round the clock'),
        },
        { label: 'CRM owner ids', wrap: true, cell: (r) => (r.crmOwnerIds.length ? r.crmOwnerIds.join(', ') : '—') },
      ]}
    />
  )
}
