/** A seeded PRNG and the few draws the large seed needs, so the same seed gives the same rows. */
export type Random = () => number

/** mulberry32: small, fast and good enough for test data. */
export function createRandom(seed: number): Random {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const chance = (random: Random, p: number) => random() < p
/** An integer in [min, max]. */
export const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1))
export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]

export function weighted<T>(random: Random, values: readonly T[], weights: readonly number[]): T {
  let roll = random() * weights.reduce((a, b) => a + b, 0)
  for (let i = 0; i < values.length; i++) {
    roll -= weights[i]
    if (roll < 0) return values[i]
  }
  return values[values.length - 1]
}

/** Each element with probability p, in list order; at least `min` of them. */
export function subset<T>(random: Random, list: readonly T[], p: number, min = 0): T[] {
  const chosen = list.filter(() => random() < p)
  while (chosen.length < min) {
    const extra = pick(random, list)
    if (!chosen.includes(extra)) chosen.push(extra)
  }
  return list.filter((x) => chosen.includes(x))
}
