/**
 * A small seeded pseudo-random generator (sfc32, Chris Doty-Humphrey's Small Fast Counter), so the
 * labelled set and the synthetic persons are the same on every run and machine.
 */
export type Random = {
  /** Uniform in [0, 1). */
  next: () => number
  /** Uniform integer in [0, n). */
  below: (n: number) => number
  pick: <T>(items: readonly T[]) => T
  chance: (probability: number) => boolean
}

export function seededRandom(seed: number): Random {
  let a = 0x9e3779b9
  let b = 0x243f6a88
  let c = 0xb7e15162
  let d = seed >>> 0
  const next = () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    const t = (a + b + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
  // Discard the first outputs: with the fixed constants above they depend little on the seed.
  for (let index = 0; index < 12; index++) next()
  const below = (n: number) => Math.floor(next() * n)
  return {
    next,
    below,
    pick: <T>(items: readonly T[]) => {
      if (items.length === 0) throw new RangeError('pick from an empty list')
      return items[below(items.length)] as T
    },
    chance: (probability) => next() < probability,
  }
}
