/**
 * Reads a v1 ListJobsRequest (`jobId`, `corpusId`, `epochSecs`, `state`, `numResults` ≤ 100,
 * `pageKey`; snake_case accepted). A non-empty `pageKey` replaces every other field (Vectara's v1 ListJobs reference):
 * it carries the first page's filters frozen in base64 JSON.
 */
import type { DemoResponse } from '../kit.js';
import { DEFAULT_V1_NUM_RESULTS, MAX_PAGE_SIZE, V1_WINDOW_SECONDS } from './constants.js';
import type { VectaraSimulatedState } from './types.js';
import { rpcError, statusFailure } from './v1-replies.js';
import { V1_STATE, V1_STATE_NUMBER, decodeCursor, toSeconds } from './wire-format.js';

/** A v1 query after decoding: explicit on the first page, frozen in the page key after. */
export interface V1Query {
  offset: number;
  numResults: number;
  states: number[];
  corpusIds: number[];
  jobId: string | null;
  sinceSeconds: number;
}

/** Reads a ListJobsRequest body (`now` is the clock); a refusal comes back as the reply to send. */
export function parseV1Query(body: Record<string, unknown>, now: () => number): V1Query | DemoResponse {
  const field = (camel: string, snake: string) => (body[camel] !== undefined ? body[camel] : body[snake]);
  const pageKey = field('pageKey', 'page_key');
  if (pageKey !== undefined && pageKey !== '') return decodeV1PageKey(pageKey);
  const states = body.state ?? [];
  if (!Array.isArray(states)) return rpcError(400, 3, 'proto: invalid value for repeated enum field "state"');
  const stateNumbers: number[] = [];
  for (const state of states) {
    const number = v1StateNumber(state);
    if (number === null) return rpcError(400, 3, `proto: invalid value for enum type: ${JSON.stringify(state)}`);
    stateNumbers.push(number);
  }
  const numResults = integerField(field('numResults', 'num_results'));
  if (numResults === null || numResults < 0)
    return rpcError(400, 3, 'proto: invalid value for uint32 field numResults');
  if (numResults > MAX_PAGE_SIZE) return statusFailure('INVALID_ARGUMENT', 'numResults must be at most 100.');
  const corpusIds = field('corpusId', 'corpus_id') ?? [];
  if (!Array.isArray(corpusIds) || corpusIds.some((id) => typeof id !== 'number'))
    return rpcError(400, 3, 'proto: invalid value for repeated uint32 field corpusId');
  const jobId = field('jobId', 'job_id') ?? '';
  if (typeof jobId !== 'string') return rpcError(400, 3, 'proto: invalid value for string field jobId');
  const since = integerField(field('epochSecs', 'epoch_secs'));
  if (since === null) return rpcError(400, 3, 'proto: invalid value for int64 field epochSecs');
  // why: no window reaches back more than 180 days, and 180 days is the default.
  const oldest = toSeconds(now()) - V1_WINDOW_SECONDS;
  return {
    offset: 0,
    numResults: numResults === 0 ? DEFAULT_V1_NUM_RESULTS : numResults,
    // our choice: the "QUEUED and STARTED" side of the contradiction in the vendor's docs.
    states: stateNumbers.length > 0 ? stateNumbers : [V1_STATE_NUMBER.queued, V1_STATE_NUMBER.started],
    corpusIds: corpusIds as number[],
    jobId: jobId === '' ? null : jobId,
    sinceSeconds: Math.max(oldest, since),
  };
}

function decodeV1PageKey(pageKey: unknown): V1Query | DemoResponse {
  if (typeof pageKey !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(pageKey)) {
    return rpcError(400, 3, `proto: invalid value for bytes field pageKey: ${JSON.stringify(pageKey)}`);
  }
  try {
    const cursor = decodeCursor(pageKey);
    if (isV1Cursor(cursor)) return cursor;
  } catch {
    // falls through to the refusal below
  }
  return statusFailure('INVALID_ARGUMENT', 'The page key is invalid or has expired.');
}

const V1_NUMBER_BY_NAME: Record<string, number> = Object.fromEntries(
  (Object.keys(V1_STATE) as VectaraSimulatedState[]).map((state) => [V1_STATE[state], V1_STATE_NUMBER[state]]),
);
const V1_NUMBERS: ReadonlySet<number> = new Set(Object.values(V1_STATE_NUMBER));

/** A v1 state given as its name or its proto number (protojson accepts both), or null. */
function v1StateNumber(value: unknown): number | null {
  if (typeof value === 'number') return V1_NUMBERS.has(value) ? value : null;
  return typeof value === 'string' && Object.hasOwn(V1_NUMBER_BY_NAME, value) ? V1_NUMBER_BY_NAME[value] : null;
}

/** A protojson integer (a number or a decimal string); absent is 0, anything else null. */
function integerField(value: unknown): number | null {
  if (value === undefined) return 0;
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : null;
}

function isV1Cursor(value: unknown): value is V1Query {
  const cursor = (value ?? {}) as Partial<V1Query>;
  return (
    Number.isInteger(cursor.offset) &&
    (cursor.offset ?? -1) >= 0 &&
    Number.isInteger(cursor.numResults) &&
    Array.isArray(cursor.states) &&
    Array.isArray(cursor.corpusIds) &&
    (cursor.jobId === null || typeof cursor.jobId === 'string') &&
    Number.isInteger(cursor.sinceSeconds)
  );
}
