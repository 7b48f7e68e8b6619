/**
 * The criteria a new organisation starts from: a realistic B2B SaaS definition of "qualified" that
 * marketing ops then tune in the admin popup.
 * @module
 */
import { DEFAULT_DISQUALIFICATION_REASONS } from './disqualification-reasons'
import type { CriteriaDocumentInput } from './schemas/criteria'

const ENABLEMENT = 'https://example.com/enablement'

/** Personal mailbox providers: a lead from one is not a business buyer. */
export const PERSONAL_EMAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'mail.com',
  'yandex.com',
  'zoho.com',
]

/** Competitors in the demo organisation's market. */
export const COMPETITOR_DOMAINS = ['rivalcrm.com', 'pipelineplus.io', 'leadlasso.com']

/**
 * The default criteria document (input form: defaults such as `where: []` are applied by
 * `CriteriaDocument.parse`). A perfect fit alone (about 50 points) is an MQL; reaching the SQL hand-off (70)
 * takes engagement on top, and a demo request or a booked meeting hands off at once.
 * @example const criteria = CriteriaDocument.parse(DEFAULT_CRITERIA)
 */
export const DEFAULT_CRITERIA: CriteriaDocumentInput = {
  name: 'B2B SaaS default',
  fit: [
    {
      id: 'senior-title',
      label: 'Senior title (VP, Head, Director, C-level)',
      when: {
        op: 'contains_any',
        field: 'title',
        words: [
          'vp',
          'vice president',
          'svp',
          'evp',
          'head',
          'director',
          'chief',
          'ceo',
          'cmo',
          'cro',
          'coo',
          'cto',
          'cfo',
          'founder',
          'co-founder',
          'president',
        ],
      },
      points: 15,
    },
    {
      id: 'manager-title',
      label: 'Manager or lead title',
      when: { op: 'contains_any', field: 'title', words: ['manager', 'lead', 'principal'] },
      points: 8,
    },
    {
      id: 'revenue-function',
      label: 'Works in marketing, sales, revenue or growth',
      when: {
        op: 'contains_any',
        field: 'title',
        words: [
          'marketing',
          'sales',
          'revenue',
          'growth',
          'demand generation',
          'revops',
          'operations',
          'business development',
        ],
      },
      points: 10,
    },
    {
      id: 'company-size',
      label: 'Company of 50–5,000 employees',
      when: { op: 'range', field: 'company.employees', min: 50, max: 5000 },
      points: 10,
    },
    {
      id: 'target-industry',
      label: 'Target industry',
      when: {
        op: 'in',
        field: 'company.industry',
        values: [
          'Software',
          'SaaS',
          'Internet',
          'Information Technology',
          'Financial Services',
          'Fintech',
          'Marketing and Advertising',
          'Computer Software',
        ],
      },
      points: 10,
    },
    {
      id: 'target-country',
      label: 'Sold-to country',
      when: {
        op: 'in',
        field: 'company.country',
        values: ['US', 'CA', 'GB', 'IE', 'DE', 'FR', 'NL', 'SE', 'DK', 'AU'],
      },
      points: 5,
    },
    { id: 'has-phone', label: 'Gave a phone number', when: { op: 'exists', field: 'phone' }, points: 3 },
  ],
  engagement: [
    {
      id: 'pricing-visit',
      label: 'Visited pricing',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/pricing' }],
      points: 10,
      cap: 30,
      halfLifeDays: 14,
    },
    {
      id: 'page-view',
      label: 'Website visits',
      eventType: 'page_view',
      points: 1,
      cap: 10,
      halfLifeDays: 7,
    },
    {
      id: 'content-download',
      label: 'Downloaded content',
      eventType: 'content_download',
      points: 8,
      cap: 24,
      halfLifeDays: 30,
    },
    {
      id: 'webinar',
      label: 'Attended a webinar',
      eventType: 'webinar_attended',
      points: 12,
      cap: 24,
      halfLifeDays: 45,
    },
    {
      id: 'email-click',
      label: 'Clicked a marketing email',
      eventType: 'email_click',
      points: 3,
      cap: 12,
      halfLifeDays: 14,
    },
    { id: 'form-submit', label: 'Submitted a form', eventType: 'form_submit', points: 15, cap: 30, halfLifeDays: 30 },
    { id: 'meeting-booked', label: 'Booked a meeting', eventType: 'meeting_booked', points: 40, cap: 40 },
    {
      id: 'unsubscribed',
      label: 'Unsubscribed from email',
      eventType: 'email_unsubscribe',
      points: -10,
      cap: 10,
    },
  ],
  negative: [
    {
      id: 'tiny-company',
      label: 'Fewer than 10 employees',
      when: { op: 'range', field: 'company.employees', max: 9 },
      points: -20,
    },
    {
      id: 'junior-title',
      label: 'Junior title',
      when: {
        op: 'contains_any',
        field: 'title',
        words: ['assistant', 'associate', 'junior', 'coordinator', 'trainee'],
      },
      points: -10,
    },
    {
      id: 'agency',
      label: 'Agency or consultant (usually not a buyer)',
      when: { op: 'contains_any', field: 'company.industry', words: ['agency', 'consulting', 'freelance'] },
      points: -10,
    },
  ],
  disqualifiers: [
    {
      id: 'competitor',
      label: 'Competitor email domain',
      reason: 'competitor',
      when: { op: 'in', field: 'email_domain', values: COMPETITOR_DOMAINS },
    },
    {
      id: 'competitor-company',
      label: 'Competitor company domain',
      reason: 'competitor',
      when: { op: 'in', field: 'company.domain', values: COMPETITOR_DOMAINS },
    },
    {
      id: 'student',
      label: 'Student or intern',
      reason: 'student',
      when: {
        op: 'contains_any',
        field: 'title',
        words: ['student', 'intern', 'internship', 'undergraduate', 'phd candidate'],
      },
    },
    {
      id: 'job-seeker',
      label: 'Job seeker',
      reason: 'job seeker',
      when: {
        op: 'contains_any',
        field: 'title',
        words: ['job seeker', 'looking', 'seeking', 'unemployed', 'open to work'],
      },
    },
    {
      id: 'personal-email',
      label: 'Personal email address',
      reason: 'personal email',
      when: { op: 'in', field: 'email_domain', values: PERSONAL_EMAIL_DOMAINS },
    },
  ],
  thresholds: { mql: 40, sql: 70 },
  hot: [
    {
      id: 'demo-request',
      label: 'Requested a demo',
      eventType: 'form_submit',
      where: [{ op: 'equals', property: 'form', value: 'demo_request' }],
      withinDays: 30,
    },
    // Segment sources send the same request as a `Demo Requested` track call (`demo_requested`).
    { id: 'demo-requested', label: 'Requested a demo', eventType: 'demo_requested', withinDays: 30 },
    { id: 'meeting-booked', label: 'Booked a meeting', eventType: 'meeting_booked', withinDays: 30 },
  ],
  signals: [
    {
      id: 'pricing',
      kind: 'interest',
      label: 'Pricing',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/pricing' }],
    },
    {
      id: 'price',
      kind: 'objection',
      label: 'price',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/pricing' }],
      content: [
        { title: 'Pricing guide and ROI calculator', url: `${ENABLEMENT}/pricing-guide` },
        { title: 'Handling the price objection', url: `${ENABLEMENT}/price-objection` },
      ],
    },
    {
      id: 'security',
      kind: 'objection',
      label: 'security review',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/security' }],
      content: [
        { title: 'Security one-pager (SOC 2, GDPR)', url: `${ENABLEMENT}/security-one-pager` },
        { title: 'Security questionnaire answers', url: `${ENABLEMENT}/security-questionnaire` },
      ],
    },
    {
      id: 'competitor-compare',
      kind: 'objection',
      label: 'evaluating a competitor',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/compare' }],
      content: [
        { title: 'Comparison case study: switching from RivalCRM', url: `${ENABLEMENT}/comparison-case-study` },
      ],
    },
    {
      id: 'competitor-vs',
      kind: 'objection',
      label: 'evaluating a competitor',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/vs' }],
      content: [
        { title: 'Comparison case study: switching from RivalCRM', url: `${ENABLEMENT}/comparison-case-study` },
      ],
    },
    {
      id: 'integrations',
      kind: 'interest',
      label: 'Integrations',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/integrations' }],
      content: [{ title: 'Integrations overview', url: `${ENABLEMENT}/integrations-overview` }],
    },
    {
      id: 'case-studies',
      kind: 'interest',
      label: 'Customer stories',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/customers' }],
      content: [{ title: 'Case studies by industry', url: `${ENABLEMENT}/case-studies` }],
    },
    {
      id: 'implementation',
      kind: 'objection',
      label: 'implementation effort',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/docs/getting-started' }],
      content: [{ title: 'Implementation plan: live in 14 days', url: `${ENABLEMENT}/implementation-plan` }],
    },
    {
      id: 'webinar-interest',
      kind: 'interest',
      label: 'Webinars',
      eventType: 'webinar_attended',
      content: [{ title: 'Webinar follow-up deck', url: `${ENABLEMENT}/webinar-follow-up` }],
    },
  ],
  disqualificationReasons: [...DEFAULT_DISQUALIFICATION_REASONS],
}
