import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { graphemeClusters, hasOneCharacterClusters } from '../../source/domain/simple-clusters.js';

// Text of these characters is measured and cut without Intl.Segmenter (its first use costs the
// first frame 15-55 ms): each of them must be a grapheme cluster of its own next to any other.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const segments = (text: string) => Array.from(segmenter.segment(text), ({ segment, index }) => ({ segment, index }));

const oneCharacterUnits: string[] = [];
for (let unit = 0; unit <= 0xffff; unit++) {
  const character = String.fromCharCode(unit);
  if (hasOneCharacterClusters(character)) oneCharacterUnits.push(character);
}

describe('text whose every character is its own grapheme cluster', () => {
  it('covers box drawing, punctuation, Latin, Greek, Cyrillic and CJK', () => {
    for (const text of ['─│┌┐▲▼●✓…·', 'café naïve', 'λόγος', 'журнал', '中文ジョブ', 'ＡＢＣ'])
      expect(hasOneCharacterClusters(text), text).toBe(true);
  });

  it.each([
    ['a combining accent', 'e\u0301'],
    ['a zero-width joiner', 'a\u200db'],
    ['an emoji presentation selector', '⚠\ufe0f'],
    ['Hangul jamo', '가'],
    ['a surrogate pair (emoji)', '👩'],
    ['a regional indicator', '🇩🇪'],
    ['a prepended letter', '\u0d4eക'],
    ['a halfwidth voiced mark', 'ｶﾞ'],
    ['a line separator', 'a\u2028b'],
  ])('leaves text with %s to the segmenter', (_, text) => {
    expect(hasOneCharacterClusters(text)).toBe(false);
  });

  it('never joins an accepted character with a neighbour, before or after, or with itself', () => {
    const joined = oneCharacterUnits.filter((character) => segments(`a${character}${character}a`).length !== 4);
    expect(oneCharacterUnits.length).toBeGreaterThan(20_000);
    expect(joined.map((character) => character.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('gives the segmenter clusters and offsets for any text', () => {
    const text = fc.array(
      fc.oneof(
        fc.constantFrom(...oneCharacterUnits.slice(0, 2000), ...oneCharacterUnits.slice(-2000)),
        fc.string({ unit: 'grapheme', maxLength: 3 }),
        fc.constantFrom('\u0301', '\u200d', '\ufe0f', '🏽', 'ᅡ', '\u0d4e', 'ﾞ', '\r', '\n'),
      ),
      { maxLength: 16 },
    );
    fc.assert(
      fc.property(text, (parts) => {
        const joined = parts.join('');
        expect(Array.from(graphemeClusters(joined), ({ segment, index }) => ({ segment, index }))).toEqual(
          segments(joined),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
