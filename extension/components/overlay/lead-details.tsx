import { points } from '../../../shared/points'
import type { Brief } from '../../../shared/schemas/lead'
import { SignalList } from './signal-list'

const when = (iso: string) => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** Below the first screen: score with breakdown, timeline, SLA clock history, interests, objections, what they told us, assignee. */
export const LeadDetails = ({ lead }: { lead: Brief }) => {
  // What happened to the clock (breach, escalations, recycle, met or stopped): the rep's "why" for a lead
  // that changed hands or left the queue. "Started" is the countdown itself, shown above.
  const clockHistory = (lead.sla.history ?? []).filter((h) => h.kind !== 'started')
  return (
    <div class="details">
      <section data-testid="score">
        <h3>
          Score {points(lead.score.total)}{' '}
          <span class="muted">
            (fit {points(lead.score.fit)} · engagement {points(lead.score.engagement)})
          </span>
        </h3>
        <ul class="breakdown">
          {lead.score.breakdown.map((b, i) => (
            <li key={`${b.rule}-${i}`}>
              {/* A hot signal scores nothing: it hands off at once, which "+0" would hide. */}
              {b.points === 0 ? (
                <span class="signal">hot</span>
              ) : (
                <span class={b.points < 0 ? 'neg' : 'pos'}>{points(b.points, { signed: true })}</span>
              )}{' '}
              {b.label}
              {b.evidence ? <span class="muted"> — {b.evidence}</span> : null}
            </li>
          ))}
        </ul>
        {/* Which shared definition of "qualified" this is: after marketing ops change it, the rep can tell. */}
        {lead.score.criteriaVersion != null ? (
          <p class="muted" data-testid="criteria-version">
            Scored with criteria v{lead.score.criteriaVersion}
          </p>
        ) : null}
      </section>
      {lead.timeline.length > 0 ? (
        <section data-testid="timeline">
          <h3>Timeline</h3>
          <ul class="timeline">
            {lead.timeline.slice(0, 10).map((t, i) => (
              <li key={`${t.type}-${i}`}>
                <span class="muted">{when(t.lastAt)}</span> {t.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {clockHistory.length > 0 ? (
        <section data-testid="clock-history">
          <h3>SLA clock</h3>
          <ul class="timeline">
            {clockHistory.map((h, i) => (
              <li key={`${h.kind}-${i}`}>
                <span class="muted">{when(h.at)}</span> {h.detail}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <SignalList title="Interests" signals={lead.interests} testId="interests" />
      <SignalList title="Objections" signals={lead.objections} testId="objections" />
      {lead.message ? (
        <section data-testid="message">
          <h3>What they told us</h3>
          <p class="quote">{lead.message}</p>
        </section>
      ) : null}
      <section data-testid="assignee">
        <h3>Assignee</h3>
        <p>{lead.assignee ? `${lead.assignee.name} <${lead.assignee.email}>` : 'Unassigned'}</p>
      </section>
    </div>
  )
}
