/**
 * Short human readings of conditions, for the history diff and the editor's rule summaries.
 * @module
 */
import type { Condition, PropertyCondition } from '../../shared/schemas/criteria'

const clip = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)
const list = (values: ReadonlyArray<string | number>) => clip(values.join(', '))

/**
 * @example describeCondition({ op: 'range', field: 'company.employees', min: 50 }) // 'company.employees ≥ 50'
 */
export const describeCondition = (c: Condition): string => {
  switch (c.op) {
    case 'equals':
      return `${c.field} = ${clip(String(c.value))}`
    case 'in':
      return `${c.field} in ${list(c.values)}`
    case 'contains_any':
      return `${c.field} contains any of ${list(c.words)}`
    case 'range':
      if (c.min !== undefined && c.max !== undefined) return `${c.field} ${c.min}–${c.max}`
      return c.min !== undefined ? `${c.field} ≥ ${c.min}` : `${c.field} ≤ ${c.max}`
    case 'exists':
      return `${c.field} is given`
  }
}

/**
 * @example describeWhere([{ op: 'starts_with', property: 'path', prefix: '/pricing' }]) // 'path starts with /pricing'
 */
export const describeProperty = (c: PropertyCondition): string => {
  switch (c.op) {
    case 'equals':
      return `${c.property} = ${clip(String(c.value))}`
    case 'in':
      return `${c.property} in ${list(c.values)}`
    case 'contains_any':
      return `${c.property} contains any of ${list(c.words)}`
    case 'starts_with':
      return `${c.property} starts with ${clip(c.prefix)}`
    case 'exists':
      return `${c.property} is given`
  }
}

/** `where` lists joined with "and"; empty reads as "any". */
export const describeWhereList = (where: readonly PropertyCondition[] | undefined): string =>
  where && where.length > 0 ? where.map(describeProperty).join(' and ') : 'any'
