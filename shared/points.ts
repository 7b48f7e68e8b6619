/**
 * Scores as people read them.
 * @module
 */

/**
 * A score as people read it: whole points, with a sign for a breakdown line when asked. Decay makes raw
 * scores fractional (76.65); nobody acts on the decimals.
 * @example points(76.65) // '77'
 * @example points(12.4, { signed: true }) // '+12'
 */
export const points = (n: number, opts: { signed?: boolean } = {}): string => {
  const whole = Math.round(n) || 0
  return opts.signed && whole > 0 ? `+${whole}` : String(whole)
}
