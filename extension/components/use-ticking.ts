import { useEffect, useState } from 'preact/hooks'

/**
 * The current time, re-read every second, so countdowns tick without a server round trip.
 * @example const t = useTicking(Date.now) // re-renders each second with the new time
 */
export const useTicking = (now: () => number) => {
  const [t, setT] = useState(now)
  useEffect(() => {
    setT(now())
    const id = setInterval(() => setT(now()), 1000)
    return () => clearInterval(id)
  }, [now])
  return t
}
