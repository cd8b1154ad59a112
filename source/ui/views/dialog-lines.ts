/**
 * The confirmation dialog as lines of an overlay panel: the action, the source, the job (id,
 * type, current state), what the action does to it (the source's own sentence), the request
 * it sends once, and the question (No highlighted), or for deletes the text to type. Bulk
 * dialogs show per source how many jobs it touches and which jobs it skips, and why.
 * Fitted to `maxLines`: the title and the question always stay, details give way first.
 */
import { VENDOR_NAMES } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { displayWidth } from '../../domain/text-width.js';
import { fitLine, seg, type Segment } from '../line.js';
import type { ActionDialog, ActionTarget } from '../navigation-state.js';
import type { SourceSnapshot } from '../../store/types.js';
import { describeKey } from '../action-status.js';
import { COLORS, STATE_COLORS, STATE_SYMBOLS } from '../theme.js';
import { wrapLine } from '../content/wrap.js';

const LABEL_WIDTH = 10;

/** Word-wraps a sentence to `width` cells (long words are cut). */
export function wrapWords(text: string, width: number): string[] {
  const cells = Math.max(8, width);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (displayWidth(candidate) <= cells) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    const pieces = wrapLine(word, cells);
    current = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

/** A rule across the width with a title: "── Cancel this job? ─────". */
export function titleRule(title: string, width: number, color: string): Segment[] {
  const text = `── ${title} `;
  return fitLine([seg(text, { bold: true, color }), seg('─'.repeat(Math.max(0, width - displayWidth(text))), { color })], width);
}

function field(label: string, value: Segment[]): Segment[] {
  return [seg(` ${label.padEnd(LABEL_WIDTH - 1)}`, { dim: true }), ...value];
}

function wrapped(label: string, text: string, width: number, style = {}): Segment[][] {
  return wrapWords(text, width - LABEL_WIDTH).map((piece, index) => field(index === 0 ? label : '', [seg(piece, style)]));
}

function sourceName(name: string, sources: readonly SourceSnapshot[]): string {
  const vendor = sources.find((source) => source.name === name)?.vendor;
  return `${sanitizeInline(name, 80)}${vendor ? ` (${VENDOR_NAMES[vendor]})` : ''}`;
}

function requestOf(dialog: ActionDialog, source: string, sources: readonly SourceSnapshot[]): string {
  return sources.find((candidate) => candidate.name === source)?.capabilities.actions[dialog.kind]?.request ?? '';
}

/** Detail lines of a one-job dialog, richest first; later variants are for short terminals (the job and its consequence stay longest). */
function singleVariants(dialog: ActionDialog, target: ActionTarget, sources: readonly SourceSnapshot[], width: number): Segment[][][] {
  const request = requestOf(dialog, target.source, sources);
  const effectStyle = { color: target.deletes ? COLORS.error : COLORS.warning };
  const effect = wrapped('Effect', sanitizeInline(target.consequence, 400), width, effectStyle);
  const state = field('State', [seg(`${STATE_SYMBOLS[target.state]} ${target.state}`, { color: STATE_COLORS[target.state], bold: true }), seg(`  (native: ${sanitizeInline(target.nativeState, 60)})`, { dim: true })]);
  const type = field('Type', [seg(sanitizeInline(target.type, 200))]);
  const job = wrapped('Job', sanitizeInline(target.id, 300), width, { bold: true, color: COLORS.accent });
  const sourceAndJob = field('Job', [seg(sanitizeInline(target.source, 80), { bold: true }), seg(' / ', { dim: true }), seg(sanitizeInline(target.id, 300), { bold: true, color: COLORS.accent })]);
  const full = [field('Source', [seg(sourceName(target.source, sources), { bold: true })]), ...job, type, state, ...effect, ...(request ? [field('Request', [seg(request), seg(' — sent once, never retried', { dim: true })])] : [])];
  return [full, [sourceAndJob, state, ...effect, type], [sourceAndJob, state, ...effect], [sourceAndJob, ...effect], [sourceAndJob, effect[0]], [sourceAndJob]];
}

function bulkDetails(dialog: ActionDialog, sources: readonly SourceSnapshot[], width: number): Segment[][] {
  const lines: Segment[][] = [];
  const bySource = new Map<string, ActionTarget[]>();
  for (const target of dialog.targets) bySource.set(target.source, [...(bySource.get(target.source) ?? []), target]);
  for (const [source, targets] of bySource) {
    const request = requestOf(dialog, source, sources);
    lines.push([seg(` ${sourceName(source, sources)}`, { bold: true }), seg(` · ${targets.length} job${targets.length === 1 ? '' : 's'}`, { bold: true, color: COLORS.accent }), seg(request ? ` · ${request}, each sent once` : '', { dim: true })]);
    const byConsequence = new Map<string, ActionTarget[]>();
    for (const target of targets) byConsequence.set(target.consequence, [...(byConsequence.get(target.consequence) ?? []), target]);
    for (const [consequence, group] of byConsequence) {
      const deletes = group.some((target) => target.deletes);
      wrapWords(`${group.length} × ${sanitizeInline(consequence, 400)}`, width - 4).forEach((piece, index) => lines.push([seg(index === 0 ? '   ' : '     '), seg(piece, { color: deletes ? COLORS.error : COLORS.warning })]));
    }
  }
  if (dialog.skipped.length > 0) {
    lines.push([seg(` Skipped ${dialog.skipped.length} (nothing is sent for them):`, { bold: true })]);
    for (const skipped of dialog.skipped) lines.push([seg(`   ${describeKey(skipped.key)}  `), seg(sanitizeInline(skipped.reason, 300), { dim: true })]);
  }
  return lines;
}

/** The question line: y/n with No highlighted by default, or the text to type for a delete. */
function questionLine(dialog: ActionDialog): Segment[] {
  const what = dialog.bulk ? `${dialog.targets.length} job${dialog.targets.length === 1 ? '' : 's'}` : 'this job';
  if (dialog.confirmText !== null) {
    return [
      seg(` Type `, { bold: true }),
      seg(dialog.confirmText, { bold: true, color: COLORS.error }),
      seg(` and Enter to ${dialog.label.toLowerCase()} ${what} (Esc: no): `, { bold: true }),
      seg(sanitizeInline(dialog.typed, 40), { color: COLORS.accent }),
      seg('▏', { color: COLORS.accent }),
    ];
  }
  return [
    seg(` ${dialog.label} ${what}?  `, { bold: true }),
    seg(' No ', { inverse: dialog.focus === 'no', bold: true }),
    seg(' '),
    seg(' Yes ', { inverse: dialog.focus === 'yes', bold: true }),
    seg('   y yes · n/Esc no', { dim: true }),
  ];
}

/** The dialog panel in at most `maxLines` lines of `width` cells. */
export function dialogLines(dialog: ActionDialog, sources: readonly SourceSnapshot[], width: number, maxLines: number): Segment[][] {
  const deletes = dialog.targets.some((target) => target.deletes);
  const color = deletes ? COLORS.error : COLORS.warning;
  const what = dialog.bulk ? `${dialog.targets.length} marked job${dialog.targets.length === 1 ? '' : 's'}` : 'this job';
  const title = titleRule(`${dialog.label} ${what}?`, width, color);
  const tail: Segment[][] = [questionLine(dialog)];
  if (dialog.error) tail.push([seg(` ${dialog.error}`, { color: COLORS.error, bold: true })]);
  const bottom = [seg('─'.repeat(width), { color, dim: true })];
  const variants = dialog.bulk ? [bulkDetails(dialog, sources, width)] : singleVariants(dialog, dialog.targets[0], sources, width);
  const room = maxLines - 2 - tail.length;
  const details = variants.find((lines) => lines.length <= room);
  if (details) return [title, ...details, ...tail, bottom].map((line) => fitLine(line, width));
  if (dialog.bulk && room >= 1) {
    const shown = [...variants[0].slice(0, room - 1), [seg(` … ${variants[0].length - room + 1} more lines (a taller terminal shows them)`, { dim: true })]];
    return [title, ...shown, ...tail, bottom].map((line) => fitLine(line, width));
  }
  // why: on a tiny terminal the question and (for one job) the job stay: drop the bottom rule, the error, then the title.
  const job = dialog.bulk ? [] : variants[variants.length - 1];
  const options = [[title, ...job, ...tail], [title, ...job, tail[0]], [...job, tail[0]], [tail[0]]];
  return (options.find((lines) => lines.length <= maxLines) ?? [tail[0]]).map((line) => fitLine(line, width));
}
