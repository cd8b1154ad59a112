/**
 * List pages polled again and again (HttpRequest.reuse): a 2xx answer byte-identical to the same
 * request's previous good answer gives back the previous parsed value itself instead of parsing
 * again. The answer's chunks are compared with a copy of the previous answer's bytes, chunk by chunk
 * at their offsets (a memory compare, stopping at the first difference; a body that changed size
 * is not compared at all), so an identical answer costs no hash and no joined copy.
 *
 * The kept bytes are one buffer per request, written over when the answer changes and grown only
 * when it grows (kept-bytes.ts): they cost the size of one answer per list page request, allocated
 * once, instead of holding on to the socket's read buffers, which would survive to V8's old
 * generation with every changed answer and be freed only by full collections.
 *
 * The parsed value is kept only where the next answer may well be the same: for the request's
 * first answer, and for one identical to the answer before it. An answer known to differ from the
 * one before it keeps only its bytes, so after a change an answer is reused from its third
 * identical poll on, not its second. Why: the parsed records of an answer kept until the next poll
 * (~2 s, two or more young collections) are moved to V8's old generation and become garbage there
 * with the next change, for full collections to find (docs/performance.md "Session 5: changed
 * records"); a ticking list changes every poll.
 */
import { KeptBytes } from './kept-bytes.js';

/** A body read within the size limit. */
export interface ReadBody {
  chunks: Buffer[];
  size: number;
}

/** What compare() found: the kept value when the answer is identical, and what to remember otherwise. */
export interface Compared {
  kept: boolean;
  value?: unknown;
  /** The answer's bytes, to keep for the next poll's comparison. */
  body: ReadBody;
  /** The request's first answer, or one identical to the previous: its parsed value is worth keeping. */
  repeat: boolean;
  /** Whether write() already put the answer's bytes in the request's buffer. */
  written?: boolean;
}

/** The previous good answers of one client's `reuse` requests. */
export interface ReusedAnswers {
  /** Compares an answer with the request's previous good one; a non-identical answer forgets it. */
  compare(key: string, status: number, contentType: string, body: ReadBody): Compared;
  /**
   * Writes a not-kept answer's bytes into the request's buffer now and returns them, to parse from
   * instead of a joined copy (valid until the request's next answer is compared). The request
   * keeps nothing good until remember().
   */
  write(key: string, compared: Compared): Buffer;
  /** Keeps a good answer's bytes, and its parsed value when worth it, for the request's next poll. */
  remember(key: string, compared: Compared, contentType: string, value: unknown): void;
}

interface Kept {
  /** The compare() count when this request last came (see MAX_IDLE). */
  seen: number;
  /** Whether `bytes` and `contentType` are the request's previous good answer (false once compare() forgot it). */
  good: boolean;
  bytes: KeptBytes;
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
      if (status < 200 || status > 299) {
        // why: an error answer is never kept, and one may be followed by many: its buffer goes too.
        answers.delete(key);
        return { kept: false, body, repeat: true };
      }
      if (kept === undefined || !kept.good) return { kept: false, body, repeat: true };
      kept.seen = requests;
      // why: JSON.parse of the same bytes gives an equal value, and json()'s checks (status, content
      // type, empty, HTML, parse) gave the same verdict on them; only good answers are ever kept.
      const identical = kept.contentType === contentType && kept.bytes.equals(body.chunks, body.size);
      if (identical && kept.hasValue) return { kept: true, value: kept.value, body, repeat: true };
      // why: forgotten, but its buffer stays with the request, to be written over by remember().
      kept.good = false;
      kept.hasValue = false;
      kept.value = undefined;
      return { kept: false, body, repeat: identical };
    },
    write(key, compared) {
      let entry = answers.get(key);
      if (entry === undefined) {
        entry = {
          seen: requests,
          good: false,
          bytes: new KeptBytes(),
          contentType: '',
          hasValue: false,
          value: undefined,
        };
        answers.set(key, entry);
        if (answers.size > MAX_KEPT) answers.delete(answers.keys().next().value as string);
      }
      entry.good = false;
      entry.hasValue = false;
      entry.value = undefined;
      entry.bytes.write(compared.body.chunks, compared.body.size);
      compared.written = true;
      return entry.bytes.view();
    },
    remember(key, compared, contentType, value) {
      const { body, repeat } = compared;
      const entry = answers.get(key);
      const bytes = entry?.bytes ?? new KeptBytes();
      // why: written by write() unless the bound dropped the request's entry since (then written again).
      if (!compared.written || entry === undefined) bytes.write(body.chunks, body.size);
      if (entry === undefined) {
        answers.set(key, {
          seen: requests,
          good: true,
          bytes,
          contentType,
          hasValue: repeat,
          value: repeat ? value : undefined,
        });
        // why: bounded; the oldest request's answer goes first.
        if (answers.size > MAX_KEPT) answers.delete(answers.keys().next().value as string);
        return;
      }
      // why: moved to the end, so the bound drops the request whose answer was kept longest ago.
      answers.delete(key);
      answers.set(key, entry);
      entry.seen = requests;
      entry.good = true;
      entry.contentType = contentType;
      entry.hasValue = repeat;
      entry.value = repeat ? value : undefined;
    },
  };
}
