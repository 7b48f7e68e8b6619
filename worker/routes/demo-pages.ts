/**
 * `GET /demo/linkedin/:slug`: a LinkedIn-shaped profile page of a demo lead, served only in demo mode
 * (`npm start` sets `DEMO_MODE`; 404 otherwise, before any lookup). Demo and test builds of the extension
 * run on these pages (`extension/sites/demo.ts`), so a newcomer sees the brief beside a "profile" without a
 * LinkedIn account or a real person's page. What the page shows is what a public profile shows (name,
 * headline, company, country), escaped: never the lead's email, phone or score.
 * @module
 */
import { Hono } from 'hono'
import { html, raw } from 'hono/html'
import type { AppEnv } from '../app-env'
import { getLead } from '../db/queries/leads'
import { leadIdByLinkedinSlug } from '../db/queries/lead-lookup'
import { ApiError } from '../errors'

const STYLE =
  'body{margin:0;font:14px/1.45 system-ui,sans-serif;background:#f4f2ee;color:#1d2226}' +
  'header{background:#fff;border-bottom:1px solid #e0dfdc;padding:.6rem 1.5rem;font-weight:700;color:#0a66c2}' +
  'main{max-width:44rem;margin:1.5rem auto;padding:0 1rem}' +
  '.card{background:#fff;border:1px solid #e0dfdc;border-radius:8px;overflow:hidden}' +
  '.cover{height:6rem;background:linear-gradient(90deg,#a0b4b7,#dce6f1)}' +
  '.who{padding:0 1.5rem 1.5rem}.avatar{width:6rem;height:6rem;border-radius:50%;background:#56687a;color:#fff;' +
  'font-size:2rem;display:flex;align-items:center;justify-content:center;margin-top:-3rem;border:4px solid #fff}' +
  'h1{font-size:1.5rem;margin:.5rem 0 .1rem}.muted{color:#666}.note{margin-top:1rem;font-size:12px;color:#666}'

const initials = (first: string | null, last: string | null) =>
  `${(first ?? '').slice(0, 1)}${(last ?? '').slice(0, 1)}`.toUpperCase() || '?'

export const demoPageRoutes = new Hono<AppEnv>().get('/linkedin/:slug', async (c) => {
  if (c.env.DEMO_MODE !== 'true') throw new ApiError(404, 'not_found', 'Demo mode is off')
  const slug = c.req.param('slug').toLowerCase()
  const id = await leadIdByLinkedinSlug(c.var.db, slug)
  const lead = id ? await getLead(c.var.db, id) : undefined
  if (!lead) throw new ApiError(404, 'not_found', 'No demo lead has this profile')
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || 'Demo lead'
  const headline = [lead.title, lead.companyName].filter(Boolean).join(' at ')
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  c.header('X-Robots-Tag', 'noindex')
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${name} | LinkedIn (Handoff demo)</title>
          <style>
            ${raw(STYLE)}
          </style>
        </head>
        <body>
          <header>in · Handoff demo profile</header>
          <main>
            <section class="card">
              <div class="cover"></div>
              <div class="who">
                <div class="avatar" aria-hidden="true">${initials(lead.firstName, lead.lastName)}</div>
                <h1>${name}</h1>
                <div>${headline}</div>
                <div class="muted">${[lead.industry, lead.country].filter(Boolean).join(' · ')}</div>
                <p class="note">
                  A page the local Handoff worker serves in demo mode, shaped like a LinkedIn profile. With the demo
                  build of the extension signed in as this lead's rep, the Handoff pill shows at the bottom right: click
                  it for the brief.
                </p>
              </div>
            </section>
          </main>
        </body>
      </html>`,
  )
})
