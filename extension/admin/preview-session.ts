/**
 * A preview session: the sample and the current version are scored once; each draft then costs one pass.
 * Shared by the Web Worker and the in-page fallback.
 * @module
 */
import type { CriteriaDocument } from '../../shared/schemas/criteria'
import type { ScoreResult } from '../../shared/scoring/score'
import { computePreview, scoreSample, type PreviewLead, type PreviewResult } from './preview'

export type PreviewSession = { run: (draft: CriteriaDocument) => PreviewResult }

/**
 * @example const session = createPreviewSession(sample, current, now); session.run(draft).draft.sql
 */
export const createPreviewSession = (
  sample: readonly PreviewLead[],
  current: CriteriaDocument,
  now: number,
): PreviewSession => {
  let currentResults: ScoreResult[] | null = null
  return {
    run: (draft) => {
      currentResults ??= scoreSample(sample, current, now)
      return computePreview(sample, current, draft, now, currentResults)
    },
  }
}

/** Messages into the preview worker. */
export type PreviewRequest =
  | { type: 'load'; sample: PreviewLead[]; current: CriteriaDocument; now: number }
  | { type: 'run'; id: number; draft: CriteriaDocument }

/** Messages out of the preview worker. */
export type PreviewResponse =
  { type: 'result'; id: number; result: PreviewResult; ms: number } | { type: 'error'; id: number; message: string }
