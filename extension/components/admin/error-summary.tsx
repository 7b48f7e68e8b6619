/**
 * The list of a form's problems above it, each a link that focuses its field; shared by the criteria editor
 * and the console's forms.
 * @module
 */
import { errorCount, type FieldErrors } from '../../admin/validation'
import { fieldId } from './editor-context'

/**
 * Focuses the nearest rendered control at or above a dotted path (after the render that shows it).
 * @example focusField('fit.0.points')
 */
export const focusField = (key: string) => {
  // The document of the page that asked, taken now: the timer may fire after that page (or a test's DOM) is gone.
  const doc = document
  setTimeout(() => {
    const parts = key.split('.')
    for (let n = parts.length; n > 0; n--) {
      const el = doc.getElementById(fieldId(parts.slice(0, n)))
      if (el) return el.focus()
    }
  }, 30)
}

/**
 * @example {showErrors ? <ErrorSummary errors={errors} /> : null}
 */
export const ErrorSummary = ({ errors, label }: { errors: FieldErrors; label?: (path: string) => string }) => (
  <div class="error-summary" role="alert">
    <p>
      {errorCount(errors)} problem{errorCount(errors) === 1 ? '' : 's'}:
    </p>
    <ul>
      {Object.entries(errors).flatMap(([path, messages]) =>
        messages.map((m, i) => (
          <li key={`${path}-${i}`}>
            <a
              href={`#${fieldId(path.split('.'))}`}
              onClick={(e) => {
                e.preventDefault()
                focusField(path)
              }}
            >
              {label ? label(path) : path || 'document'}
            </a>
            : {m}
          </li>
        )),
      )}
    </ul>
  </div>
)
