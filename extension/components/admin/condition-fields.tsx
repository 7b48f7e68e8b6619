/**
 * Editors for one lead condition (`when`) and for a list of event-property conditions (`where`).
 * @module
 */
import { type Condition, NamedLeadField, type PropertyCondition } from '../../../shared/schemas/criteria'
import { fieldId, useEditor, type Path } from './editor-context'
import { ListField, NumberField, SelectField, TextField } from './fields'

const LEAD_FIELDS = NamedLeadField.options

const CONDITION_OPS = [
  ['contains_any', 'contains any word of'],
  ['in', 'is one of'],
  ['equals', 'equals'],
  ['range', 'is a number in range'],
  ['exists', 'is given'],
] as const

const PROPERTY_OPS = [
  ['starts_with', 'starts with'],
  ['equals', 'equals'],
  ['in', 'is one of'],
  ['contains_any', 'contains any word of'],
  ['exists', 'is given'],
] as const

/** A fresh condition of another kind, keeping the field. */
const withOp = (field: string, op: string): Condition => {
  switch (op) {
    case 'equals':
      return { op, field, value: '' }
    case 'in':
      return { op, field, values: [] }
    case 'contains_any':
      return { op, field, words: [] }
    case 'range':
      return { op, field }
    default:
      return { op: 'exists', field }
  }
}

const withPropertyOp = (property: string, op: string): PropertyCondition => {
  switch (op) {
    case 'equals':
      return { op, property, value: '' }
    case 'in':
      return { op, property, values: [] }
    case 'contains_any':
      return { op, property, words: [] }
    case 'starts_with':
      return { op, property, prefix: '' }
    default:
      return { op: 'exists', property }
  }
}

/** The `when` of a fit/negative rule or disqualifier. */
export const ConditionFields = ({ path, when }: { path: Path; when: Condition }) => {
  const { update } = useEditor()
  const listId = `${fieldId(path)}-fields`
  return (
    <fieldset class="condition">
      <legend>When</legend>
      <datalist id={listId}>
        {LEAD_FIELDS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <TextField
        label="Lead field"
        path={[...path, 'field']}
        value={when.field}
        list={listId}
        hint="e.g. title, company.employees, fields.budget"
      />
      <SelectField
        label="Test"
        path={[...path, 'op']}
        value={when.op}
        options={CONDITION_OPS}
        onSelect={(op) => update(path, withOp(when.field, op))}
      />
      {when.op === 'equals' ? <TextField label="Value" path={[...path, 'value']} value={String(when.value)} /> : null}
      {when.op === 'in' ? (
        <ListField
          label="Values"
          path={[...path, 'values']}
          value={when.values}
          numeric={when.field === 'company.employees'}
        />
      ) : null}
      {when.op === 'contains_any' ? <ListField label="Words" path={[...path, 'words']} value={when.words} /> : null}
      {when.op === 'range' ? (
        <div class="row">
          <NumberField label="Min" path={[...path, 'min']} value={when.min} empty={undefined} />
          <NumberField label="Max" path={[...path, 'max']} value={when.max} empty={undefined} />
        </div>
      ) : null}
    </fieldset>
  )
}

/** The `where` list of an engagement rule, hot signal or interest/objection rule. */
export const WhereFields = ({
  path,
  where,
  ruleLabel,
}: {
  path: Path
  where: readonly PropertyCondition[]
  ruleLabel: string
}) => {
  const { update } = useEditor()
  return (
    <fieldset class="where">
      <legend>Only events where</legend>
      {where.length === 0 ? <p class="muted">Any event of this type.</p> : null}
      {where.map((c, i) => {
        const p = [...path, i]
        return (
          <div class="where-item" key={i}>
            <TextField
              label="Property"
              path={[...p, 'property']}
              value={c.property}
              hint="e.g. path, url, form, asset"
            />
            <SelectField
              label="Test"
              path={[...p, 'op']}
              value={c.op}
              options={PROPERTY_OPS}
              onSelect={(op) => update(p, withPropertyOp(c.property, op))}
            />
            {c.op === 'starts_with' ? <TextField label="Prefix" path={[...p, 'prefix']} value={c.prefix} /> : null}
            {c.op === 'equals' ? <TextField label="Value" path={[...p, 'value']} value={String(c.value)} /> : null}
            {c.op === 'in' ? <ListField label="Values" path={[...p, 'values']} value={c.values} /> : null}
            {c.op === 'contains_any' ? <ListField label="Words" path={[...p, 'words']} value={c.words} /> : null}
            <button
              type="button"
              class="link"
              aria-label={`Remove event condition ${i + 1} of '${ruleLabel}'`}
              onClick={() =>
                update(
                  path,
                  where.filter((_, j) => j !== i),
                )
              }
            >
              Remove condition
            </button>
          </div>
        )
      })}
      <button
        type="button"
        class="link"
        aria-label={`Add event condition to '${ruleLabel}'`}
        onClick={() => update(path, [...where, { op: 'starts_with', property: 'path', prefix: '/' }])}
      >
        + event condition
      </button>
    </fieldset>
  )
}
