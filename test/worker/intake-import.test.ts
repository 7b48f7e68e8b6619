import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../worker/domain/intake/csv'
import { api } from './helpers'

const csv = (text: string) => api('/v1/admin/import', { body: text, headers: { 'Content-Type': 'text/csv' } })
type Report = {
  accepted: number
  updated: number
  rejected: Array<{ line: number; issues: Array<{ path: string; message: string }> }>
  columns: Record<string, string>
}

describe('CSV parser (RFC 4180)', () => {
  it('handles quotes, doubled quotes, CRLF, line breaks inside quotes and a BOM, with start lines', () => {
    const { records, unterminatedAt } = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""",3\r\n"multi\nline",,\n\n4,5,6')
    expect(unterminatedAt).toBeNull()
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', '3'] },
      { line: 3, cells: ['multi\nline', '', ''] },
      { line: 6, cells: ['4', '5', '6'] },
    ])
    expect(parseCsv('a\n"open\n').unterminatedAt).toBe(2)
  })
})

describe('POST /v1/admin/import', () => {
  it('maps header aliases, reports bad rows by CSV line, stores the good ones and merges repeats', async () => {
    const text = [
      'Email,First Name,last_name,Company,company_domain,Employees,Country,Title,linkedin,Salesforce ID,Favourite Colour',
      'ana@import-co.io,Ana,"Silva, Jr.",Import Co,import-co.io,250,us,VP Sales,https://www.linkedin.com/in/ana-silva,,blue',
      'not-an-email,Bob,,,,,,,,,',
      '"ben@import-co.io",Ben,"Quote ""Q""",Import Co,,ten,,,,,',
      '"cy@import-co.io","Cy","Multi',
      'line",Import Co,,50,GB,Head of Growth,,00Q5000000AbCdE,',
      'short,row',
      'ANA@import-co.io ,,,,,,,,,,green',
    ].join('\r\n')
    const res = await csv(text)
    expect(res.status).toBe(200)
    const report = (await res.json()) as Report
    expect(report.accepted).toBe(3)
    expect(report.updated).toBe(1)
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 7])
    expect(report.rejected[0]!.issues[0]!.path).toBe('email')
    expect(report.rejected[1]!.issues[0]!.path).toBe('company.employees')
    expect(report.rejected[2]!.issues[0]!.path).toBe('row')
    expect(report.columns).toMatchObject({
      'First Name': 'firstName',
      Company: 'company.name',
      'Favourite Colour': 'fields.Favourite Colour',
      'Salesforce ID': 'crmRefs.salesforce',
    })

    const ana = await env.DB.prepare("select * from leads where email_norm = 'ana@import-co.io'").first<
      Record<string, unknown>
    >()
    expect(ana).toMatchObject({
      last_name: 'Silva, Jr.',
      company_domain: 'import-co.io',
      employees: 250,
      country: 'US',
      linkedin_slug: 'ana-silva',
      source: 'csv-import',
    })
    expect(JSON.parse(ana!.fields as string)).toEqual({ 'Favourite Colour': 'green' })
    expect(ana!.score_total).toBeGreaterThan(0)
    const cy = await env.DB.prepare(
      "select l.last_name, r.ref_id from leads l join lead_crm_refs r on r.lead_id = l.id where l.email_norm = 'cy@import-co.io'",
    ).first<{ last_name: string; ref_id: string }>()
    expect(cy!.last_name).toBe('Multi line') // the quoted line break survives parsing; a name turns it into a space
    expect(cy!.ref_id).toHaveLength(18)
    expect(
      (await env.DB.prepare("select count(*) n from leads where email_norm like '%@import-co.io'").first<{
        n: number
      }>())!.n,
    ).toBe(2) // ana (merged twice) and cy
  })

  it('refuses a CSV without an email column (422), other content types (415) and other roles', async () => {
    const res = await csv('name,company\nA,B\n')
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'header' }] } })
    expect((await api('/v1/admin/import', { json: { email: 'a@b.co' } })).status).toBe(415)
    expect(
      (await api('/v1/admin/import', { body: 'x'.repeat(1024 * 1024 + 1), headers: { 'Content-Type': 'text/csv' } }))
        .status,
    ).toBe(413)
  })

  it('imports 10,000 rows in one request', async () => {
    const lines = ['email,first_name,company,employees,title']
    for (let i = 0; i < 10_000; i++)
      lines.push(
        `bulk${i}@bulk-co.io,Person ${i},Bulk Co,${100 + (i % 50)},${i % 2 ? 'Director of Marketing' : 'Engineer'}`,
      )
    const started = Date.now()
    const res = await csv(lines.join('\n'))
    expect(res.status).toBe(200)
    const report = (await res.json()) as Report
    expect(report).toMatchObject({ accepted: 10_000, updated: 0, rejected: [] })
    console.log(`10,000-row import: ${Date.now() - started} ms`)
    expect(
      (await env.DB.prepare("select count(*) n from leads where email_norm like '%@bulk-co.io'").first<{
        n: number
      }>())!.n,
    ).toBe(10_000)
    const scored = await env.DB.prepare(
      "select count(*) n from leads where email_norm like '%@bulk-co.io' and criteria_version is not null and score_total > 0",
    ).first<{ n: number }>()
    expect(scored!.n).toBe(10_000)
  }, 120_000)
})
