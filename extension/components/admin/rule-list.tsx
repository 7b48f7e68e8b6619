/**
 * A section of rules with add, reorder (up/down buttons) and remove; each rule's fields come from `render`.
 * @module
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { move } from '../../admin/paths'
import { errorsAt } from '../../admin/validation'
import { useEditor } from './editor-context'

type Rule = { id: string; label: string }

export type RuleListProps<T extends Rule> = {
  /** Draft key of the section (`fit`, `engagement`…). */
  section: string
  title: string
  /** What one rule is called in button labels ("fit rule"). */
  noun: string
  rules: readonly T[]
  /** A new rule, given an id not yet used in the section. */
  create: (id: string) => T
  render: (rule: T, index: number) => ComponentChildren
  /** The one-line reading shown beside the name (e.g. "+20 points"). */
  summarize?: (rule: T) => string
  description?: string
}

const freshId = (noun: string, rules: readonly Rule[]) => {
  const base = `new-${noun.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`
  const used = new Set(rules.map((r) => r.id))
  for (let n = 1; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}

/**
 * @example <RuleList section="fit" title="Fit rules" noun="fit rule" rules={draft.fit} create={…} render={…} />
 */
export const RuleList = <T extends Rule>({
  section,
  title,
  noun,
  rules,
  create,
  render,
  summarize,
  description,
}: RuleListProps<T>) => {
  const { update, errors, compact } = useEditor()
  const sectionErrors = errorsAt(errors, section)
  const set = (next: T[]) => update([section], next)
  // Which rules are open (compact layout only); a rule with a problem opens and stays open.
  const [open, setOpen] = useState<boolean[]>([])
  const invalidAt = (i: number) => Object.keys(errors).some((k) => k.startsWith(`${section}.${i}.`))
  useEffect(() => {
    if (!compact) return
    const forced = rules.map((_, i) => invalidAt(i))
    if (forced.some((f, i) => f && !open[i])) setOpen((o) => rules.map((_, i) => !!o[i] || !!forced[i]))
  }, [errors, compact])
  const toggle = (i: number) => setOpen((o) => rules.map((_, j) => (j === i ? !o[j] : !!o[j])))
  // Keep keyboard focus on the moved rule's button (list items are keyed by position).
  const moveBy = (i: number, delta: -1 | 1, button: HTMLButtonElement) => {
    set(move(rules, i, delta))
    setOpen((o) =>
      move(
        rules.map((_, j) => !!o[j]),
        i,
        delta,
      ),
    )
    const root = button.closest('ol')
    const which = delta < 0 ? 'up' : 'down'
    setTimeout(() => {
      const target = root?.querySelector<HTMLButtonElement>(
        `[data-rule="${section}.${i + delta}"] button[data-move="${which}"]`,
      )
      if (target && !target.disabled) target.focus()
      else root?.querySelector<HTMLButtonElement>(`[data-rule="${section}.${i + delta}"] button[data-move]`)?.focus()
    }, 0)
  }
  return (
    <section class="rule-section" aria-labelledby={`sec-${section}`}>
      <h2 id={`sec-${section}`}>
        {title} <span class="count">({rules.length})</span>
      </h2>
      {description ? <p class="muted">{description}</p> : null}
      {sectionErrors.length ? (
        <p class="field-error" role="alert">
          {sectionErrors.join(' · ')}
        </p>
      ) : null}
      <ol class="rules">
        {rules.map((rule, i) => {
          const name = rule.label || rule.id || `${noun} ${i + 1}`
          const invalid = invalidAt(i)
          const shown = !compact || !!open[i] || invalid
          const bodyId = `rule-${section}-${i}`
          return (
            <li key={i} class={invalid ? 'rule invalid' : 'rule'} data-rule={`${section}.${i}`}>
              <div class="rule-tools">
                {compact ? (
                  <button
                    type="button"
                    class="rule-name link"
                    aria-expanded={shown}
                    aria-controls={bodyId}
                    onClick={() => toggle(i)}
                  >
                    {shown ? '▾' : '▸'} {name}
                  </button>
                ) : (
                  <span class="rule-name">{name}</span>
                )}
                {summarize ? <span class="rule-summary muted">{summarize(rule)}</span> : null}
                <button
                  type="button"
                  data-move="up"
                  aria-label={`Move ${noun} '${name}' up`}
                  disabled={i === 0}
                  onClick={(e) => moveBy(i, -1, e.currentTarget)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  data-move="down"
                  aria-label={`Move ${noun} '${name}' down`}
                  disabled={i === rules.length - 1}
                  onClick={(e) => moveBy(i, 1, e.currentTarget)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${noun} '${name}'`}
                  onClick={() => {
                    set(rules.filter((_, j) => j !== i))
                    setOpen((o) => rules.map((_, j) => !!o[j]).filter((_, j) => j !== i))
                  }}
                >
                  ✕
                </button>
              </div>
              {shown ? <div id={bodyId}>{render(rule, i)}</div> : null}
            </li>
          )
        })}
      </ol>
      <button
        type="button"
        class="add"
        onClick={() => {
          set([...rules, create(freshId(noun, rules))])
          setOpen((o) => [...rules.map((_, j) => !!o[j]), true])
        }}
      >
        Add {noun}
      </button>
    </section>
  )
}
