/**
 * Routing rules, in order: the first active rule that matches a lead decides where it goes. `account` sends
 * a named account's lead to its owner, `territory` sends leads matching its conditions to a pool, `default`
 * catches the rest.
 * @module
 */
import { useState } from 'preact/hooks'
import { RoutingRuleInput } from '../../../../shared/schemas/admin'
import type { Condition } from '../../../../shared/schemas/criteria'
import type { InputOf, ItemOf } from '../../../admin/console-resources'
import { CheckboxField, NumberField, SelectField, TextField } from '../../admin/fields'
import { ConditionsFields } from '../conditions-fields'
import { RefSelect } from '../console-fields'
import { nameIn, options, type PageProps } from '../console-lists'
import { ResourcePage } from '../resource-page'

type Rule = ItemOf<'routingRules'>
type Draft = InputOf<'routingRules'>

const KINDS = [
  ['territory', 'Territory: leads matching the conditions → a pool'],
  ['default', 'Default: every lead → a pool'],
  ['account', "Account: a named account's lead → its owner"],
] as const

const toDraft = ({ id: _id, ...rule }: Rule): Draft => rule

/** The worker's order: position, then id. */
const byPosition = (a: Rule, b: Rule) => a.position - b.position || a.id.localeCompare(b.id)

/** "country is one of DE, AT" — a condition in words for the list. */
export const conditionText = (c: Condition): string => {
  switch (c.op) {
    case 'equals':
      return `${c.field} = ${String(c.value)}`
    case 'in':
      return `${c.field} is one of ${c.values.join(', ')}`
    case 'contains_any':
      return `${c.field} contains ${c.words.join(', ')}`
    case 'range':
      return `${c.field} ${c.min ?? '…'}–${c.max ?? '…'}`
    default:
      return `${c.field} is given`
  }
}

/**
 * @example <RoutingRulesPage client={client} lists={lists} />
 */
export const RoutingRulesPage = ({ client, lists }: PageProps) => {
  const rules = (lists.routingRules.items ?? []).slice().sort(byPosition)
  const [moveProblem, setMoveProblem] = useState<string | null>(null)
  const nextPosition = () => (rules.length ? Math.max(...rules.map((r) => r.position)) + 10 : 10)
  // Swaps two neighbours' positions (equal positions are first spread out, so the swap changes the order).
  const move = async (rule: Rule, delta: -1 | 1) => {
    const i = rules.findIndex((r) => r.id === rule.id)
    const other = rules[i + delta]
    if (!other) return
    let [a, b] = [rule.position, other.position]
    if (a === b) [a, b] = delta < 0 ? [a, a + 1] : [a + 1, a]
    const results = await Promise.all([
      client.update('routingRules', rule.id, { ...toDraft(rule), position: b }),
      client.update('routingRules', other.id, { ...toDraft(other), position: a }),
    ])
    const failed = results.find((r) => !r.ok)
    setMoveProblem(failed && !failed.ok ? `Could not reorder: ${failed.error.message}` : null)
    await lists.routingRules.reload()
  }
  return (
    <>
      {moveProblem ? (
        <p class="banner-error" role="alert">
          {moveProblem}
        </p>
      ) : null}
      <ResourcePage
        client={client}
        resource="routingRules"
        list={lists.routingRules}
        title="Routing rules"
        noun="routing rule"
        intro="Checked top to bottom; the first active rule that matches a lead decides who gets it."
        nameOf={(r) => r.name}
        schema={RoutingRuleInput}
        blank={(): Draft => ({
          name: '',
          kind: 'territory',
          position: nextPosition(),
          conditions: [],
          poolId: null,
          active: true,
        })}
        toDraft={toDraft}
        sort={byPosition}
        remove={{ text: 'Delete', confirm: 'Delete this rule?' }}
        rowTools={(rule) => {
          const i = rules.findIndex((r) => r.id === rule.id)
          return (
            <>
              <button
                type="button"
                aria-label={`Move '${rule.name}' up`}
                title="Move up"
                disabled={i <= 0}
                onClick={() => void move(rule, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move '${rule.name}' down`}
                title="Move down"
                disabled={i === rules.length - 1}
                onClick={() => void move(rule, 1)}
              >
                ↓
              </button>
            </>
          )
        }}
        fields={(draft) => (
          <>
            <div class="row">
              <TextField label="Name" path={['name']} value={draft.name} />
              <NumberField label="Position" path={['position']} value={draft.position} hint="Lower runs first" />
            </div>
            <SelectField label="Kind" path={['kind']} value={draft.kind} options={KINDS} />
            {draft.kind === 'account' ? (
              <p class="muted">Leads whose company domain is a named account go to its owner.</p>
            ) : (
              <RefSelect
                label="Send to pool"
                path={['poolId']}
                value={draft.poolId}
                options={options(lists.pools.items)}
                none="— choose a pool —"
              />
            )}
            {draft.kind === 'territory' || (draft.conditions ?? []).length ? (
              <ConditionsFields
                path={['conditions']}
                conditions={draft.conditions ?? []}
                empty="No conditions: every lead matches."
              />
            ) : null}
            <CheckboxField label="Active" path={['active']} value={draft.active ?? true} />
          </>
        )}
        columns={[
          { label: '#', cell: (r) => String(rules.indexOf(r) + 1) },
          {
            label: 'Name',
            cell: (r) => (
              <>
                <strong>{r.name}</strong>
                {r.active ? null : <span class="sub">inactive</span>}
              </>
            ),
          },
          { label: 'Kind', cell: (r) => r.kind },
          {
            label: 'When',
            wrap: true,
            cell: (r) => (r.conditions.length ? r.conditions.map(conditionText).join(' and ') : 'Every lead'),
          },
          {
            label: 'Goes to',
            cell: (r) => (r.kind === 'account' ? 'Account owner' : nameIn(lists.pools.items, r.poolId)),
          },
        ]}
      />
    </>
  )
}
