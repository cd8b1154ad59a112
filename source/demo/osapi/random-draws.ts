/** Seeded draws the job generator shares (the seeded source itself is kit.ts's createRandom). */

/** A seeded source of numbers in [0, 1). */
export type Random = () => number;

/** A uniform number in [low, high). */
export const between = (random: Random, low: number, high: number) => low + random() * (high - low);

/** A uniform integer in [low, high]. */
export const integer = (random: Random, low: number, high: number) => Math.floor(between(random, low, high + 1));

/** The sub-millisecond part of a KV write stamp, in nanoseconds. */
export const randomNanos = (random: Random) => Math.floor(random() * 1e6);
