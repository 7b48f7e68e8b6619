import type { Brief } from '../../../shared/schemas/lead'
import { SafeLink } from './safe-link'

/** `mailto:` with the address encoded (lead data is attacker-written), keeping `@` readable. */
const mailto = (email: string) => `mailto:${encodeURIComponent(email.trim()).replace(/%40/g, '@')}`

/** `tel:` with digits and a leading `+` only; null when nothing dialable is left. */
const tel = (phone: string) => {
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '')
  return digits.replace(/\D/g, '').length >= 3 ? `tel:${digits}` : null
}

/** How to reach the lead: email, phone, LinkedIn. Every link is built from escaped parts, never raw HTML. */
export const LeadContact = ({ lead }: { lead: Brief }) => {
  const phone = lead.phone ? tel(lead.phone) : null
  return (
    <ul class="contact" data-testid="contact">
      <li>
        <a href={mailto(lead.email)} data-testid="contact-email">
          {lead.email}
        </a>
      </li>
      {lead.phone ? (
        <li>
          {phone ? (
            <a href={phone} data-testid="contact-phone">
              {lead.phone}
            </a>
          ) : (
            <span>{lead.phone}</span>
          )}
        </li>
      ) : null}
      {lead.linkedinUrl ? (
        <li>
          <SafeLink href={lead.linkedinUrl}>LinkedIn</SafeLink>
        </li>
      ) : null}
    </ul>
  )
}
