/**
 * The criteria editor's sections, one per part of the document: thresholds, fit, engagement, negative,
 * disqualifiers, hot signals, interest/objection rules with content links, disqualification reasons.
 * @module
 */
import type { CriteriaDocument, SignalRule } from '../../../shared/schemas/criteria'
import { errorsAt } from '../../admin/validation'
import { ConditionFields, WhereFields } from './condition-fields'
import { useEditor } from './editor-context'
import { NumberField, SelectField, TextField } from './fields'
import { RuleList } from './rule-list'

type Doc = CriteriaDocument

const IdLabel = ({ section, i, id, label }: { section: string; i: number; id: string; label: string }) => (
  <div class="row">
    <TextField label="Name" path={[section, i, 'label']} value={label} />
    <TextField label="Id" path={[section, i, 'id']} value={id} hint="lower-case, digits, - and _" />
  </div>
)

export const ThresholdsSection = ({ doc }: { doc: Doc }) => (
  <section class="rule-section" aria-labelledby="sec-thresholds">
    <h2 id="sec-thresholds">Thresholds</h2>
    <div class="row">
      <NumberField label="MQL threshold" path={['thresholds', 'mql']} value={doc.thresholds.mql} />
      <NumberField
        label="SQL threshold"
        path={['thresholds', 'sql']}
        value={doc.thresholds.sql}
        hint="hand-off to sales"
      />
    </div>
  </section>
)

/** Fit rules and negative rules share a shape (negative rules carry points below zero). */
export const FitSection = ({ doc, section }: { doc: Doc; section: 'fit' | 'negative' }) => (
  <RuleList
    section={section}
    title={section === 'fit' ? 'Fit rules' : 'Negative rules'}
    noun={section === 'fit' ? 'fit rule' : 'negative rule'}
    description={
      section === 'fit'
        ? 'Points when the lead matches who we sell to.'
        : 'Points taken off (below zero) when the lead matches.'
    }
    rules={doc[section]}
    summarize={(r) => `${r.points > 0 ? '+' : ''}${r.points}`}
    create={(id) => ({
      id,
      label: section === 'fit' ? 'New fit rule' : 'New negative rule',
      when: { op: 'exists' as const, field: 'title' },
      points: section === 'fit' ? 10 : -10,
    })}
    render={(rule, i) => (
      <>
        <IdLabel section={section} i={i} id={rule.id} label={rule.label} />
        <NumberField label="Points" path={[section, i, 'points']} value={rule.points} />
        <ConditionFields path={[section, i, 'when']} when={rule.when} />
      </>
    )}
  />
)

export const EngagementSection = ({ doc }: { doc: Doc }) => (
  <RuleList
    section="engagement"
    title="Engagement rules"
    noun="engagement rule"
    description="Points per matching event, capped per rule, fading with a half-life."
    rules={doc.engagement}
    summarize={(r) => `${r.points}/event, cap ${r.cap}`}
    create={(id) => ({
      id,
      label: 'New engagement rule',
      eventType: 'page_view',
      where: [],
      points: 5,
      cap: 20,
      halfLifeDays: 30,
    })}
    render={(rule, i) => (
      <>
        <IdLabel section="engagement" i={i} id={rule.id} label={rule.label} />
        <TextField
          label="Event type"
          path={['engagement', i, 'eventType']}
          value={rule.eventType}
          hint="e.g. page_view, form_submit"
        />
        <div class="row">
          <NumberField label="Points per event" path={['engagement', i, 'points']} value={rule.points} />
          <NumberField label="Cap" path={['engagement', i, 'cap']} value={rule.cap} />
          <NumberField
            label="Half-life (days)"
            path={['engagement', i, 'halfLifeDays']}
            value={rule.halfLifeDays}
            empty={null}
            hint="empty: no decay"
          />
        </div>
        <WhereFields path={['engagement', i, 'where']} where={rule.where} ruleLabel={rule.label} />
      </>
    )}
  />
)

export const DisqualifierSection = ({ doc }: { doc: Doc }) => (
  <RuleList
    section="disqualifiers"
    title="Disqualifiers"
    noun="disqualifier"
    description="A match takes the lead out of the funnel, with the reason reps read."
    rules={doc.disqualifiers}
    summarize={(r) => r.reason}
    create={(id) => ({
      id,
      label: 'New disqualifier',
      reason: doc.disqualificationReasons[0] ?? 'not a fit',
      when: { op: 'contains_any' as const, field: 'title', words: [] },
    })}
    render={(rule, i) => (
      <>
        <IdLabel section="disqualifiers" i={i} id={rule.id} label={rule.label} />
        <TextField
          label="Reason"
          path={['disqualifiers', i, 'reason']}
          value={rule.reason}
          list="disqualification-reasons"
        />
        <ConditionFields path={['disqualifiers', i, 'when']} when={rule.when} />
      </>
    )}
  />
)

export const HotSection = ({ doc }: { doc: Doc }) => (
  <RuleList
    section="hot"
    title="Hot signals"
    noun="hot signal"
    description="An event that hands the lead off at once, on the fastest SLA."
    rules={doc.hot}
    summarize={(r) => r.eventType}
    create={(id) => ({ id, label: 'New hot signal', eventType: 'form_submit', where: [], withinDays: 30 })}
    render={(rule, i) => (
      <>
        <IdLabel section="hot" i={i} id={rule.id} label={rule.label} />
        <div class="row">
          <TextField label="Event type" path={['hot', i, 'eventType']} value={rule.eventType} />
          <NumberField
            label="Within (days)"
            path={['hot', i, 'withinDays']}
            value={rule.withinDays}
            empty={undefined}
            hint="empty: any time"
          />
        </div>
        <WhereFields path={['hot', i, 'where']} where={rule.where} ruleLabel={rule.label} />
      </>
    )}
  />
)

const ContentLinks = ({ rule, i }: { rule: SignalRule; i: number }) => {
  const { update } = useEditor()
  const path = ['signals', i, 'content'] as const
  return (
    <fieldset class="content-links">
      <legend>Enablement content</legend>
      {rule.content.map((link, j) => (
        <div class="row" key={j}>
          <TextField label="Title" path={[...path, j, 'title']} value={link.title} />
          <TextField label="Link (http or https)" path={[...path, j, 'url']} value={link.url} />
          <button
            type="button"
            class="link"
            aria-label={`Remove content link ${j + 1} of '${rule.label}'`}
            onClick={() =>
              update(
                path,
                rule.content.filter((_, k) => k !== j),
              )
            }
          >
            Remove link
          </button>
        </div>
      ))}
      <button
        type="button"
        class="link"
        aria-label={`Add content link to '${rule.label}'`}
        onClick={() => update(path, [...rule.content, { title: '', url: 'https://' }])}
      >
        + content link
      </button>
    </fieldset>
  )
}

export const SignalSection = ({ doc }: { doc: Doc }) => (
  <RuleList
    section="signals"
    title="Interests and objections"
    noun="interest/objection rule"
    description="Engagement that shows an interest or an objection, with the content that answers it."
    rules={doc.signals}
    summarize={(r) => r.kind}
    create={(id) => ({
      id,
      kind: 'interest' as const,
      label: 'New interest',
      eventType: 'page_view',
      where: [],
      content: [],
    })}
    render={(rule, i) => (
      <>
        <IdLabel section="signals" i={i} id={rule.id} label={rule.label} />
        <div class="row">
          <SelectField
            label="Kind"
            path={['signals', i, 'kind']}
            value={rule.kind}
            options={[
              ['interest', 'interest'],
              ['objection', 'objection'],
            ]}
          />
          <TextField
            label="Event type"
            path={['signals', i, 'eventType']}
            value={rule.eventType}
            optional
            hint="empty: any event"
          />
        </div>
        <WhereFields path={['signals', i, 'where']} where={rule.where} ruleLabel={rule.label} />
        <ContentLinks rule={rule} i={i} />
      </>
    )}
  />
)

export const ReasonsSection = ({ doc }: { doc: Doc }) => {
  const { update, errors } = useEditor()
  const reasons = doc.disqualificationReasons
  const set = (next: string[]) => update(['disqualificationReasons'], next)
  const own = errorsAt(errors, 'disqualificationReasons')
  return (
    <section class="rule-section" aria-labelledby="sec-reasons">
      <h2 id="sec-reasons">Disqualification reasons</h2>
      <p class="muted">What reps pick from when they disqualify a lead or mark it lost.</p>
      {own.length ? (
        <p class="field-error" role="alert">
          {own.join(' · ')}
        </p>
      ) : null}
      <datalist id="disqualification-reasons">
        {reasons.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <ol class="reasons">
        {reasons.map((reason, i) => (
          <li key={i} class="row">
            <TextField label={`Reason ${i + 1}`} path={['disqualificationReasons', i]} value={reason} />
            <button
              type="button"
              aria-label={`Move reason '${reason}' up`}
              disabled={i === 0}
              onClick={() => set(swap(reasons, i, i - 1))}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Move reason '${reason}' down`}
              disabled={i === reasons.length - 1}
              onClick={() => set(swap(reasons, i, i + 1))}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={`Remove reason '${reason}'`}
              onClick={() => set(reasons.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button type="button" class="add" onClick={() => set([...reasons, ''])}>
        Add reason
      </button>
    </section>
  )
}

const swap = (items: readonly string[], a: number, b: number) => {
  const copy = items.slice()
  ;[copy[a], copy[b]] = [copy[b] as string, copy[a] as string]
  return copy
}
