import type { Brief, Queue } from '../../../shared/schemas/lead'
import { countAt } from '../../../extension/lib/sla'

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * A brief whose SLA started at `startedAt`, turns amber at `dueSoonAt` and is due at `dueAt` (epoch ms).
 */
export const makeBrief = (
  over: Partial<Brief> & { id: string },
  clock?: { startedAt: number; dueSoonAt: number; dueAt: number; metAt?: number },
): Brief => ({
  email: `${over.id}@example.com`,
  firstName: 'Jane',
  lastName: 'Doe',
  title: 'VP Sales',
  phone: null,
  linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
  company: { name: 'Acme', domain: 'acme.com', industry: 'Software', employees: 200, country: 'DE' },
  status: 'assigned',
  hot: true,
  score: {
    total: 72,
    fit: 40,
    engagement: 32,
    breakdown: [
      { rule: 'title', label: 'Senior title', points: 20, evidence: 'VP Sales' },
      { rule: 'pricing', label: 'Visited pricing', points: 12, evidence: '4 visits' },
      { rule: 'gmail', label: 'Personal email', points: -5, evidence: 'gmail.com' },
    ],
  },
  assignee: { id: 'rep_1', name: 'Sam Rep', email: 'sam@handoff.example' },
  sla: clock
    ? {
        policy: 'Hot leads',
        startedAt: iso(clock.startedAt),
        dueAt: iso(clock.dueAt),
        dueSoonAt: iso(clock.dueSoonAt),
        metAt: clock.metAt ? iso(clock.metAt) : null,
        state: 'running',
      }
    : { policy: null, startedAt: null, dueAt: null, dueSoonAt: null, metAt: null, state: 'none' },
  whyNow: { summary: 'Requested a demo', at: '2026-11-23T10:00:00Z' },
  timeline: [
    {
      type: 'form_submit',
      summary: 'Requested a demo',
      count: 1,
      firstAt: '2026-11-23T10:00:00Z',
      lastAt: '2026-11-23T10:00:00Z',
    },
  ],
  interests: [
    {
      key: 'pricing',
      label: 'Pricing',
      evidence: 'pricing page x4',
      content: [{ title: 'Pricing guide', url: 'https://acme.example/pricing.pdf' }],
    },
  ],
  objections: [
    {
      key: 'security',
      label: 'Security review',
      content: [{ title: 'Security FAQ', url: 'https://acme.example/security' }],
    },
  ],
  message: 'We need this before Q1 <b>please</b>',
  fields: {},
  source: 'website',
  campaign: null,
  crmRefs: [],
  createdAt: '2026-11-23T10:00:00Z',
  updatedAt: '2026-11-23T10:00:00Z',
  ...over,
})

export const makeQueue = (leads: Brief[], counts?: Queue['counts'], at = Date.now()): Queue => ({
  now: iso(at),
  leads,
  // As the server counts: every open lead's state at the answer's time.
  counts: counts ?? { open: leads.length, ...countAt(leads, at) },
})
