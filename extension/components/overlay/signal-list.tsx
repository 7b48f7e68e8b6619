import type { Signal } from '../../../shared/schemas/lead'
import { SafeLink } from './safe-link'

/** Interests or objections, each with its enablement content links. */
export const SignalList = ({ title, signals, testId }: { title: string; signals: Signal[]; testId: string }) => {
  if (signals.length === 0) return null
  return (
    <section data-testid={testId}>
      <h3>{title}</h3>
      <ul class="signals">
        {signals.map((s) => (
          <li key={s.key}>
            <strong>{s.label}</strong>
            {s.evidence ? <span class="muted"> — {s.evidence}</span> : null}
            {s.content.length > 0 ? (
              <ul class="links">
                {s.content.map((c) => (
                  <li key={c.url}>
                    <SafeLink href={c.url}>{c.title}</SafeLink>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
