/**
 * The Steps tab: one row per JobStep (name, status with state symbol, attempt, host,
 * start, end, duration) and its error on the next line.
 */
import type { JobStep } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { fitToWidth } from '../../domain/text-width.js';
import { formatDuration } from '../../domain/format.js';
import { seg } from '../line.js';
import { STATE_COLORS, STATE_SYMBOLS } from '../theme.js';
import type { ContentLine } from './content-line.js';
import { wrapText } from './wrap.js';

function clock(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().slice(11, 19);
}

/** Builds the Steps lines: a header row, then each step (and its error). */
export function stepsLines(steps: readonly JobStep[], width: number): ContentLine[] {
  const showHost = width >= 90;
  const showTimes = width >= 70;
  const fixed = 14 + 4 + 8 + (showHost ? 13 : 0) + (showTimes ? 18 : 0);
  const nameWidth = Math.max(8, width - fixed - 2);
  const header = [fitToWidth('STEP', nameWidth + 2), fitToWidth('STATUS', 14), fitToWidth('TRY', 4)];
  if (showHost) header.push(fitToWidth('HOST', 13));
  if (showTimes) header.push(fitToWidth('START', 9), fitToWidth('END', 9));
  header.push(fitToWidth('DUR', 8, 'right'));
  const lines: ContentLine[] = [{ segments: [seg(header.join(''), { bold: true, dim: true })] }];
  for (const step of steps) {
    const duration =
      step.durationMs ??
      (step.startedAt !== null && step.finishedAt !== null ? step.finishedAt - step.startedAt : null);
    const rest = [fitToWidth(step.attempt === null ? '—' : String(step.attempt), 4)];
    if (showHost) rest.push(fitToWidth(sanitizeInline(step.host ?? '—', 200), 13));
    if (showTimes) rest.push(fitToWidth(clock(step.startedAt), 9), fitToWidth(clock(step.finishedAt), 9));
    rest.push(fitToWidth(formatDuration(duration), 8, 'right'));
    lines.push({
      segments: [
        seg(`${STATE_SYMBOLS[step.state]} `, { color: STATE_COLORS[step.state] }),
        seg(fitToWidth(sanitizeInline(step.name, 400), nameWidth)),
        seg(fitToWidth(sanitizeInline(step.status, 100), 14), { color: STATE_COLORS[step.state] }),
        seg(rest.join('')),
      ],
    });
    if (step.error) {
      wrapText(sanitizeInline(step.error, 2000), Math.max(10, width - 4), 4).forEach((piece, index) => {
        lines.push({ segments: [seg(index === 0 ? '  ↳ ' : '    ', { dim: true }), seg(piece, { color: 'red' })] });
      });
    }
  }
  return lines;
}
