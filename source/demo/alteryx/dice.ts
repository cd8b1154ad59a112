/** The seeded random helpers the Alteryx simulator draws its jobs with. */
import { createRandom, randomHex } from '../kit.js';

/** Seeded random draws; each helper consumes the same random numbers the original inline code did. */
export interface Dice {
  /** A whole number from `low` to `high`, rounded. */
  between(low: number, high: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** One element of `list`, uniformly. */
  pick<T>(list: readonly T[]): T;
  /** A lowercase hex string of `length` digits (ObjectId-like ids are 24). */
  hex(length: number): string;
  /** The raw draw in [0, 1). */
  random(): number;
}

/** Creates the dice for `seed`. */
export function createDice(seed: number): Dice {
  const random = createRandom(seed);
  return {
    between: (low, high) => Math.round(low + random() * (high - low)),
    chance: (probability) => random() < probability,
    pick: (list) => list[Math.floor(random() * list.length)],
    hex: (length) => randomHex(random, length),
    random,
  };
}
