/** The jobs the demo submits: realistic params per method, and single jobs or cross-compare groups. */
import { pick, randomHex } from '../kit.js';
import { FAMILIES } from './constants.js';
import type { JobStore } from './job-store.js';
import { randomMethod } from './method-profiles.js';

/** A job's params and its `file_params` (GridFS ids of uploaded files). */
export interface GeneratedParams {
  params: Record<string, unknown>;
  files: Record<string, string>;
}

/** Makes up params and submits jobs into the store. */
export interface JobGenerator {
  /** Params for `method`; an uploaded sample's GridFS id is stamped with `now` (the simulator clock). */
  paramsFor(method: string, now: number): GeneratedParams;
  /** Submits at `at` one job (size below 4) or a cross-compare group: size - 1 matching jobs plus the combine job awaiting them. */
  spawnGroup(at: number, size: number, now: number): void;
  /** How many jobs the next arrival brings: usually one, sometimes a cross-compare group (4–6). */
  groupSize(remaining: number): number;
}

/** Creates the generator over a store, drawing from `random`. */
export function createJobGenerator(random: () => number, store: JobStore): JobGenerator {
  function sampleId(): number {
    return Math.floor(random() * 400);
  }

  function paramsFor(method: string, now: number): GeneratedParams {
    const band = { band_matches_required: 2 };
    switch (method) {
      case 'addBinarySample': {
        const dump = random() < 0.6;
        const base = dump ? pick(random, [0x400000, 0x10000000, 0x2f0000, 0x100000]) : 0;
        const name = `${randomHex(random, 64)}_${dump ? `dump7_0x${base.toString(16).padStart(8, '0')}` : 'unpacked'}`;
        const params = {
          '0': null,
          '1': name,
          '2': pick(random, FAMILIES),
          '3': pick(random, ['', '1.3.4.0', '2.x', '3.x', '4.0']),
          '4': dump,
          '5': base,
          '6': pick(random, [32, 64]),
        };
        return { params, files: { '0': store.newGridId(now) } };
      }
      case 'getMatchesForSample':
        return { params: { ...band, '0': sampleId() }, files: {} };
      case 'getMatchesForSampleVs':
        return { params: { ...band, '0': sampleId(), '1': sampleId() }, files: {} };
      case 'getUniqueBlocks':
        return {
          params: { family_id: 1 + Math.floor(random() * FAMILIES.length), '0': [sampleId(), sampleId(), sampleId()] },
          files: {},
        };
      case 'updateMinHashes':
        return { params: { '0': Array.from({ length: 2 + Math.floor(random() * 4) }, sampleId) }, files: {} };
      case 'deleteSample':
        return { params: { '0': sampleId() }, files: {} };
      default:
        return { params: {}, files: {} };
    }
  }

  function spawnGroup(at: number, size: number, now: number): void {
    if (size < 4) {
      const method = randomMethod(random);
      const { params, files } = paramsFor(method, now);
      store.put({ method, params, priority: random() < 0.1 ? 1 : 0 }, files, at);
      return;
    }
    const samples = Array.from({ length: size - 1 }, sampleId);
    const children = samples.map((sample, index) => {
      const params = { band_matches_required: 2, '0': sample, '1': samples.filter((_, other) => other !== index) };
      return store.put({ method: 'getMatchesForSampleVsGroup', params }, {}, at)._id.$oid;
    });
    const combine = Object.fromEntries(samples.map((sample, index) => [String(sample), children[index]]));
    store.put({ method: 'combineMatchesToCross', params: { '0': combine }, awaitJobs: children }, {}, at);
  }

  return {
    paramsFor,
    spawnGroup,
    groupSize: (remaining) =>
      remaining >= 4 && random() < 0.1 ? Math.min(remaining, 4 + Math.floor(random() * 3)) : 1,
  };
}
