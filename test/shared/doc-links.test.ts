/**
 * Every relative link in the README and docs/ resolves to a file inside the repository (a newcomer who
 * follows one never lands outside it or on nothing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]

/** `[text](target)` targets that are not absolute URLs, mail links or in-page anchors. */
const relativeLinks = (markdown: string): string[] =>
  [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|mailto:|#)/.test(t))

describe('documentation links', () => {
  it('finds links to check', () => {
    expect(relativeLinks(readFileSync(join(root, 'README.md'), 'utf8')).length).toBeGreaterThan(3)
  })

  it.each(docs)('%s links only to files inside the repository', (doc) => {
    const broken = relativeLinks(readFileSync(join(root, doc), 'utf8')).filter((target) => {
      const file = resolve(dirname(join(root, doc)), target.split('#')[0]!)
      return relative(root, file).startsWith('..') || !existsSync(file)
    })
    expect(broken).toEqual([])
  })
})
