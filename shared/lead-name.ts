/**
 * How a lead is named wherever a person reads it: overlay, queue, notifications, alerts, previews.
 * @module
 */

type Named = { firstName?: string | null; lastName?: string | null; email?: string | null }

/**
 * The person's full name, or their email when no name is known (never an empty string when an email is).
 * @example leadName({ firstName: 'Ana', lastName: 'Ruiz', email: 'ana@acme.io' }) // 'Ana Ruiz'
 * @example leadName({ firstName: null, lastName: null, email: 'ana@acme.io' }) // 'ana@acme.io'
 */
export const leadName = (lead: Named): string =>
  [lead.firstName, lead.lastName]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ') ||
  lead.email ||
  ''

/**
 * The full name only, or null: for places that show the email beside it anyway.
 * @example personName({ firstName: 'Ana', lastName: null }) // 'Ana'
 */
export const personName = (lead: Omit<Named, 'email'>): string | null => leadName({ ...lead, email: null }) || null
