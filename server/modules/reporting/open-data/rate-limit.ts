import { TooManyRequests } from '../../../platform/errors.ts'

/**
 * A fixed window per client (the pseudonym of its address): the public endpoint is cached, so this
 * only keeps a scraper from making the server recompute or hold a connection for nothing.
 */
export function fixedWindowLimiter(limit: number, windowMillis: number) {
  const windows = new Map<string, { start: number; count: number }>()
  return (client: string, now: number): void => {
    if (windows.size > 10_000) {
      for (const [key, window] of windows) if (now - window.start >= windowMillis) windows.delete(key)
    }
    const window = windows.get(client)
    if (!window || now - window.start >= windowMillis) {
      windows.set(client, { start: now, count: 1 })
      return
    }
    window.count += 1
    if (window.count > limit) throw new TooManyRequests(Math.ceil((window.start + windowMillis - now) / 1000))
  }
}
