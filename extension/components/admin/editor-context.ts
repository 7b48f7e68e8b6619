/**
 * What every field of the criteria editor needs: the draft's errors by path and one way to change it.
 * @module
 */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { FieldErrors } from '../../admin/validation'

export type Path = ReadonlyArray<string | number>

export type EditorContextValue = {
  errors: FieldErrors
  update: (path: Path, value: unknown) => void
  /** The popup: rules start collapsed to one line each. */
  compact: boolean
}

export const EditorContext = createContext<EditorContextValue>({ errors: {}, update: () => {}, compact: false })

export const useEditor = () => useContext(EditorContext)

/** The DOM id of the control at a path (`fit.0.points` → `f-fit-0-points`). */
export const fieldId = (path: Path) => `f-${path.join('-')}`
