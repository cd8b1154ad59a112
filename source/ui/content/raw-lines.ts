/**
 * The Raw tab: the vendor's own record as pretty JSON, wrapped to the width. Capped so a
 * huge record cannot freeze the screen (the Result tab browses big values lazily).
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { formatCount } from '../../domain/format.js';
import { seg } from '../line.js';
import type { ContentLine } from './content-line.js';
import { wrapLine } from './wrap.js';

/** Characters of pretty JSON shown at most. */
export const RAW_CHAR_LIMIT = 2_000_000;

/** Pretty JSON of a value; never throws (cycles, BigInt and absurd depth become a sentence). */
export function prettyJson(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2);
    return text === undefined ? String(value) : text;
  } catch (error) {
    return `(the record cannot be shown as JSON: ${(error as Error).message})`;
  }
}

/** Builds the Raw lines. */
export function rawLines(raw: unknown, width: number): ContentLine[] {
  let text = prettyJson(raw);
  const lines: ContentLine[] = [];
  const cut = text.length > RAW_CHAR_LIMIT ? text.length - RAW_CHAR_LIMIT : 0;
  if (cut > 0) text = text.slice(0, RAW_CHAR_LIMIT);
  for (const line of text.split('\n')) {
    const clean = sanitizeInline(line, line.length + 1);
    for (const piece of wrapLine(clean, width)) lines.push({ segments: [seg(piece)] });
  }
  if (cut > 0)
    lines.push({
      segments: [seg(`… ${formatCount(cut)} more characters not shown (browse the Result tab)`, { dim: true })],
    });
  return lines;
}
