/**
 * The demo's one oversized MCRIT result: a getUniqueBlocks job over a whole family, finished long
 * ago, whose result (every unique block of 31 samples) is about 6 MB — more than a client's
 * default body limit, as such results are on real servers (getUniqueBlocks has no compact form).
 * The job has a fixed id, so `jobtop --demo get demo-mcrit/<id> --result FILE` works in any run;
 * its result is generated while it is sent, never held in memory.
 */
import { createRandom, randomHex } from '../kit.js';
import { streamedBody, type StreamedBody } from '../streamed-body.js';
import { extendedJsonDate, type McritJobDocument } from './job-document.js';
import { pythonJson, sortedKeys } from './python-format.js';

/** The oversized job's id (an ObjectId stamped 2026-05-18T03:41:09Z). */
export const MCRIT_OVERSIZED_JOB_ID = '6a0a8a55c3e81f0b4d00002a';
/** Its result's GridFS id. */
const RESULT_ID = '6a0a8e779b17d2e4a6000003';
const CREATED = Date.UTC(2026, 4, 18, 3, 41, 9);
const STARTED = CREATED + 2_000;
const FINISHED = Date.UTC(2026, 4, 18, 3, 58, 47);
/** The family whose samples were compared, and how many. */
const FAMILY_ID = 6;
const SAMPLE_COUNT = 31;
/** Unique blocks in the result: enough for about 6 MB. */
const BLOCK_COUNT = 26_500;
/** Blocks per generated chunk (about 120 kB). */
const BLOCKS_PER_CHUNK = 500;

/** The oversized job as the simulator stores it, and its result answer. */
export interface OversizedJob {
  /** The finished job document (a fresh copy per simulator). */
  document: McritJobDocument;
  /** The whole `{"status": "successful", "data": result}` answer, generated as it is sent. */
  answer: StreamedBody;
}

/** Creates the oversized job's document and its streamed result answer. */
export function createOversizedJob(): OversizedJob {
  const samples = Array.from({ length: SAMPLE_COUNT }, (_, index) => 212 + index * 3);
  const params = { family_id: FAMILY_ID, '0': samples };
  const document: McritJobDocument = {
    _id: { $oid: MCRIT_OVERSIZED_JOB_ID },
    locked_by: 'Worker-3f6c2a8e-1d4b-4c7a-9e52-7b0d8f1a6c39',
    locked_at: extendedJsonDate(FINISHED),
    last_error: null,
    finished_at: extendedJsonDate(FINISHED),
    created_at: extendedJsonDate(CREATED),
    started_at: extendedJsonDate(STARTED),
    terminated: false,
    required_by: [],
    number: 42,
    result: RESULT_ID,
    notify_done: true,
    attempts_left: 3,
    priority: 0,
    payload: {
      method: 'getUniqueBlocks',
      params: pythonJson(params),
      file_params: '{}',
      descriptor: pythonJson(['getUniqueBlocks', sortedKeys(params), {}]),
    },
    unfinished_dependencies: [],
    all_dependencies: [],
    progress: 1,
  };
  return { document, answer: streamedBody(() => answerChunks(samples)) };
}

/** Whether a document is the oversized job (by its result id). */
export function isOversizedJob(document: McritJobDocument): boolean {
  return document.result === RESULT_ID;
}

/** The answer's JSON text in chunks, the same on every call (seeded from the result id). */
function* answerChunks(samples: readonly number[]): Generator<string> {
  const random = createRandom(Number.parseInt(RESULT_ID.slice(-8), 16));
  const statistics = {
    unique_blocks_overall: BLOCK_COUNT,
    num_samples: samples.length,
    has_yara_rule: true,
    yara_covers: samples.length,
  };
  yield `{"status":"successful","data":{"statistics":${JSON.stringify(statistics)},"unique_blocks":{`;
  for (let first = 0; first < BLOCK_COUNT; first += BLOCKS_PER_CHUNK) {
    const entries: string[] = [];
    for (let index = first; index < Math.min(BLOCK_COUNT, first + BLOCKS_PER_CHUNK); index++)
      entries.push(`${JSON.stringify(`0x${randomHex(random, 16)}`)}:${JSON.stringify(block(random, samples))}`);
    yield `${first === 0 ? '' : ','}${entries.join(',')}`;
  }
  yield '}}}';
}

/** One unique block: the samples that contain it, where, and its escaped byte sequence. */
function block(random: () => number, samples: readonly number[]): Record<string, unknown> {
  const containing = samples.filter(() => random() < 0.25);
  const sampleId = containing[0] ?? samples[Math.floor(random() * samples.length)];
  return {
    samples: containing.length > 0 ? containing : [sampleId],
    length: 4 + Math.floor(random() * 40),
    sample_id: sampleId,
    offset: 4_201_768 + Math.floor(random() * 900_000),
    escaped_sequence: escapedSequence(random),
    score: Math.round(random() * 1000) / 10,
  };
}

/** Instruction bytes as MCRIT escapes them: hex per instruction, `?` for wildcarded operands. */
function escapedSequence(random: () => number): string {
  const count = 5 + Math.floor(random() * 10);
  return Array.from({ length: count }, () => {
    const opcode = randomHex(random, 2 + 2 * Math.floor(random() * 2));
    const operand = random() < 0.3 ? '?'.repeat(8) : randomHex(random, 2 * Math.floor(random() * 3));
    return opcode + operand;
  }).join(' ');
}
