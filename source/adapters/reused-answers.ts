/**
 * List pages polled again and again (HttpRequest.reuse): a 2xx answer byte-identical to the same
 * request's previous good answer gives back the previous parsed value itself instead of parsing
 * again.
 *
 * The parsed value is kept only where the next answer may well be the same: for the request's
 * first answer, for one identical to the answer before it, and for one the size of an answer that
 * was not hashed (below). An answer known to differ from the one before it keeps only its size and
 * digest, so after a change an answer is reused from its third identical poll on, not its second.
 * Why: the parsed records of an answer kept until the next poll (~2 s, two or more young
 * collections) are moved to V8's old generation and become garbage there with the next change, for
 * full collections to find (docs/performance.md "Session 5: changed records"); a ticking list
 * changes every poll.
 *
 * How an answer is compared follows the same split. Beside a kept value, the answer's bytes are
 * kept too (kept-bytes.ts: one buffer per request, written over), and the next answer's chunks are
 * compared with them at their offsets — a memory compare, no hash, no joined copy: what a list that
 * stays the same costs every poll. An answer that differs keeps no bytes, only its SHA-256, and the
 * next answer is hashed only when its size is the same (a body that changed size cannot be
 * identical): a list that changes every poll holds no copy of its bytes (docs/performance.md
 * "Session 6: the HTTP exchange").
 */
import { createHash } from 'node:crypto';
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
  body: ReadBody;
  /** The answer's SHA-256, when it was hashed. */
  digest: string | undefined;
  /**
   * The request's first answer, one identical to the previous, or one the size of an unhashed
   * answer: its parsed value (and its bytes) are worth keeping.
   */
  repeat: boolean;
  /** Whether remember() keeps the answer's bytes (a repeat within MAX_BYTES_KEPT): write() may put them there first. */
  keepBytes: boolean;
  /** Whether write() already put the answer's bytes in the request's buffer. */
  written?: boolean;
}

/** The previous good answers of one client's `reuse` requests. */
export interface ReusedAnswers {
  /** Compares an answer with the request's previous good one; a non-identical answer forgets it. */
  compare(key: string, status: number, contentType: string, body: ReadBody): Compared;
  /**
   * Writes an answer's bytes that remember() will keep (Compared.keepBytes) into the request's
   * buffer now and returns them,
   * to parse from instead of a joined copy (valid until the request's next answer is compared).
   * The request keeps nothing good until remember().
   */
  write(key: string, compared: Compared): Buffer;
  /** Bytes held by the kept buffers, all requests together (memory accounting; tests). */
  heldBytes(): number;
  /** Keeps a good answer (its bytes and parsed value for a repeat, else its size and digest) for the request's next poll. */
  remember(key: string, compared: Compared, contentType: string, value: unknown): void;
}

interface Kept {
  /** The compare() count when this request last came (see MAX_IDLE). */
  seen: number;
  /** Whether this is the request's previous good answer (false once compare() forgot it). */
  good: boolean;
  size: number;
  /** The answer's SHA-256, when hashed (only for an answer kept without its bytes). */
  digest: string | undefined;
  /** The answer's bytes, kept beside its parsed value. */
  bytes: KeptBytes | undefined;
  contentType: string;
  /** Whether `value` holds the parsed answer (only kept for a repeat: see above). */
  hasValue: boolean;
  value: unknown;
}

/**
 * Most bytes one client keeps, in all (the static 5 × 200 fleet's pages are ~86 KB, one per
 * client); an answer that does not fit is compared by its SHA-256, as a changed one is. Why: at
 * 5 × 1,000 the pages that stay the same add up to several MB, and keeping all their bytes
 * measured +5–7 MB RSS (docs/performance.md "Session 6: the HTTP exchange").
 */
const MAX_BYTES_KEPT = 256 * 1024;

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
  /** The kept buffers' bytes, all requests together (at most about MAX_BYTES_KEPT). */
  let held = 0;

  /** Drops a request's entry and its kept bytes. */
  function drop(key: string): void {
    held -= answers.get(key)?.bytes?.heldBytes ?? 0;
    answers.delete(key);
  }

  /** Whether an answer of `size` bytes fits the client's budget, beside the others' kept bytes. */
  function fits(kept: Kept | undefined, size: number): boolean {
    return held - (kept?.bytes?.heldBytes ?? 0) + size <= MAX_BYTES_KEPT;
  }

  /** Writes `body` into the entry's buffer, counting the buffer's change of size. */
  function keepBytes(entry: Kept, body: ReadBody): KeptBytes {
    const bytes = (entry.bytes ??= new KeptBytes());
    held -= bytes.heldBytes;
    bytes.write(body.chunks, body.size);
    held += bytes.heldBytes;
    return bytes;
  }

  /** The request's entry, added (not good, holding nothing) when it has none. */
  function entryOf(key: string): Kept {
    let entry = answers.get(key);
    if (entry === undefined) {
      entry = newEntry();
      answers.set(key, entry);
      // why: bounded; the oldest request's answer goes first.
      if (answers.size > MAX_KEPT) drop(answers.keys().next().value as string);
    }
    return entry;
  }

  return {
    heldBytes: () => held,
    compare(key, status, contentType, body) {
      requests += 1;
      if (requests % MAX_IDLE === 0)
        for (const [other, entry] of answers) if (requests - entry.seen > MAX_IDLE) drop(other);
      const kept = answers.get(key);
      if (status < 200 || status > 299) {
        // why: an error answer is never kept, and one may be followed by many: the kept bytes go too.
        drop(key);
        return { kept: false, body, digest: undefined, repeat: true, keepBytes: false };
      }
      if (kept === undefined || !kept.good) return first(body, fits(kept, body.size));
      kept.seen = requests;
      let identical: boolean;
      let digest: string | undefined;
      if (kept.bytes !== undefined) {
        identical = kept.bytes.equals(body.chunks, body.size);
        // why: hashed once when a kept answer changes, so that a list now changing every poll is
        // compared by digest from here on, without its bytes kept.
        digest = identical ? undefined : digestOf(body.chunks);
      } else {
        digest = kept.size === body.size ? digestOf(body.chunks) : undefined;
        identical = kept.digest !== undefined && kept.digest === digest;
      }
      // why: JSON.parse of the same bytes gives an equal value, and json()'s checks (status, content
      // type, empty, HTML, parse) gave the same verdict on them; only good answers are ever kept.
      identical &&= kept.contentType === contentType;
      if (identical && kept.hasValue)
        return { kept: true, value: kept.value, body, digest, repeat: true, keepBytes: false };
      const unhashed = kept.bytes === undefined && kept.digest === undefined && digest !== undefined;
      kept.good = false;
      kept.hasValue = false;
      kept.value = undefined;
      const repeat = identical || unhashed;
      const keepBytes = repeat && fits(kept, body.size);
      // why: a repeat too large to keep the bytes of is compared by digest next time.
      if (repeat && !keepBytes) digest ??= digestOf(body.chunks);
      return { kept: false, body, digest, repeat, keepBytes };
    },
    write(key, compared) {
      const entry = entryOf(key);
      entry.good = false;
      compared.written = true;
      return keepBytes(entry, compared.body).view();
    },
    remember(key, compared, contentType, value) {
      const { body, repeat } = compared;
      const entry = entryOf(key);
      if (compared.keepBytes) {
        if (!compared.written) keepBytes(entry, body);
      } else {
        // why: a changed (or too large) answer keeps no bytes (see above); its buffer goes.
        held -= entry.bytes?.heldBytes ?? 0;
        entry.bytes = undefined;
      }
      entry.seen = requests;
      entry.good = true;
      entry.size = body.size;
      entry.digest = compared.keepBytes ? undefined : compared.digest;
      entry.contentType = contentType;
      entry.hasValue = repeat;
      entry.value = repeat ? value : undefined;
      // why: moved to the end, so the bound drops the request whose answer was kept longest ago.
      answers.delete(key);
      answers.set(key, entry);
    },
  };
}

/** What compare() says of a request's first answer (or its first after an error): keep it, and its bytes if small enough. */
function first(body: ReadBody, keepBytes: boolean): Compared {
  return { kept: false, body, digest: keepBytes ? undefined : digestOf(body.chunks), repeat: true, keepBytes };
}

function newEntry(): Kept {
  return {
    seen: 0,
    good: false,
    size: 0,
    digest: undefined,
    bytes: undefined,
    contentType: '',
    hasValue: false,
    value: undefined,
  };
}

function digestOf(chunks: readonly Buffer[]): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('base64');
}
