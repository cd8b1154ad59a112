/**
 * The records of one client's large list answers, kept by their text from one poll to the next, so
 * that a record whose bytes did not change is not given to JSON.parse again: json-pieces.ts decodes
 * each record of a cut answer alone, and looks its text up here first.
 *
 * Why: a list that ticks changes a few records a poll, but a changed answer was parsed whole,
 * record by record, and every unchanged record was then compared field by field with the one kept
 * (kit/job-memo.ts) before its new copy became garbage. Found here, the record is the very object
 * parsed when it first appeared, the one the memo already keeps as its Job's `raw`: the memo's
 * identity check finds it, and no parse, compare or garbage is made (docs/performance.md
 * "Session 7: records by their text").
 *
 * The value is the one JSON.parse gives. A record is shared only between answers, never within one:
 * a text met twice in the same round is parsed again, as JSON.parse of the whole body would.
 */

/** Record texts at least this long are kept (shorter ones are cheap to parse). */
export const RECORD_TEXT_MIN = 128;
/**
 * Longer texts are not kept. Why: V8 hashes a string longer than this by its length alone, so
 * equally long records would share one bucket of the Map and each lookup would compare them all.
 */
export const RECORD_TEXT_MAX = 16_383;
/**
 * A round holding texts this long in all starts the next one, so what is kept stays bounded even
 * for requests that are never answered twice (a query that changes every poll never repeats).
 */
export const ROUND_TEXT_MAX = 16 * 1024 * 1024;

interface Kept {
  value: unknown;
  /** The round that last used this record. */
  round: number;
}

/** One client's records by their text, from this round and the one before. */
export class RecordTexts {
  /**
   * why one Map with a round stamp, not a new Map per round: a Map made each poll lives two polls,
   * so V8 would move it and its tables to the old generation every time, where it becomes garbage.
   */
  private readonly kept = new Map<string, Kept>();
  /** The requests answered in this round: one answered again starts the next round. */
  private readonly answered = new Set<string>();
  private round = 0;
  /** The length of the texts this round used. */
  private roundText = 0;

  /** Starts parsing an answer to request `key`; the same request answered again starts a new round. */
  begin(key: string): void {
    if (this.answered.has(key) || this.roundText > ROUND_TEXT_MAX) this.nextRound();
    this.answered.add(key);
  }

  private nextRound(): void {
    this.answered.clear();
    this.round += 1;
    this.roundText = 0;
    // Forget what neither this round nor the last one used.
    for (const [text, kept] of this.kept) if (kept.round < this.round - 1) this.kept.delete(text);
  }

  /** The record of `text`: the one kept for the same text, or JSON.parse's, kept for the next round. */
  parse(text: string): unknown {
    if (text.length < RECORD_TEXT_MIN || text.length > RECORD_TEXT_MAX) return JSON.parse(text);
    const kept = this.kept.get(text);
    if (kept === undefined) {
      const value: unknown = JSON.parse(text);
      this.kept.set(text, { value, round: this.round });
      this.roundText += text.length;
      return value;
    }
    // why: within one round a repeated text is a second record of the same answer (or of another
    // page of this round); JSON.parse of the whole would give it an object of its own.
    if (kept.round === this.round) return JSON.parse(text);
    kept.round = this.round;
    this.roundText += text.length;
    return kept.value;
  }

  /** How many record texts are kept (for tests). */
  get size(): number {
    return this.kept.size;
  }
}
