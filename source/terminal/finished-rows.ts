/**
 * Finished rows: screen rows built once as final strings (text and SGR, exactly one row wide)
 * that Ink only holds a place for. The UI draws a short placeholder (`intern`), Ink lays out
 * and writes the placeholder like any text, and the diff writer puts the finished row back in
 * (`expand`) before modelling the screen.
 *
 * why: Ink 6.8 re-tokenises and re-measures every character of every line on every frame
 * (Output.get: tokenize, styledCharsFromTokens, stringWidth) — most of jobtop's CPU with a full
 * table. A table row is a few placeholder characters for Ink instead of ~120 styled cells, and
 * an unchanged row keeps its placeholder, so Ink's frame stays equal and nothing is written.
 *
 * A placeholder is a per-process random prefix of three private-use characters plus a 3-digit
 * base-4096 id in another private-use block, so text from a server (which may contain private-use
 * characters) cannot name a finished row. Rows not in the last frame and not interned since are
 * forgotten once there are more than a few hundred, and their ids are given to new rows.
 * why recycle: Ink keeps the measured size of every text it laid out, by content, for the life of
 * the process (ink/build/measure-text.js); placeholders from a bounded set keep that bounded too.
 */
import { randomInt } from 'node:crypto';

const ID_BASE = 0xe000;
const DIGIT = 4096;
const KEEP = 512;

interface Entry {
  placeholder: string;
  text: string;
  epoch: number;
  id: number;
}

/** The finished rows of one terminal output. */
export class FinishedRows {
  /** The placeholder's prefix: three characters from U+F000-U+F8FF, random per process. */
  readonly prefix = Array.from({ length: 3 }, () => String.fromCharCode(0xf000 + randomInt(0x900))).join('');
  private readonly pattern = new RegExp(`${this.prefix}([\\ue000-\\uefff]{3})`, 'g');
  private readonly byText = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();
  private nextId = 0;
  private readonly freeIds: number[] = [];
  private epoch = 0;

  /** Cells a placeholder takes in Ink's layout. */
  static readonly WIDTH = 6;

  /**
   * The replacement of one placeholder in `expand`, which marks the row as in this frame.
   * why one function for the object's life, not a callback per call: a closure made per call is
   * compiled again after every full collection (docs/performance.md "Session 4: compiled once").
   */
  private readonly finishedRowOf = (_: string, digits: string): string => {
    const entry = this.byId.get(digits);
    if (!entry) return '';
    entry.epoch = this.epoch;
    return entry.text;
  };

  /** The placeholder for a finished row (one row, no newline, at most the screen's width). */
  intern(text: string): string {
    let entry = this.byText.get(text);
    if (!entry) {
      const id = this.freeIds.pop() ?? this.nextId++;
      const digits = String.fromCharCode(
        ID_BASE + (Math.floor(id / (DIGIT * DIGIT)) % DIGIT),
        ID_BASE + (Math.floor(id / DIGIT) % DIGIT),
        ID_BASE + (id % DIGIT),
      );
      entry = { placeholder: this.prefix + digits, text, epoch: this.epoch, id };
      this.byText.set(text, entry);
      this.byId.set(digits, entry);
    }
    entry.epoch = this.epoch;
    return entry.placeholder;
  }

  /** Ink's output with every placeholder replaced by its finished row. */
  expand(data: string): string {
    if (!data.includes(this.prefix)) return data;
    const epoch = this.epoch;
    const expanded = data.replace(this.pattern, this.finishedRowOf);
    // why: a frame holds every row on screen; rows neither in it nor interned since it was built are gone.
    if (this.byId.size > KEEP) {
      for (const [digits, entry] of this.byId) {
        if (entry.epoch >= epoch) continue;
        this.byId.delete(digits);
        this.byText.delete(entry.text);
        this.freeIds.push(entry.id);
      }
    }
    this.epoch += 1;
    return expanded;
  }

  /** How many finished rows are kept (for tests). */
  get size(): number {
    return this.byId.size;
  }
}
