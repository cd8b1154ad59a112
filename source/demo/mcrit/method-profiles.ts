/** How each MCRIT job method behaves in the demo: how often it is submitted, how long it runs, how it reports progress. */

/** How a method reports progress: a fraction, a bare count that exceeds 1, or not at all. */
export type ProgressMode = 'fraction' | 'count' | 'none';

/** One method's arrival weight, run-time range and progress mode. */
export interface MethodProfile {
  method: string;
  weight: number;
  minMs: number;
  maxMs: number;
  progress: ProgressMode;
}

const METHODS: readonly MethodProfile[] = [
  { method: 'addBinarySample', weight: 34, minMs: 4_000, maxMs: 40_000, progress: 'fraction' },
  { method: 'getMatchesForSample', weight: 20, minMs: 3_000, maxMs: 25_000, progress: 'fraction' },
  { method: 'getMatchesForSampleVs', weight: 10, minMs: 1_000, maxMs: 6_000, progress: 'fraction' },
  { method: 'getUniqueBlocks', weight: 9, minMs: 2_000, maxMs: 30_000, progress: 'fraction' },
  { method: 'updateMinHashes', weight: 8, minMs: 20_000, maxMs: 180_000, progress: 'count' },
  { method: 'deleteSample', weight: 6, minMs: 1_000, maxMs: 5_000, progress: 'none' },
  { method: 'rebuildIndex', weight: 2, minMs: 120_000, maxMs: 600_000, progress: 'fraction' },
  { method: 'getMatchesForSampleVsGroup', weight: 0, minMs: 1_000, maxMs: 10_000, progress: 'fraction' },
  { method: 'combineMatchesToCross', weight: 0, minMs: 200, maxMs: 1_000, progress: 'none' },
];

/** The profile of a method; an unknown method (submitted by a test) gets a generic one. */
export function profileOf(method: string): MethodProfile {
  return (
    METHODS.find((profile) => profile.method === method) ?? {
      method,
      weight: 0,
      minMs: 1_000,
      maxMs: 20_000,
      progress: 'fraction',
    }
  );
}

/** A weighted pick of a stand-alone method. */
export function randomMethod(random: () => number): string {
  const total = METHODS.reduce((sum, profile) => sum + profile.weight, 0);
  let roll = random() * total;
  for (const profile of METHODS) {
    roll -= profile.weight;
    if (roll < 0) return profile.method;
  }
  return METHODS[0].method;
}
