/**
 * The confirmation dialog as lines of an overlay panel: the action, the source, the job (id,
 * type, its state *now* from the re-read and what the action does to it: "running → cancelled"),
 * whether the re-read succeeded (or how old the data is that the plan rests on), the request it
 * sends once, and the question (No highlighted), or for deletes the token to type. Bulk dialogs
 * list every job (short unique ids, scrollable) per source, and the jobs they skip and why.
 * Fitted to `maxLines`: the title and the question always stay, details give way first.
 */
import { VENDOR_NAMES, parseJobKey } from '../../domain/job.js';
import { uniqueSuffix } from '../../domain/confirm-token.js';
import { formatAge } from '../../domain/format.js';
import type { RecheckState } from '../action-types.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { displayWidth } from '../../domain/text-width.js';
import { fitLine, seg, type Segment } from '../line.js';
import type { ActionDialog, ActionTarget } from '../action-types.js';
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
  return fitLine(
    [seg(text, { bold: true, color }), seg('─'.repeat(Math.max(0, width - displayWidth(text))), { color })],
    width,
  );
}

function field(label: string, value: Segment[]): Segment[] {
  return [seg(` ${label.padEnd(LABEL_WIDTH - 1)}`, { dim: true }), ...value];
}

function wrapped(label: string, text: string, width: number, style = {}): Segment[][] {
  return wrapWords(text, width - LABEL_WIDTH).map((piece, index) =>
    field(index === 0 ? label : '', [seg(piece, style)]),
  );
}

function sourceName(name: string, sources: readonly SourceSnapshot[]): string {
  const vendor = sources.find((source) => source.name === name)?.vendor;
  return `${sanitizeInline(name, 80)}${vendor ? ` (${VENDOR_NAMES[vendor]})` : ''}`;
}

function requestOf(dialog: ActionDialog, source: string, sources: readonly SourceSnapshot[]): string {
  return sources.find((candidate) => candidate.name === source)?.capabilities.actions[dialog.kind]?.request ?? '';
}

/** "data 1m04s old": how old the data of a plan whose re-read failed is. */
export function planAge(recheck: RecheckState): string | null {
  if (recheck.status !== 'failed') return null;
  return recheck.ageMs === null ? 'data of unknown age' : `data ${formatAge(recheck.ageMs)} old`;
}

/** The job's id as the dialog shows it: its shortest unique end among the listed jobs ("…a0001"), or whole. */
export function dialogId(id: string, listed: readonly string[]): string {
  const suffix = uniqueSuffix(id, listed);
  return suffix === id ? sanitizeInline(id, 80) : `…${sanitizeInline(suffix, 80)}`;
}

/** The line under the title: the re-read in flight, done (and what changed), or failed with the age of the data the plan rests on. */
export function recheckLine(dialog: ActionDialog): Segment[] {
  const changed = dialog.targets.filter((target) => target.wasState !== null).length;
  const paused = dialog.paused
    ? [seg(' · updates are paused: the list behind this dialog is not live', { color: COLORS.warning })]
    : [];
  if (dialog.recheck.status === 'checking')
    return [
      seg(
        ` ⋯ re-reading ${dialog.targets.length === 1 ? 'the job' : `${dialog.targets.length} jobs`} on the server before you answer…`,
        { color: COLORS.warning, bold: true },
      ),
      ...paused,
    ];
  if (dialog.recheck.status === 'failed') {
    return [
      seg(
        ` ⧗ re-check failed (${sanitizeInline(dialog.recheck.reason, 120)}): plan based on ${planAge(dialog.recheck)} — type to confirm`,
        { color: COLORS.error, bold: true },
      ),
      ...paused,
    ];
  }
  const note =
    changed > 0
      ? seg(` · ${changed} changed since listed (marked !)`, { color: COLORS.warning, bold: true })
      : seg('', {});
  return [seg(' ✔ re-checked on the server just now: states below are current', { color: COLORS.ok }), note, ...paused];
}

/** "● running → cancelled" with "! was queued" when the re-read found another state than the list. */
function nowCells(target: ActionTarget): Segment[] {
  const cells = [
    seg(`${STATE_SYMBOLS[target.state]} ${target.transition}`, { color: STATE_COLORS[target.state], bold: true }),
  ];
  if (target.wasState !== null)
    cells.push(seg(`  ! was ${target.wasState} when listed`, { color: COLORS.warning, bold: true }));
  return cells;
}

/** Detail lines of a one-job dialog, richest first; later variants are for short terminals (the job and its consequence stay longest). */
function singleVariants(
  dialog: ActionDialog,
  target: ActionTarget,
  sources: readonly SourceSnapshot[],
  width: number,
): Segment[][][] {
  const request = requestOf(dialog, target.source, sources);
  const effectStyle = { color: target.deletes ? COLORS.error : COLORS.warning };
  const effect = wrapped('Effect', sanitizeInline(target.consequence, 400), width, effectStyle);
  const state = field('Now', [
    ...nowCells(target),
    seg(`  (native: ${sanitizeInline(target.nativeState, 60)})`, { dim: true }),
  ]);
  const type = field('Type', [seg(sanitizeInline(target.type, 200))]);
  const job = wrapped('Job', sanitizeInline(target.id, 300), width, { bold: true, color: COLORS.accent });
  const sourceAndJob = field('Job', [
    seg(sanitizeInline(target.source, 80), { bold: true }),
    seg(' / ', { dim: true }),
    seg(sanitizeInline(target.id, 300), { bold: true, color: COLORS.accent }),
  ]);
  const check = recheckLine(dialog);
  const full = [
    check,
    field('Source', [seg(sourceName(target.source, sources), { bold: true })]),
    ...job,
    type,
    state,
    ...effect,
    ...(request ? [field('Request', [seg(request), seg(' — sent once, never retried', { dim: true })])] : []),
  ];
  return [
    full,
    [check, sourceAndJob, state, ...effect, type],
    [check, sourceAndJob, state, ...effect],
    [check, sourceAndJob, state, effect[0]],
    [check, sourceAndJob, state],
    [check, sourceAndJob],
    [sourceAndJob],
  ];
}

/** A bulk dialog: the re-check line (fixed), then per source every job with its id, type and "state now → effect", then the skipped ones (scrolled together). */
function bulkDetails(
  dialog: ActionDialog,
  sources: readonly SourceSnapshot[],
  listed: readonly string[],
  width: number,
): Segment[][] {
  const lines: Segment[][] = [];
  const bySource = new Map<string, ActionTarget[]>();
  for (const target of dialog.targets) bySource.set(target.source, [...(bySource.get(target.source) ?? []), target]);
  for (const [source, targets] of bySource) {
    const request = requestOf(dialog, source, sources);
    lines.push([
      seg(` ${sourceName(source, sources)}`, { bold: true }),
      seg(` · ${targets.length} job${targets.length === 1 ? '' : 's'}`, { bold: true, color: COLORS.accent }),
      seg(request ? ` · ${request}, each sent once` : '', { dim: true }),
    ]);
    const byConsequence = new Map<string, ActionTarget[]>();
    for (const target of targets)
      byConsequence.set(target.consequence, [...(byConsequence.get(target.consequence) ?? []), target]);
    for (const [consequence, group] of byConsequence) {
      const deletes = group.some((target) => target.deletes);
      wrapWords(`${group.length} × ${sanitizeInline(consequence, 400)}`, width - 4).forEach((piece, index) =>
        lines.push([
          seg(index === 0 ? '   ' : '     '),
          seg(piece, { color: deletes ? COLORS.error : COLORS.warning }),
        ]),
      );
      for (const target of group)
        lines.push([
          seg('     '),
          seg(dialogId(target.id, listed), { bold: true, color: COLORS.accent }),
          seg(`  ${sanitizeInline(target.type, 40)}  `),
          ...nowCells(target),
        ]);
    }
  }
  if (dialog.skipped.length > 0) {
    lines.push([seg(` Skipped ${dialog.skipped.length} (nothing is sent for them):`, { bold: true })]);
    for (const skipped of dialog.skipped) {
      const id = parseJobKey(skipped.key)?.id;
      const name = id ? dialogId(id, listed) : describeKey(skipped.key);
      lines.push([
        seg(`   ${name}  `),
        seg(skipped.transition && skipped.transition !== 'skipped' ? `${skipped.transition}: ` : ''),
        seg(sanitizeInline(skipped.reason, 300), { dim: true }),
      ]);
    }
  }
  return lines;
}

/** The question line: y/n with No highlighted by default, or the text to type for a delete. */
function questionLine(dialog: ActionDialog): Segment[] {
  if (dialog.recheck.status === 'checking')
    return [
      seg(' The question follows once the server answered (bounded to a few seconds)', { bold: true }),
      seg('   n/Esc no', { dim: true }),
    ];
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

/** The dialog panel in at most `maxLines` lines of `width` cells; `listed` are the ids on the screen (for ids short but unique). */
export function dialogLines(
  dialog: ActionDialog,
  sources: readonly SourceSnapshot[],
  width: number,
  maxLines: number,
  listed: readonly string[] = [],
): Segment[][] {
  const deletes = dialog.targets.some((target) => target.deletes) || dialog.recheck.status === 'failed';
  const color = deletes ? COLORS.error : COLORS.warning;
  const what = dialog.bulk
    ? `${dialog.targets.length} marked job${dialog.targets.length === 1 ? '' : 's'}`
    : 'this job';
  // why: the question mark appears once the re-read answered: only then is there a question to answer.
  const title = titleRule(
    dialog.recheck.status === 'checking' ? `${dialog.label} ${what} — re-checking…` : `${dialog.label} ${what}?`,
    width,
    color,
  );
  const tail: Segment[][] = [questionLine(dialog)];
  if (dialog.error) tail.push([seg(` ${dialog.error}`, { color: COLORS.error, bold: true })]);
  const bottom = [seg('─'.repeat(width), { color, dim: true })];
  if (dialog.bulk) {
    const check = recheckLine(dialog);
    const body = bulkDetails(dialog, sources, listed, width);
    const room = maxLines - 3 - tail.length;
    if (room >= body.length) return [title, check, ...body, ...tail, bottom].map((line) => fitLine(line, width));
    if (room >= 2) {
      const height = room - 1;
      const top = Math.max(0, Math.min(dialog.top, body.length - height));
      const position = [
        seg(` ${top + 1}–${top + height} of ${body.length} lines · ↑/↓ scroll the jobs`, { dim: true }),
      ];
      return [title, check, ...body.slice(top, top + height), position, ...tail, bottom].map((line) =>
        fitLine(line, width),
      );
    }
    const options = [[title, check, ...tail], [title, tail[0]], [tail[0]]];
    return (options.find((lines) => lines.length <= maxLines) ?? [tail[0]]).map((line) => fitLine(line, width));
  }
  const variants = singleVariants(dialog, dialog.targets[0], sources, width);
  const room = maxLines - 2 - tail.length;
  const details = variants.find((lines) => lines.length <= room);
  if (details) return [title, ...details, ...tail, bottom].map((line) => fitLine(line, width));
  // why: on a tiny terminal the question and the job stay: drop the bottom rule, the error, then the title.
  const job = variants[variants.length - 1];
  const options = [[title, ...job, ...tail], [title, ...job, tail[0]], [...job, tail[0]], [tail[0]]];
  return (options.find((lines) => lines.length <= maxLines) ?? [tail[0]]).map((line) => fitLine(line, width));
}
