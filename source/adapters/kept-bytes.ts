/**
 * The bytes of one kept answer (reused-answers.ts), in a buffer of its own that later answers
 * are compared with and written over: allocated when the answer first comes or outgrows it, shrunk
 * when the answer falls well under it, so its memory stays about one answer's size.
 */

/** Headroom given to a buffer (re)allocated for an answer, so an answer growing by a few bytes fits. */
const HEADROOM = 1 / 16;

/** One answer's bytes, kept to compare the next answer with. */
export class KeptBytes {
  private buffer: Buffer = EMPTY;
  private size = 0;

  /** Whether the `size` bytes of `chunks` equal the kept bytes (a size that differs compares nothing). */
  equals(chunks: readonly Buffer[], size: number): boolean {
    if (size !== this.size) return false;
    let offset = 0;
    for (const chunk of chunks) {
      // why: Buffer#compare with ranges compares in place: no view object per chunk.
      if (this.buffer.compare(chunk, 0, chunk.length, offset, offset + chunk.length) !== 0) return false;
      offset += chunk.length;
    }
    return offset === size;
  }

  /** Keeps the `size` bytes of `chunks` in place of the kept ones. */
  write(chunks: readonly Buffer[], size: number): void {
    const capacity = this.buffer.length;
    if (size > capacity || size < capacity / 2) {
      // why: allocUnsafeSlow, not allocUnsafe: a small answer would otherwise pin a shared 8 KB pool slab.
      this.buffer = Buffer.allocUnsafeSlow(size + Math.ceil(size * HEADROOM));
    }
    let offset = 0;
    for (const chunk of chunks) {
      chunk.copy(this.buffer, offset);
      offset += chunk.length;
    }
    this.size = size;
  }

  /** The kept bytes (a view: written over by the next write()). */
  view(): Buffer {
    return this.buffer.subarray(0, this.size);
  }

  /** Bytes held (the buffer's length), for tests and memory accounting. */
  get heldBytes(): number {
    return this.buffer.length;
  }
}

const EMPTY = Buffer.alloc(0);
