import { describe, expect, it } from 'vitest'
import { leadName, personName } from '../../shared/lead-name'
import { points } from '../../shared/points'

describe('leadName', () => {
  it('joins the names, trimming blanks, and falls back to the email', () => {
    expect(leadName({ firstName: 'Ana', lastName: 'Ruiz', email: 'ana@acme.io' })).toBe('Ana Ruiz')
    expect(leadName({ firstName: ' Ana ', lastName: '  ', email: 'ana@acme.io' })).toBe('Ana')
    expect(leadName({ firstName: null, lastName: 'Ruiz', email: 'ana@acme.io' })).toBe('Ruiz')
    expect(leadName({ firstName: '', lastName: null, email: 'ana@acme.io' })).toBe('ana@acme.io')
  })
  it('personName never falls back to the email', () => {
    expect(personName({ firstName: null, lastName: null })).toBeNull()
    expect(personName({ firstName: 'Bo', lastName: null })).toBe('Bo')
  })
})

describe('points', () => {
  it('shows whole points, signed on request, never "-0"', () => {
    expect(points(76.65)).toBe('77')
    expect(points(12.4, { signed: true })).toBe('+12')
    expect(points(-4.6, { signed: true })).toBe('-5')
    expect(points(-0.2)).toBe('0')
    expect(points(0.2, { signed: true })).toBe('0')
  })
})
