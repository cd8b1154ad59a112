/**
 * List pages polled again and again (HttpRequest.reuse): a 2xx answer byte-identical to the same
 * request's previous good answer gives back the previous parsed value itself instead of parsing
 * again. Bytes are compared by SHA-256, computed only when the size matches the previous answer's:
 * a body that changed size cannot be identical, so a fleet whose answers change every poll pays for
 * no hashing (an answer is then reused from its third identical poll on, not its second).
 *
 * The parsed value is kept only when it may be reused: for the request's first answer and for one
 * the size of the previous (the ones whose digest is taken). An answer that changed size cannot be
 * the next one's twin, and keeping its parsed records until the next poll (~2 s, several young
 * collections) would move them all to V8's old generation, to be collected there by full
 * collections (docs/performance.md "Session 5: changed records").
 */
import { createHash } from 'node:crypto';

/** A body read within the size limit. */
export interface ReadBody {
  chunks: Buffer[];
  size: number;
}

/** What compare() found: the kept value when the answer is identical, and what to remember otherwise. */
export interface Compared {
  kept: boolean;
  value?: unknown;
  size: number;
  digest: string | undefined;
}

/** The previous good answers of one client's `reuse` requests. */
export interface ReusedAnswers {
  /** Compares an answer with the request's previous good one; a non-identical answer forgets it. */
  compare(key: string, status: number, contentType: string, body: ReadBody): Compared;
  /** Keeps a good answer's parsed value for the request's next poll. */
  remember(key: string, compared: Compared, contentType: string, value: unknown): void;
}

interface Kept {
  /** The compare() count when this request last came (see MAX_IDLE). */
  seen: number;
  size: number;
  digest: string | undefined;
  contentType: string;
  value: unknown;
}

/** Most answers one client keeps (one per list page request of a poll). */
const MAX_KEPT = 64;

/**
 * An answer whose request did not come again within this many `reuse` requests of the client is
 * dropped (a page the list no longer reaches would otherwise hold its parsed body for good).
 */
const MAX_IDLE = 256;

/** The kept answers of one HTTP client. */
export function createReusedAnswers(): ReusedAnswers {
  const answers = new Map<string, Kept>();
  let requests = 0;
  return {
    compare(key, status, contentType, body) {
      requests += 1;
      if (requests % MAX_IDLE === 0)
        for (const [other, entry] of answers) if (requests - entry.seen > MAX_IDLE) answers.delete(other);
      const kept = answers.get(key);
      const digest = kept === undefined || kept.size === body.size ? digestOf(body.chunks) : undefined;
      // why: JSON.parse of the same bytes gives an equal value, and json()'s checks (status, content
      // type, empty, HTML, parse) gave the same verdict on them; only good answers are ever kept.
      const same =
        kept !== undefined &&
        status >= 200 &&
        status <= 299 &&
        kept.digest !== undefined &&
        kept.digest === digest &&
        kept.contentType === contentType;
      if (same) {
        kept.seen = requests;
        return { kept: true, value: kept.value, size: body.size, digest };
      }
      answers.delete(key);
      return { kept: false, size: body.size, digest };
    },
    remember(key, compared, contentType, value) {
      // why: without a digest this answer cannot be found identical next time: keep only its size.
      const kept = compared.digest === undefined ? undefined : value;
      answers.set(key, { seen: requests, size: compared.size, digest: compared.digest, contentType, value: kept });
      // why: bounded; the oldest request's answer goes first.
      if (answers.size > MAX_KEPT) answers.delete(answers.keys().next().value as string);
    },
  };
}

function digestOf(chunks: readonly Buffer[]): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('base64');
}
