/**
 * The Messages tab: one entry per JobMessage (time, level, origin, text), wrapped to the
 * width; continuation lines are indented under the text. The text is kept apart so the
 * search can find and highlight it.
 */
import type { JobMessage, MessageLevel } from '../../domain/job.js';
import { sanitizeInline, sanitizeMultiline } from '../../domain/sanitize.js';
import { seg, type Segment } from '../line.js';
import type { ContentLine } from './content-line.js';
import { wrapText } from './wrap.js';

const LEVEL_STYLE: Record<MessageLevel, { label: string; color?: string }> = {
  debug: { label: 'DEBUG', color: 'gray' },
  info: { label: 'INFO ' },
  warning: { label: 'WARN ', color: 'yellow' },
  error: { label: 'ERROR', color: 'red' },
};

/** Lines one message may take before it is cut (a huge stack trace must not drown the rest). */
export const MAX_LINES_PER_MESSAGE = 200;
const PREFIX_WIDTH = 15;

function time(ms: number | null): string {
  return ms === null ? '--:--:--' : new Date(ms).toISOString().slice(11, 19);
}

/** Builds the Messages lines; each line's `text` is what the search looks in. */
export function messageLines(messages: readonly JobMessage[], width: number): ContentLine[] {
  const textWidth = Math.max(10, width - PREFIX_WIDTH);
  const lines: ContentLine[] = [];
  for (const message of messages) {
    const level = LEVEL_STYLE[message.level] ?? LEVEL_STYLE.info;
    const origin = message.origin ? `[${sanitizeInline(message.origin, 60)}] ` : '';
    const body = sanitizeMultiline(`${origin}${message.text}`, 200_000);
    const pieces = wrapText(body, textWidth, MAX_LINES_PER_MESSAGE);
    pieces.forEach((piece, index) => {
      const prefix: Segment[] =
        index === 0
          ? [
              seg(`${time(message.timestamp)} `, { dim: true }),
              seg(`${level.label} `, { color: level.color, bold: message.level === 'error' }),
            ]
          : [seg(' '.repeat(PREFIX_WIDTH))];
      lines.push({
        segments: [...prefix, seg(piece, { color: message.level === 'debug' ? 'gray' : undefined })],
        text: piece,
      });
    });
  }
  return lines;
}

/** Indexes of lines whose text contains `query` (case-insensitive). */
export function matchingLines(lines: readonly ContentLine[], query: string): number[] {
  const needle = query.toLowerCase();
  if (needle === '') return [];
  const out: number[] = [];
  lines.forEach((line, index) => {
    if (line.text !== undefined && line.text.toLowerCase().includes(needle)) out.push(index);
  });
  return out;
}

/** Splits a line's searchable text into segments with every match highlighted. */
export function highlightMatches(line: ContentLine, query: string, current: boolean): ContentLine['segments'] {
  if (line.text === undefined || query === '') return line.segments;
  const prefix = line.segments.slice(0, -1);
  const base = line.segments[line.segments.length - 1];
  const lower = line.text.toLowerCase();
  const needle = query.toLowerCase();
  const out: Segment[] = [...prefix];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) out.push({ ...base, text: line.text.slice(from, at) });
    out.push({ ...base, text: line.text.slice(at, at + needle.length), inverse: true, bold: current, color: 'yellow' });
    from = at + needle.length;
  }
  if (from < line.text.length) out.push({ ...base, text: line.text.slice(from) });
  return out;
}
