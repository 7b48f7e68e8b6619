/* global Response, crypto */
/**
 * The floor for `POST /v1/leads` in `npm run bench`: the same writes a qualifying intake makes (lead row,
 * event, round-robin step, assignment, SLA clock, alert outbox row, journey entries) in exactly 2 D1 round
 * trips, with no framework, no validation, no scoring and no routing logic. The product's intake time
 * divided by this one's, measured interleaved in one run, says what the product's logic and extra round
 * trips cost on the same machine at the same moment. `?handoff=0` makes the writes of a lead that does
 * not qualify (lead, event, journey). A bench fixture: never deployed.
 * @module
 */

const json = (body, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** @param {D1Database} db */
const intake = async (db, body, handoff) => {
  const now = Date.now()
  const email = String(body.email ?? '')
  const norm = email.trim().toLowerCase()
  // Round trip 1: what the product must read before it decides (lead, criteria version, pool cursor).
  const [found, criteria, pool] = await db.batch([
    db.prepare('SELECT id FROM leads WHERE email_norm = ?').bind(norm),
    db.prepare('SELECT version FROM criteria_versions ORDER BY version DESC LIMIT 1'),
    db.prepare('SELECT p.id, p.rr_version, m.rep_id FROM pools p JOIN pool_members m ON m.pool_id = p.id LIMIT 1'),
  ])
  const leadId = found.results[0]?.id ?? `lead_${crypto.randomUUID()}`
  const version = criteria.results[0]?.version ?? null
  const rr = pool.results[0]
  const c = body.company ?? {}
  const history = (kind, data) =>
    db
      .prepare('INSERT INTO lead_history (lead_id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)')
      .bind(leadId, now, kind, 'floor', JSON.stringify(data))
  const writes = [
    db
      .prepare(
        `INSERT INTO leads (id, email_norm, email, first_name, last_name, title, company_name, company_domain,
           industry, employees, country, fields, status, score_total, criteria_version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (email_norm) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at`,
      )
      .bind(
        leadId,
        norm,
        email,
        body.firstName ?? null,
        body.lastName ?? null,
        body.title ?? null,
        c.name ?? null,
        c.domain ?? null,
        c.industry ?? null,
        c.employees ?? null,
        c.country ?? null,
        JSON.stringify(body.fields ?? {}),
        handoff ? 'assigned' : 'new',
        handoff ? 80 : 10,
        version,
        now,
        now,
      ),
    db
      .prepare('INSERT INTO events (client_id, lead_id, type, occurred_at, properties) VALUES (?, ?, ?, ?, ?)')
      .bind(`floor-${crypto.randomUUID()}`, leadId, 'form_submit', now, '{}'),
    history('intake', { changed: ['email', 'title'] }),
    history('score', { from: 0, to: handoff ? 80 : 10 }),
  ]
  if (handoff && rr) {
    const asg = `asg_${crypto.randomUUID()}`
    writes.push(
      // The round-robin step as a conditional update, as the product's guarded batch does.
      db
        .prepare('UPDATE pools SET rr_version = rr_version + 1 WHERE id = ? AND rr_version = ?')
        .bind(rr.id, rr.rr_version),
      db
        .prepare('UPDATE leads SET assignee_id = ?, assigned_at = ?, sql_at = ? WHERE id = ?')
        .bind(rr.rep_id, now, now, leadId),
      db
        .prepare(
          'INSERT INTO assignments (id, lead_id, rep_id, pool_id, rule, reason, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .bind(asg, leadId, rr.rep_id, rr.id, 'floor', 'round robin', now),
      db
        .prepare(
          `INSERT INTO sla_clocks (id, lead_id, assignment_id, rep_id, policy_name, started_at, due_at, next_check_at, plan)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(`clk_${crypto.randomUUID()}`, leadId, asg, rr.rep_id, 'SQL', now, now + 3_600_000, now + 1_800_000, '[]'),
      db
        .prepare(
          `INSERT INTO alerts (id, dedupe_key, lead_id, assignment_id, milestone, recipient, payload, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(`alr_${crypto.randomUUID()}`, `${asg}:assigned`, leadId, asg, 'assigned', rr.rep_id, '{}', now),
      history('status', { from: 'new', to: 'sql' }),
      history('assignment', { repId: rr.rep_id }),
    )
  }
  // Round trip 2: every write in one batch (one transaction), as the product's guarded write batch.
  await db.batch(writes)
  return { id: leadId, status: handoff ? 'assigned' : 'new' }
}

export default {
  /** @param {Request} req @param {{ DB: D1Database, ADMIN_TOKEN: string }} env */
  async fetch(req, env) {
    const url = new URL(req.url)
    if (url.pathname === '/health') return json({ ok: true })
    if (req.method !== 'POST' || url.pathname !== '/v1/leads') return json({ error: 'not_found' }, 404)
    if (req.headers.get('authorization') !== `Bearer ${env.ADMIN_TOKEN}`) return json({ error: 'unauthorized' }, 401)
    const lead = await intake(env.DB, await req.json(), url.searchParams.get('handoff') !== '0')
    return json({ lead }, 201)
  },
}
