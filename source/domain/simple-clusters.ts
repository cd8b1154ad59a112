/**
 * Text whose every character is its own grapheme cluster, told without Intl.Segmenter.
 * why: the first Intl object of a process costs 15-55 ms (ICU's locale data) and the first frame
 * measures only such text — box lines, `…`, arrows, Latin, Greek, Cyrillic, CJK — so it need
 * not pay for it (docs/performance.md "Session 3: start-up"). The ranges hold no combining mark,
 * joiner, variation selector, prepended letter, Hangul jamo or regional indicator, the only
 * characters that join a neighbour into one cluster (Unicode UAX #29); every one of them is
 * checked against Intl.Segmenter in test/domain/simple-clusters.test.ts.
 */
const ONE_CHARACTER_CLUSTERS =
  /^[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u2bff\u3000-\u3029\u3030-\u303f\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uff01-\uff9d]*$/;

/** Whether every UTF-16 unit of the text is a grapheme cluster of its own (no segmenter needed). */
export function hasOneCharacterClusters(text: string): boolean {
  return ONE_CHARACTER_CLUSTERS.test(text);
}

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of the text with their offsets; Intl.Segmenter only for text that needs it. */
export function graphemeClusters(text: string): Iterable<{ segment: string; index: number }> {
  if (!hasOneCharacterClusters(text)) return graphemeSegmenter().segment(text);
  const clusters: { segment: string; index: number }[] = [];
  for (let index = 0; index < text.length; index++) clusters.push({ segment: text.charAt(index), index });
  return clusters;
}

/** The one shared grapheme segmenter, built on first use (for `containing` and the like). */
export function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter;
}
