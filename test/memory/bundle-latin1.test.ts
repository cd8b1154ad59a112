import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = resolve(import.meta.dirname, '../../dist');

/** The first character above U+00FF in `text`, with some context; null when there is none. */
function firstWideCharacter(text: string): string | null {
  const index = text.search(/[^\u0000-\u00ff]/u);
  return index < 0 ? null : text.slice(Math.max(0, index - 60), index + 20);
}

// why: V8 keeps each module's source text in the heap for as long as the process runs (functions
// compile lazily from it). One character above U+00FF anywhere in a chunk — a dash or an ellipsis in
// a comment esbuild kept — stores the whole chunk as UTF-16: the UI chunk's 1 MB became 2 MB of live
// heap (docs/performance.md "Session 3: memory"). esbuild escapes such characters in code, not in comments.
describe('the built bundle (npm run build)', () => {
  const files = [
    ...readdirSync(DIST).filter((name) => name.endsWith('.js')),
    ...readdirSync(join(DIST, 'chunks'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => join('chunks', name)),
  ];

  it('has chunks to check', () => {
    expect(files.length).toBeGreaterThan(2);
  });

  it.each(files)('%s is Latin-1 text, so V8 keeps its source at one byte a character', (file) => {
    expect(firstWideCharacter(readFileSync(join(DIST, file), 'utf8'))).toBeNull();
  });
});
