// Ink 6.8.0's build/output.js (MIT, Vadim Demedes), with a cheaper Output.get() for the bundle.
// Ink is pinned (package.json); a test fails when the installed Ink is another version, so this copy is refreshed with it.
// why: Ink's get() builds a cell object for every cell of the screen (4,800 at 120x40) and
// serialises every one of them on every frame, though a jobtop frame writes a few placeholders
// and short lines (docs/performance.md "Session 4: Ink's output grid"). Here a row holds cells
// only up to the last one written: the blank cells Ink would add after it are spaces that its
// own trimEnd() removes (styledCharsToString closes the last cell's styles either way), and a row
// nobody wrote to is ''. Cells before and between writes are the same blank cell as Ink's. The
// rest of the file is Ink's, unchanged. test/terminal/diff-writer.property.test.ts compares
// get() with Ink's own on random writes, clips, styles and wide characters.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';
class OutputCaches {
  widths = new Map();
  blockWidths = new Map();
  styledChars = new Map();
  getStyledChars(line) {
    let cached = this.styledChars.get(line);
    if (cached === undefined) {
      cached = styledCharsFromTokens(tokenize(line));
      this.styledChars.set(line, cached);
    }
    return cached;
  }
  getStringWidth(text) {
    let cached = this.widths.get(text);
    if (cached === undefined) {
      cached = stringWidth(text);
      this.widths.set(text, cached);
    }
    return cached;
  }
  getWidestLine(text) {
    let cached = this.blockWidths.get(text);
    if (cached === undefined) {
      let lineWidth = 0;
      for (const line of text.split('\n')) {
        lineWidth = Math.max(lineWidth, this.getStringWidth(line));
      }
      cached = lineWidth;
      this.blockWidths.set(text, cached);
    }
    return cached;
  }
}
export default class Output {
  width;
  height;
  operations = [];
  caches = new OutputCaches();
  constructor(options) {
    const { width, height } = options;
    this.width = width;
    this.height = height;
  }
  write(x, y, text, options) {
    const { transformers } = options;
    if (!text) {
      return;
    }
    this.operations.push({
      type: 'write',
      x,
      y,
      text,
      transformers,
    });
  }
  clip(clip) {
    this.operations.push({
      type: 'clip',
      clip,
    });
  }
  unclip() {
    this.operations.push({
      type: 'unclip',
    });
  }
  get() {
    // Rows are filled lazily (see the header): blank cells up to the last written one.
    const output = new Array(this.height);
    const width = this.width;
    const clips = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') {
        clips.push(operation.clip);
      }
      if (operation.type === 'unclip') {
        clips.pop();
      }
      if (operation.type === 'write') {
        const { text, transformers } = operation;
        let { x, y } = operation;
        let lines = text.split('\n');
        const clip = clips.at(-1);
        if (clip) {
          const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
          const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
          // If text is positioned outside of clipping area altogether,
          // skip to the next operation to avoid unnecessary calculations
          if (clipHorizontally) {
            const width = this.caches.getWidestLine(text);
            if (x + width < clip.x1 || x > clip.x2) {
              continue;
            }
          }
          if (clipVertically) {
            const height = lines.length;
            if (y + height < clip.y1 || y > clip.y2) {
              continue;
            }
          }
          if (clipHorizontally) {
            lines = lines.map((line) => {
              const from = x < clip.x1 ? clip.x1 - x : 0;
              const width = this.caches.getStringWidth(line);
              const to = x + width > clip.x2 ? clip.x2 - x : width;
              return sliceAnsi(line, from, to);
            });
            if (x < clip.x1) {
              x = clip.x1;
            }
          }
          if (clipVertically) {
            const from = y < clip.y1 ? clip.y1 - y : 0;
            const height = lines.length;
            const to = y + height > clip.y2 ? clip.y2 - y : height;
            lines = lines.slice(from, to);
            if (y < clip.y1) {
              y = clip.y1;
            }
          }
        }
        let offsetY = 0;
        for (const [index, written] of lines.entries()) {
          let line = written;
          // Line can be missing if `text` is taller than height of pre-initialized `this.output`
          if (y + offsetY < 0 || y + offsetY >= this.height) {
            continue;
          }
          const currentLine = (output[y + offsetY] ??= []);
          for (const transformer of transformers) {
            line = transformer(line, index);
          }
          const characters = this.caches.getStyledChars(line);
          let offsetX = x;
          for (const character of characters) {
            fillTo(currentLine, offsetX, width);
            currentLine[offsetX] = character;
            // Determine printed width using string-width to align with measurement
            const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
            // For multi-column characters, clear following cells to avoid stray spaces/artifacts
            if (characterWidth > 1) {
              for (let index = 1; index < characterWidth; index++) {
                fillTo(currentLine, offsetX + index, width);
                currentLine[offsetX + index] = {
                  type: 'char',
                  value: '',
                  fullWidth: false,
                  styles: character.styles,
                };
              }
            }
            offsetX += characterWidth;
          }
          offsetY++;
        }
      }
    }
    let generatedOutput = '';
    for (let y = 0; y < this.height; y++) {
      if (y > 0) generatedOutput += '\n';
      const line = output[y];
      if (line === undefined) continue;
      // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
      const lineWithoutEmptyItems = line.length > width ? line.filter(isCell) : line;
      generatedOutput += styledCharsToString(lineWithoutEmptyItems).trimEnd();
    }
    return {
      output: generatedOutput,
      height: output.length,
    };
  }
}
/** Ink's blank cell (read only, so one object serves every blank). */
const BLANK = { type: 'char', value: ' ', fullWidth: false, styles: [] };
/**
 * Blank cells up to `x` (not past the screen's width: Ink pre-fills the width, and a cell written
 * beyond it leaves holes that serialising drops).
 * why module-level: a closure made per frame is compiled again after every full collection.
 */
function fillTo(row, x, width) {
  const end = Math.min(x, width);
  while (row.length < end) {
    row.push(BLANK);
  }
}
function isCell(item) {
  return item !== undefined;
}
