/**
 * One console page: the resource's list as a table, and beside it the form to create or edit an item.
 * Every page (reps, calendars, pools…) is this component with its own columns, blank draft and fields.
 * The form validates with the resource's shared zod schema as the admin types; a save the worker refuses
 * with 422 puts each issue on its field.
 * @module
 */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type { z } from 'zod'
import type { ConsoleClient } from '../../admin/console-client'
import type { CreatedOf, InputOf, ItemOf, ResourceName } from '../../admin/console-resources'
import { errorCount } from '../../admin/validation'
import type { AdminResult } from '../../messaging-admin'
import { EditorContext, fieldId } from '../admin/editor-context'
import { ErrorSummary } from '../admin/error-summary'
import { ConfirmButton } from './confirm-button'
import type { ResourceList } from './use-resource-list'
import { useResourceForm } from './use-resource-form'

export type Column<T> = {
  label: string
  cell: (item: T) => ComponentChildren
  /** Long text that may wrap (the other cells stay on one line). */
  wrap?: boolean
}

export type ResourcePageProps<R extends ResourceName, D> = {
  client: ConsoleClient
  resource: R
  list: ResourceList<R>
  title: string
  /** One item in words ("rep", "routing rule"). */
  noun: string
  /** More than one ("SLA policies"); default: noun + s. */
  plural?: string
  intro?: ComponentChildren
  columns: Array<Column<ItemOf<R>>>
  /** What the item is called in buttons and messages. */
  nameOf: (item: ItemOf<R>) => string
  schema: z.ZodType
  blank: () => D
  /** The item as an editable draft; absent: items are created, never edited. */
  toDraft?: (item: ItemOf<R>) => D
  /** Renders the form's fields (inside the form's `EditorContext`; a render function, so no hooks here). */
  fields: (draft: D, editing: ItemOf<R> | null) => ComponentChildren
  /** The remove button (DELETE); absent: none. */
  remove?: { text: string; confirm: string; when?: (item: ItemOf<R>) => boolean }
  /** More buttons on a row (send a test, rotate a secret…). */
  rowTools?: (item: ItemOf<R>) => ComponentChildren
  /** Renders what to show after a create whose answer holds something shown once. */
  created?: (created: CreatedOf<R>, onDone: () => void) => ComponentChildren
  /** The list's order (routing rules and SLA policies: by position, as the worker applies them). */
  sort?: (a: ItemOf<R>, b: ItemOf<R>) => number
  /** Called after any change (other pages' lists may depend on this one). */
  onChanged?: () => void
}

type Editing<T> = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; item: T }

/**
 * @example <ResourcePage client={client} resource="reps" list={reps} title="Reps" noun="rep" … />
 */
export const ResourcePage = <R extends ResourceName, D>(props: ResourcePageProps<R, D>) => {
  const { client, resource, list, title, noun, columns, nameOf, remove, rowTools, toDraft } = props
  const [editing, setEditing] = useState<Editing<ItemOf<R>>>({ kind: 'closed' })
  const [shown, setCreated] = useState<CreatedOf<R> | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const idOf = (item: ItemOf<R>) => (item as { id: string }).id
  // The message shows with the list that has the change in it, not before.
  const changed = async (message: string) => {
    await list.reload()
    setStatus(message)
    props.onChanged?.()
  }
  const open = (next: Editing<ItemOf<R>>) => {
    setCreated(null)
    setProblem(null)
    setStatus(null)
    setEditing(next)
  }
  const removeItem = async (item: ItemOf<R>) => {
    const res = await client.remove(resource, idOf(item))
    if (!res.ok) return setProblem(`Could not ${remove?.text.toLowerCase()} '${nameOf(item)}': ${res.error.message}`)
    if (editing.kind === 'edit' && idOf(editing.item) === idOf(item)) setEditing({ kind: 'closed' })
    await changed(`${remove?.text === 'Delete' ? 'Deleted' : `${remove?.text}d`} '${nameOf(item)}'.`)
  }

  return (
    <section class="console-page" aria-labelledby={`page-${resource}`}>
      <header class="page-head">
        <h2 id={`page-${resource}`}>{title}</h2>
        <button type="button" class="primary" onClick={() => open({ kind: 'new' })}>
          New {noun}
        </button>
      </header>
      {props.intro ? <p class="muted intro">{props.intro}</p> : null}
      <p class="status" role="status">
        {status}
      </p>
      {problem || list.problem ? (
        <p class="banner-error" role="alert">
          {problem ?? list.problem}
        </p>
      ) : null}
      <div class={editing.kind === 'closed' && !shown ? 'page-body' : 'page-body with-form'}>
        <div class="list-column">
          {list.items === null ? (
            <p class="muted">Loading…</p>
          ) : list.items.length === 0 ? (
            <p class="muted empty">No {props.plural ?? `${noun}s`} yet.</p>
          ) : (
            <table class="items data">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.label} scope="col">
                      {c.label}
                    </th>
                  ))}
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(props.sort ? list.items.slice().sort(props.sort) : list.items).map((item) => (
                  <tr
                    key={idOf(item)}
                    class={editing.kind === 'edit' && idOf(editing.item) === idOf(item) ? 'current' : undefined}
                  >
                    {columns.map((c) => (
                      <td key={c.label} class={c.wrap ? 'wrap' : undefined}>
                        {c.cell(item)}
                      </td>
                    ))}
                    <td class="row-tools">
                      {toDraft ? (
                        <button
                          type="button"
                          aria-label={`Edit ${noun} '${nameOf(item)}'`}
                          onClick={() => open({ kind: 'edit', item })}
                        >
                          Edit
                        </button>
                      ) : null}
                      {rowTools?.(item)}
                      {remove && (remove.when?.(item) ?? true) ? (
                        <ConfirmButton
                          text={remove.text}
                          label={`${remove.text} ${noun} '${nameOf(item)}'`}
                          question={remove.confirm}
                          onConfirm={() => removeItem(item)}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {shown && props.created ? (
          <aside class="form-column">{props.created(shown, () => setCreated(null))}</aside>
        ) : editing.kind !== 'closed' ? (
          <aside class="form-column">
            <ItemForm
              key={editing.kind === 'edit' ? idOf(editing.item) : 'new'}
              {...props}
              editing={editing.kind === 'edit' ? editing.item : null}
              onCancel={() => setEditing({ kind: 'closed' })}
              onSaved={async (item, answer, wasNew) => {
                setEditing({ kind: 'closed' })
                if (wasNew && props.created) setCreated(answer as CreatedOf<R>)
                await changed(`${wasNew ? 'Created' : 'Saved'} '${item}'.`)
              }}
            />
          </aside>
        ) : null}
      </div>
    </section>
  )
}

type ItemFormProps<R extends ResourceName, D> = ResourcePageProps<R, D> & {
  editing: ItemOf<R> | null
  onCancel: () => void
  onSaved: (name: string, answer: unknown, wasNew: boolean) => Promise<void>
}

const ItemForm = <R extends ResourceName, D>(props: ItemFormProps<R, D>) => {
  const { client, resource, editing, noun, schema } = props
  const form = useResourceForm<D>(schema, editing && props.toDraft ? props.toDraft(editing) : props.blank())
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const problems = errorCount(form.errors)
  const heading = editing ? `Edit ${noun} '${props.nameOf(editing)}'` : `New ${noun}`

  const save = async () => {
    setProblem(null)
    const body = form.submit() as InputOf<R> | null
    if (body === null) return
    setBusy(true)
    const res: AdminResult<unknown> = editing
      ? await client.update(resource, (editing as { id: string }).id, body)
      : await client.create(resource, body)
    setBusy(false)
    if (res.ok) {
      const name = (body as { name?: string }).name ?? noun
      return props.onSaved(name, res.data, !editing)
    }
    // A 422 with paths is shown on the fields and in the summary above them; anything else as a message.
    if (!form.serverFailed(res.error))
      setProblem(`${res.error.message}${res.error.status ? ` (${res.error.status})` : ''}`)
  }

  return (
    <EditorContext.Provider value={form.context}>
      <form
        class="item-form"
        aria-labelledby={`form-${resource}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <h3 id={`form-${resource}`}>{heading}</h3>
        {form.submitted && problems > 0 ? <ErrorSummary errors={form.errors} label={labelOf} /> : null}
        {props.fields(form.draft, editing)}
        {problem ? (
          <p class="banner-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save' : `Create ${noun}`}
          </button>
          <button type="button" onClick={props.onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </EditorContext.Provider>
  )
}

/** What the admin reads for a path in the summary: the label of its field, else the path itself. */
const labelOf = (path: string): string => {
  const el = document.getElementById(fieldId(path.split('.')))
  const text =
    (el as HTMLInputElement | null)?.labels?.[0]?.textContent ??
    el?.getAttribute('aria-label') ??
    el?.querySelector('legend')?.textContent
  return text?.trim() || path
}
