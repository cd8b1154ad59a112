/**
 * Terminal cell widths of sanitized text: measuring, cutting with `…` and padding to a column,
 * never splitting a grapheme cluster (wide characters count 2 cells, combining marks 0).
 */
import stringWidth from 'string-width';
import { PLACEHOLDERS } from './sanitize.js';
import { graphemeClusters } from './simple-clusters.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// why: measure escape bytes as the characters they are (sanitized text has none), so the width of a
// string is exactly the sum of the widths of its clusters and cutting by cluster agrees with it.
const MEASURE_AS_WRITTEN = { countAnsiEscapeCodes: true } as const;

// why: on Node 20 string-width costs about 1 µs per character (Intl.Segmenter plus an RGI_Emoji
// test per cluster), and the same cell text is measured every frame. Remember recent answers for
// short texts; a full cache is simply emptied, which bounds memory at a few MB.
const CACHE_LIMIT = 4096;
const CACHEABLE_LENGTH = 256;
const widths = new Map<string, number>();
const cuts = new Map<string, { cells: number; cut: string }>();

function remember<Value>(cache: Map<string, Value>, key: string, value: Value): Value {
  if (key.length > CACHEABLE_LENGTH) return value;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Terminal cells the text occupies (wide characters count 2, combining marks 0). */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  return widths.get(text) ?? remember(widths, text, sumOfClusterWidths(text));
}

// why: summing cached cluster widths is ~3x faster than string-width on the whole text when cold,
// and it is by construction what cutting cluster by cluster measures.
function sumOfClusterWidths(text: string): number {
  let sum = 0;
  for (const { segment } of graphemeClusters(text)) sum += clusterWidth(segment);
  return sum;
}

function clusterWidth(cluster: string): number {
  if (cluster.length === 1 && cluster >= ' ' && cluster <= '~') return 1;
  return widths.get(cluster) ?? remember(widths, cluster, stringWidth(cluster, MEASURE_AS_WRITTEN));
}

/** Cuts text to at most `width` cells, ending with `…` when cut; never splits a grapheme cluster. */
export function truncateToWidth(text: string, width: number): string {
  const limit = cellCount(width);
  if (limit === 0) return '';
  if (PRINTABLE_ASCII.test(text)) return text.length <= limit ? text : text.slice(0, limit - 1) + PLACEHOLDERS.ellipsis;
  return cutToCells(text, limit);
}

/** Exactly `width` cells: truncated with `…` or padded with spaces (alignment = 'right' pads on the left). */
export function fitToWidth(text: string, width: number, alignment: 'left' | 'right' = 'left'): string {
  const limit = cellCount(width);
  if (limit === 0) return '';
  if (PRINTABLE_ASCII.test(text)) {
    if (text.length > limit) return text.slice(0, limit - 1) + PLACEHOLDERS.ellipsis;
    return pad(text, limit - text.length, alignment);
  }
  // why: a few clusters merge with a neighbouring space or `…` and then count fewer cells than
  // measured apart (a Prepend letter such as U+0D4E before it, an emoji modifier or Thai SARA AM
  // after it), so measure the joined result and pad the difference; merging never adds cells.
  let fitted = cutToCells(text, limit);
  for (let missing = limit - displayWidth(fitted); missing > 0; missing = limit - displayWidth(fitted)) {
    fitted = pad(fitted, missing, alignment);
  }
  return fitted;
}

function cellCount(width: number): number {
  return width > 0 ? Math.floor(width) : 0;
}

function pad(text: string, cells: number, alignment: 'left' | 'right'): string {
  if (cells <= 0) return text;
  const spaces = ' '.repeat(cells);
  return alignment === 'left' ? text + spaces : spaces + text;
}

function cutToCells(text: string, limit: number): string {
  const known = cuts.get(text);
  if (known !== undefined && known.cells === limit) return known.cut;
  return remember(cuts, text, { cells: limit, cut: cutByClusters(text, limit) }).cut;
}

function cutByClusters(text: string, limit: number): string {
  let used = 0;
  let keptEnd = 0; // longest prefix that leaves one cell for the ellipsis
  for (const { segment, index } of graphemeClusters(text)) {
    used += clusterWidth(segment);
    if (used > limit) return text.slice(0, keptEnd) + PLACEHOLDERS.ellipsis;
    if (used < limit) keptEnd = index + segment.length;
  }
  return text;
}
