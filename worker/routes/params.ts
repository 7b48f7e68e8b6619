/**
 * Path parameters shared by the admin resources.
 * @module
 */
import { z } from 'zod'

/** `/:id` of a config record. */
export const IdParam = z.object({ id: z.string().min(1).max(100) })
