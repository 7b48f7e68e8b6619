import type { PlotOptions } from '@observablehq/plot'
import * as Plot from '@observablehq/plot'
import { useEffect, useRef } from 'preact/hooks'

/**
 * One Observable Plot chart, mounted as a DOM node (Plot builds SVG with text nodes, never HTML strings, so
 * lead-derived labels stay text). Replaced whenever `options` change.
 * @example <PlotChart label="Speed to lead" options={{ marks: [Plot.barY(bins, { x: 'label', y: 'count' })] }} />
 */
export const PlotChart = ({ label, options }: { label: string; options: PlotOptions }) => {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const host = ref.current
    if (!host) return
    const chart = Plot.plot({ width: 560, height: 220, style: { fontSize: '12px' }, ...options })
    chart.setAttribute('aria-label', label)
    host.replaceChildren(chart)
    return () => chart.remove()
  }, [label, options])
  return <div class="chart" ref={ref} data-testid="chart" />
}
