/**
 * A secret shown once (a new token, a source's generated secret): the value, a copy button, and the plain
 * warning that it cannot be shown again. Rendered as text in a read-only field, never as markup.
 * @module
 */
import { useState } from 'preact/hooks'

export type Secret = { label: string; value: string }

const CopyButton = ({ label, value }: Secret) => {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  return (
    <button
      type="button"
      aria-label={`Copy ${label}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value)
          setCopied('yes')
        } catch {
          setCopied('failed')
        }
      }}
    >
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select and copy' : 'Copy'}
    </button>
  )
}

/**
 * @example <SecretReveal title="Token for 'CI'" secrets={[{ label: 'Token', value: token }]} onDone={close} />
 */
export const SecretReveal = ({
  title,
  secrets,
  details,
  onDone,
}: {
  title: string
  secrets: Secret[]
  /** Other facts worth copying now (a webhook path), not secret. */
  details?: Secret[]
  onDone: () => void
}) => (
  <section class="secret-reveal" aria-labelledby="secret-title">
    <h3 id="secret-title">{title}</h3>
    {secrets.length ? (
      <p class="warning">Copy it now: it is shown only this once. Handoff keeps no readable copy.</p>
    ) : null}
    {[...secrets, ...(details ?? [])].map((s, i) => (
      <div class="field" key={s.label}>
        <label for={`secret-${i}`}>{s.label}</label>
        <div class="secret-row">
          <input
            id={`secret-${i}`}
            type="text"
            readOnly
            value={s.value}
            spellcheck={false}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton {...s} />
        </div>
      </div>
    ))}
    <div class="actions">
      <button type="button" class="primary" onClick={onDone}>
        {secrets.length ? 'I have copied it' : 'Done'}
      </button>
    </div>
  </section>
)
