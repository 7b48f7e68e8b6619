/**
 * SLA policies, in order (first match wins): which leads a policy covers, the first-touch target, when the
 * rep is warned, and the escalation chain after a breach (alerts up the line, a reassignment).
 * @module
 */
import { type EscalationStep, SlaPolicyInput } from '../../../../shared/schemas/admin'
import { LeadStatus } from '../../../../shared/schemas/lead'
import type { InputOf, ItemOf } from '../../../admin/console-resources'
import { useEditor } from '../../admin/editor-context'
import { CheckboxField, ListField, NumberField, SelectField, TextField } from '../../admin/fields'
import { ConditionsFields } from '../conditions-fields'
import { ChoiceChecks } from '../console-fields'
import type { PageProps } from '../console-lists'
import { ResourcePage } from '../resource-page'
import { conditionText } from './routing-rules-page'

type Policy = ItemOf<'slaPolicies'>
type Draft = InputOf<'slaPolicies'>
type Steps = NonNullable<Draft['escalation']>
type StepDraft = Steps[number]

const RECIPIENTS = [
  ['rep', 'the rep'],
  ['manager', "the rep's manager"],
  ['managers_channel', "the managers' channel"],
] as const

const TRIGGERS = [
  ['breach', 'every breach'],
  ['first_breach', 'the first breach'],
  ['second_breach', 'a second breach (after a reassignment)'],
] as const

const toDraft = ({ id: _id, ...policy }: Policy): Draft => policy

/** "2 h", "90 min", "3 d". */
export const minutesText = (m: number): string =>
  m % 1440 === 0
    ? `${m / 1440} d`
    : m % 60 === 0
      ? `${m / 60} h`
      : m > 90
        ? `${Math.floor(m / 60)} h ${m % 60} min`
        : `${m} min`

const stepText = (s: EscalationStep) =>
  `${s.afterMinutes ? `${minutesText(s.afterMinutes)} after ` : 'On '}${TRIGGERS.find(([v]) => v === s.on)?.[1] ?? s.on}: ${
    s.action === 'alert'
      ? `alert ${s.to.map((t) => RECIPIENTS.find(([v]) => v === t)?.[1] ?? t).join(', ')}`
      : s.action === 'recycle'
        ? 'recycle (back to the managers)'
        : 'reassign'
  }`

const EscalationFields = ({ steps }: { steps: Steps }) => {
  const { update } = useEditor()
  const setAction = (i: number, step: StepDraft, action: string) =>
    update(
      ['escalation', i],
      action === 'alert'
        ? { action: 'alert', on: step.on, afterMinutes: step.afterMinutes, to: ['rep', 'manager'] }
        : { action: action === 'recycle' ? 'recycle' : 'reassign', on: step.on, afterMinutes: step.afterMinutes },
    )
  return (
    <fieldset>
      <legend>Escalation after a breach</legend>
      {steps.length === 0 ? <p class="muted">No escalation: a breach is only shown on the clock.</p> : null}
      <ol class="steps">
        {steps.map((step, i) => (
          <li class="step" key={i}>
            <div class="row">
              <SelectField
                label="Do"
                path={['escalation', i, 'action']}
                value={step.action}
                options={[
                  ['alert', 'Send an alert'],
                  ['reassign', 'Reassign the lead'],
                  ['recycle', 'Recycle if still untouched (stale lead)'],
                ]}
                onSelect={(a) => setAction(i, step, a)}
              />
              <SelectField label="On" path={['escalation', i, 'on']} value={step.on ?? 'breach'} options={TRIGGERS} />
            </div>
            <div class="row">
              <NumberField
                label="Minutes after the breach"
                path={['escalation', i, 'afterMinutes']}
                value={step.afterMinutes ?? 0}
                hint="0 = at once"
              />
              <span class="field" />
            </div>
            {step.action === 'alert' ? (
              <ChoiceChecks legend="Alert who" path={['escalation', i, 'to']} value={step.to} choices={RECIPIENTS} />
            ) : null}
            <button
              type="button"
              class="link"
              aria-label={`Remove escalation step ${i + 1}`}
              onClick={() =>
                update(
                  ['escalation'],
                  steps.filter((_, j) => j !== i),
                )
              }
            >
              Remove step
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        class="link"
        onClick={() =>
          update(['escalation'], [...steps, { action: 'alert', on: 'breach', afterMinutes: 0, to: ['rep', 'manager'] }])
        }
      >
        + escalation step
      </button>
    </fieldset>
  )
}

/** Hot or not: "either" leaves `match.hot` out. */
const HotField = ({ hot }: { hot: boolean | undefined }) => {
  const { update } = useEditor()
  return (
    <SelectField
      label="Hot leads"
      path={['match', 'hot']}
      value={hot === undefined ? 'any' : hot ? 'yes' : 'no'}
      options={[
        ['any', 'Hot or not'],
        ['yes', 'Only hot leads'],
        ['no', 'Only leads that are not hot'],
      ]}
      onSelect={(v) => update(['match', 'hot'], v === 'any' ? undefined : v === 'yes')}
    />
  )
}

/**
 * @example <SlaPoliciesPage client={client} lists={lists} />
 */
export const SlaPoliciesPage = ({ client, lists }: PageProps) => {
  const policies = lists.slaPolicies.items ?? []
  return (
    <ResourcePage
      client={client}
      resource="slaPolicies"
      list={lists.slaPolicies}
      title="SLA policies"
      noun="SLA policy"
      plural="SLA policies"
      intro="The first policy that matches a lead at hand-off sets its first-touch clock. Edits apply to clocks started from then on."
      nameOf={(p) => p.name}
      schema={SlaPolicyInput}
      blank={(): Draft => ({
        name: '',
        position: policies.length ? Math.max(...policies.map((p) => p.position)) + 10 : 10,
        match: { conditions: [] },
        durationMinutes: 60,
        businessHours: true,
        warnings: [0.5, 0.8],
        escalation: [],
      })}
      toDraft={toDraft}
      sort={(a, b) => a.position - b.position || a.id.localeCompare(b.id)}
      remove={{ text: 'Delete', confirm: 'Delete this policy?' }}
      fields={(draft) => (
        <>
          <div class="row">
            <TextField label="Name" path={['name']} value={draft.name} />
            <NumberField label="Position" path={['position']} value={draft.position} hint="Lower is checked first" />
          </div>
          <div class="row">
            <NumberField
              label="First touch within (minutes)"
              path={['durationMinutes']}
              value={draft.durationMinutes}
            />
            <ListField
              label="Warn at"
              path={['warnings']}
              value={draft.warnings}
              numeric
              hint="Fractions of the target: 0.5, 0.8 = at half and at 80 %"
            />
          </div>
          <CheckboxField
            label="Count business hours only"
            path={['businessHours']}
            value={draft.businessHours ?? true}
            hint="The clock runs during the rep's working hours; off: round the clock"
          />
          <fieldset>
            <legend>Applies to</legend>
            <HotField hot={draft.match?.hot} />
            <ChoiceChecks
              legend="Status at hand-off"
              path={['match', 'status']}
              value={draft.match?.status}
              choices={LeadStatus.options.map((s) => [s, s] as const)}
              hint="None ticked: any status"
              noneIsUnset
            />
            <ConditionsFields
              path={['match', 'conditions']}
              conditions={draft.match?.conditions ?? []}
              empty="No conditions."
            />
          </fieldset>
          <EscalationFields steps={draft.escalation ?? []} />
        </>
      )}
      columns={[
        { label: 'Name', cell: (p) => <strong>{p.name}</strong> },
        { label: 'Applies to', wrap: true, cell: (p) => matchText(p.match) },
        {
          label: 'Target',
          cell: (p) => `${minutesText(p.durationMinutes)}${p.businessHours ? ' (business hours)' : ''}`,
        },
        { label: 'Warnings', cell: (p) => p.warnings.map((w) => `${Math.round(w * 100)}%`).join(', ') || '—' },
        {
          label: 'Escalation',
          wrap: true,
          cell: (p) => (p.escalation.length ? p.escalation.map(stepText).join('; ') : '—'),
        },
      ]}
    />
  )
}

const matchText = (m: Policy['match']) => {
  const parts = [
    m.hot === undefined ? null : m.hot ? 'hot leads' : 'leads not hot',
    m.status ? `status ${m.status.join('/')}` : null,
    ...m.conditions.map(conditionText),
  ].filter(Boolean)
  return parts.length ? parts.join(', ') : 'Every lead'
}
