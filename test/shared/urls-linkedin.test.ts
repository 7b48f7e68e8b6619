import { describe, expect, it } from 'vitest'
import { linkedInProfileUrl, linkedInSlug } from '../../shared/urls'

describe('linkedInSlug', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/', 'jane-doe'],
    ['http://www.linkedin.com/in/jane-doe/', 'jane-doe'],
    ['https://linkedin.com/in/jane-doe/', 'jane-doe'],
    ['www.linkedin.com/in/jane-doe', 'jane-doe'],
    ['linkedin.com/in/jane-doe/', 'jane-doe'],
    ['//www.linkedin.com/in/jane-doe', 'jane-doe'],
    ['  https://www.linkedin.com/in/jane-doe/  ', 'jane-doe'],
    ['https://de.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://uk.linkedin.com/in/jane-doe/', 'jane-doe'],
    ['https://m.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://mobile.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://www.linkedin.com/mwlite/in/jane-doe', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe?trk=public_profile_browsemap', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/?originalSubdomain=de&locale=de_DE', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/#experience', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/de', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/de/', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/details/experience/', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/details/skills/?detailScreenTabIndex=0', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/recent-activity/all/', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/overlay/contact-info/', 'jane-doe'],
    ['https://www.linkedin.com/in/Jane-Doe-4a1b2c3/', 'jane-doe-4a1b2c3'],
    ['HTTPS://WWW.LINKEDIN.COM/in/JANE-DOE', 'jane-doe'],
    ['https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-12ab34', 'jürgen-müller-12ab34'],
    [
      'https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller-12ab34/details/experience/?locale=de_DE',
      'jürgen-müller-12ab34',
    ],
    ['https://www.linkedin.com/in/jürgen-müller-12ab34/', 'jürgen-müller-12ab34'],
    // NFD input (u + combining diaeresis) normalises to the NFC form.
    ['https://www.linkedin.com/in/ju%CC%88rgen-mu%CC%88ller-12ab34', 'jürgen-müller-12ab34'],
    ['https://www.linkedin.com/in/%E6%9D%8E%E5%B0%8F%E9%BE%99-88', '李小龙-88'],
    ['https://www.linkedin.com/in/ACoAAAbCdEfGhIjKlMnOp', 'acoaaabcdefghijklmnop'],
    ['https://www.linkedin.com./in/jane-doe', 'jane-doe'],
    ['jane-doe', 'jane-doe'],
    ['Jane-Doe-4A1B2C3', 'jane-doe-4a1b2c3'],
    ['j%C3%BCrgen-m%C3%BCller', 'jürgen-müller'],
  ])('%s → %s', (input, want) => {
    expect(linkedInSlug(input)).toBe(want)
  })

  it.each([
    ['https://www.linkedin.com/company/acme/'],
    ['https://www.linkedin.com/feed/'],
    ['https://www.linkedin.com/jobs/view/123456/'],
    ['https://www.linkedin.com/pub/jane-doe/12/345/678'],
    ['https://www.linkedin.com/school/mit/'],
    ['https://www.linkedin.com/sales/lead/ACwAAA,NAME_SEARCH'],
    ['https://www.linkedin.com/posts/jane-doe_activity-7000000000000000000-abcd'],
    ['https://www.linkedin.com/in/'],
    ['https://www.linkedin.com/'],
    ['https://linkedin.com.evil.example/in/jane-doe'],
    ['https://evil-linkedin.com/in/jane-doe'],
    ['https://evillinkedin.com/in/jane-doe'],
    ['https://www.linkedin.co/in/jane-doe'],
    ['https://a.b.linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com:8443/in/jane-doe'],
    ['https://jane@www.linkedin.com/in/jane-doe'],
    ['javascript:alert(1)//linkedin.com/in/jane-doe'],
    ['ftp://www.linkedin.com/in/jane-doe'],
    ['https://lnkd.in/abc123'],
    ['https://www.linkedin.com/in/jane%2Fdoe'],
    ['https://www.linkedin.com/in/%E0%A4%A'],
    ['https://www.linkedin.com/in/jane%20doe'],
    ['https://www.linkedin.com/in/<script>'],
    ['ab'],
    ['jane doe'],
    [''],
    ['   '],
    ['x'.repeat(101)],
  ])('%s → null', (input) => {
    expect(linkedInSlug(input)).toBeNull()
  })
})

describe('linkedInProfileUrl', () => {
  it('builds the canonical, encoded URL that parses back to the same slug', () => {
    expect(linkedInProfileUrl('jane-doe')).toBe('https://www.linkedin.com/in/jane-doe/')
    const url = linkedInProfileUrl('jürgen-müller-12ab34')
    expect(url).toBe('https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-12ab34/')
    expect(linkedInSlug(url)).toBe('jürgen-müller-12ab34')
    expect(linkedInProfileUrl('https://de.linkedin.com/in/Jane-Doe/details/')).toBe(
      'https://www.linkedin.com/in/jane-doe/',
    )
  })

  it('refuses to build a link from something that is not a profile', () => {
    expect(() => linkedInProfileUrl('https://evil.example/in/jane-doe')).toThrow(TypeError)
    expect(() => linkedInProfileUrl('"><img src=x>')).toThrow(TypeError)
  })
})
