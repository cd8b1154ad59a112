/**
 * Results of finished MCRIT jobs, shaped like MCRIT's real results (mcritweb fixtures) and derived
 * from the result id, so one job's result is the same on every request.
 */
import { createRandom, pick, randomHex } from '../kit.js';
import { FAMILIES } from './constants.js';
import { extendedJsonDateMs, type McritJobDocument } from './job-document.js';
import { parametersText, parseParams } from './job-parameters.js';

/** Seeds a random source from a hex id, so a job's result is the same on every request. */
function randomFor(hexId: string): () => number {
  return createRandom(Number.parseInt(hexId.slice(-8), 16) ^ Number.parseInt(hexId.slice(0, 8), 16));
}

/** A sample's `sample_info` entry as MCRIT's storage returns it. */
function sampleEntry(random: () => number, sampleId: number): Record<string, unknown> {
  const functions = 200 + Math.floor(random() * 2000);
  const dump = random() < 0.6;
  const sha256 = randomHex(random, 64);
  return {
    architecture: 'intel',
    base_addr: dump ? 0x400000 : 0,
    binary_size: 40_000 + Math.floor(random() * 900_000),
    binweight: Math.round(random() * 400_000),
    bitness: random() < 0.7 ? 32 : 64,
    component: '',
    family_id: 1 + Math.floor(random() * FAMILIES.length),
    family: pick(random, FAMILIES),
    filename: `${sha256}_${dump ? 'dump7_0x00400000' : 'unpacked'}`,
    is_library: false,
    sample_id: sampleId,
    sha256,
    smda_version: '1.13.19',
    statistics: {
      num_functions: functions,
      num_recursive_functions: Math.floor(functions * 0.01),
      num_leaf_functions: Math.floor(functions * 0.13),
      num_basic_blocks: functions * 12,
      num_instructions: functions * 61,
      num_api_calls: Math.floor(functions * 1.5),
      num_function_calls: functions * 4,
      num_failed_functions: Math.floor(random() * 80),
      num_failed_instructions: 0,
    },
    timestamp: '2026-08-06T10-35-13',
    version: '',
  };
}

/** A `matcher_sample` result of the getMatchesForSample* methods (`compact` drops function matches). */
function matchingResult(random: () => number, document: McritJobDocument, compact: boolean): Record<string, unknown> {
  const finished = extendedJsonDateMs(document.finished_at) ?? 0;
  const started = extendedJsonDateMs(document.started_at) ?? finished;
  const functions = Array.from({ length: 40 + Math.floor(random() * 60) }, (_, fid) => ({
    num_bytes: 8 + Math.floor(random() * 1400),
    num_instructions: 3 + Math.floor(random() * 390),
    offset: 4_201_768 + fid * 613,
    matches: Array.from({ length: Math.floor(random() * 4) }, () => [
      1 + Math.floor(random() * 9),
      1 + Math.floor(random() * 30),
      Math.floor(random() * 4000),
      Math.round(random() * 1000) / 10,
      random() < 0.5 ? 1 : 3,
    ]),
    fid,
  }));
  const matches: Record<string, unknown> = {
    aggregation: {
      minhash: {
        num_own_functions_matched: functions.length - 7,
        num_foreign_functions_matched: 1741,
        num_own_functions_matched_as_library: 25,
        num_self_matches: 183,
        bytes_matched: 151654,
      },
      pichash: {
        num_own_functions_matched: functions.length - 19,
        num_foreign_functions_matched: 1212,
        num_own_functions_matched_as_library: 0,
        num_self_matches: 50,
        bytes_matched: 87582,
      },
    },
    functions,
    samples: Array.from({ length: 3 }, (_, index) => ({
      family_id: 1 + index,
      sample_id: 10 + index,
      matched: {
        functions: { minhash: Math.floor(random() * 500), pichash: Math.floor(random() * 300) },
        percent: { unweighted: Math.round(random() * 1000) / 10 },
      },
    })),
    families: FAMILIES.slice(0, 3).map((family, index) => ({
      family,
      family_id: 1 + index,
      num_samples: 1 + Math.floor(random() * 20),
    })),
  };
  if (compact) delete matches.functions;
  return {
    info: {
      job: {
        duration: (finished - started) / 1000,
        timestamp: new Date(finished).toISOString().slice(0, -1),
        parameters: parametersText(document),
      },
      sample: sampleEntry(random, Math.floor(random() * 400)),
      type: 'matcher_sample',
    },
    matches,
  };
}

/** A plausible result object for a finished job, shaped like MCRIT's real results (mcritweb fixtures). */
export function buildResult(document: McritJobDocument, compact: boolean): unknown {
  const random = randomFor(document.result ?? document._id.$oid);
  switch (document.payload.method) {
    case 'addBinarySample':
      return {
        sample_info: sampleEntry(random, Math.floor(random() * 400)),
        num_functions_added: 200 + Math.floor(random() * 2000),
      };
    case 'getMatchesForSample':
    case 'getMatchesForSampleVs':
    case 'getMatchesForSampleVsGroup':
      return matchingResult(random, document, compact);
    case 'getUniqueBlocks':
      return {
        statistics: { unique_blocks_overall: 6124, num_samples: 3, has_yara_rule: true, yara_covers: 0 },
        unique_blocks: Object.fromEntries(
          Array.from({ length: 12 }, () => [
            `0x${randomHex(random, 16)}`,
            {
              samples: [0],
              length: 4 + Math.floor(random() * 40),
              sample_id: 0,
              offset: 4_201_768 + Math.floor(random() * 90_000),
              escaped_sequence: '55 8bec 83ec50 a1???????? 33c5',
              score: Math.round(random() * 1000) / 10,
            },
          ]),
        ),
      };
    case 'combineMatchesToCross':
      return {
        clustered_sequence: [0, 2, 1],
        sample_infos: { '0': sampleEntry(random, 0), '1': sampleEntry(random, 1) },
        matches: { '0': { '1': 61.2, '2': 12.5 }, '1': { '0': 58.9, '2': 9.1 } },
      };
    case 'updateMinHashes':
      return { sample_ids: parseParams(document)['0'] ?? [], num_functions_updated: Math.floor(random() * 20_000) };
    case 'deleteSample':
      return true;
    default:
      return { num_samples: 380, num_functions: 412_000, duration: Math.round(random() * 6000) / 10 };
  }
}
