/**
 * Removes what a name or title never legitimately contains and what can fake text where it is shown: C0 and
 * C1 control characters (NUL included; tab and newline become spaces) and the bidi embedding, override
 * and isolate controls (U+202A–U+202E, U+2066–U+2069), which can reverse how an alert or a page reads.
 * @example cleanText('Ana\u202EziuR') // 'AnaziuR'
 */
export const cleanText = (s: string): string =>
  s
    .replace(/[\t\n\r]+/g, ' ')
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
