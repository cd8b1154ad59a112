/**
 * List pages polled again and again (HttpRequest.reuse): a 2xx answer byte-identical to the same
 * request's previous good answer gives back the previous parsed value itself instead of parsing
 * again. Bytes are compared by SHA-256, computed only when the size matches the previous answer's:
 * a body that changed size cannot be identical, so a fleet whose answers change every poll pays for
 * no hashing (an answer is then reused from its third identical poll on, not its second).
 *
 * The parsed value is kept only where the next answer may well be the same: for the request's
 * first answer, for one identical to the answer before it, and for one the size of an answer that
 * was not hashed (its size had changed). An answer known to differ from the one before it keeps
 * only its size and digest, so after such a change an answer is reused from its third identical
 * poll on, as after a change of size. Why: the
 * parsed records of an answer kept until the next poll (~2 s, two or more young collections) are
 * moved to V8's old generation and become garbage there with the next change, for full collections
 * to find (docs/performance.md "Session 5: changed records"); a ticking list changes every poll.
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
  /** The request's first answer, or one not known to differ from the previous: its parsed value is worth keeping. */
  repeat: boolean;
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
  /** Whether `value` holds the parsed answer (only kept for a repeat: see above). */
  hasValue: boolean;
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
      const identical =
        kept !== undefined &&
        status >= 200 &&
        status <= 299 &&
        kept.digest !== undefined &&
        kept.digest === digest &&
        kept.contentType === contentType;
      if (identical && kept.hasValue) {
        kept.seen = requests;
        return { kept: true, value: kept.value, size: body.size, digest, repeat: true };
      }
      answers.delete(key);
      const unhashed = kept === undefined || (kept.digest === undefined && digest !== undefined);
      return { kept: false, size: body.size, digest, repeat: identical || unhashed };
    },
    remember(key, compared, contentType, value) {
      const { size, digest, repeat } = compared;
      answers.set(key, {
        seen: requests,
        size,
        digest,
        contentType,
        hasValue: repeat,
        value: repeat ? value : undefined,
      });
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
