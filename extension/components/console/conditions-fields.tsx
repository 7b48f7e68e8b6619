/**
 * A list of lead conditions that must all hold (a routing rule's territory, an SLA policy's match), each
 * edited with the criteria editor's condition fields.
 * @module
 */
import type { Condition } from '../../../shared/schemas/criteria'
import { useEditor, type Path } from '../admin/editor-context'
import { ConditionFields } from '../admin/condition-fields'

/**
 * @example <ConditionsFields path={['conditions']} conditions={draft.conditions ?? []} empty="Every lead." />
 */
export const ConditionsFields = ({
  path,
  conditions,
  legend = 'Conditions (all must match)',
  empty,
}: {
  path: Path
  conditions: readonly Condition[]
  legend?: string
  empty: string
}) => {
  const { update } = useEditor()
  return (
    <fieldset class="conditions">
      <legend>{legend}</legend>
      {conditions.length === 0 ? <p class="muted">{empty}</p> : null}
      {conditions.map((c, i) => (
        <div class="condition-item" key={i}>
          <ConditionFields path={[...path, i]} when={c} />
          <button
            type="button"
            class="link"
            aria-label={`Remove condition ${i + 1}`}
            onClick={() =>
              update(
                path,
                conditions.filter((_, j) => j !== i),
              )
            }
          >
            Remove condition
          </button>
        </div>
      ))}
      <button
        type="button"
        class="link"
        onClick={() => update(path, [...conditions, { op: 'in', field: 'company.country', values: [] }])}
      >
        + condition
      </button>
    </fieldset>
  )
}
