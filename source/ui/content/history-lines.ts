/**
 * The history view's lines: this session's actions newest first — when, what, the job, its
 * state then, the request and the confirmed outcome (done, failed, or unknown after a request
 * that got no answer) — then a boundary and what the history file holds of earlier sessions
 * (and of other jobtop runs), newest first, dated when not today (UTC, like every time shown).
 * A file that could not be read says so; it never reads as "no actions".
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { formatCount, formatTimestamp } from '../../domain/format.js';
import type { PendingAction } from '../../store/types.js';
import { isEntryOf, type HistoryEntry } from '../../store/action-history.js';
import { describeKey } from '../action-status.js';
import { seg, type Segment } from '../line.js';
import type { EarlierHistory } from '../navigation-state.js';
import { COLORS } from '../theme.js';

function outcomeCells(action: PendingAction): Segment[] {
  if (action.status === 'requested') return [seg('⋯ in flight', { color: COLORS.warning })];
  if (action.status === 'unknown')
    return [
      seg(action.checking ? '⋯ no answer, checking…' : '? unknown (no answer)', { color: COLORS.warning, bold: true }),
      seg(action.note ? `  ${sanitizeInline(action.note, 200)}` : '', { dim: true }),
    ];
  if (action.status === 'failed')
    return [
      seg(`✖ failed${action.httpStatus ? ` (HTTP ${action.httpStatus})` : ''}`, { color: COLORS.error, bold: true }),
      seg(`  ${sanitizeInline(action.error ?? '', 300)}`, { dim: true }),
    ];
  return [
    seg(`✔ ${action.outcome?.effect ?? 'done'}`, { color: COLORS.ok, bold: true }),
    seg(`  ${sanitizeInline(action.note ?? action.outcome?.message ?? '', 300)}`, { dim: true }),
  ];
}

/** One line per action of this session, newest first. */
export function historyItems(actions: readonly PendingAction[]): Segment[][] {
  return [...actions]
    .reverse()
    .map((action) => [
      seg(` ${formatTimestamp(action.at).slice(11)} `, { dim: true }),
      seg(action.kind, { bold: true }),
      seg(` ${describeKey(action.jobKey)} `),
      seg(`${sanitizeInline(action.jobType ?? '', 40)} `, { dim: true }),
      seg(`${action.stateAtRequest ?? '?'} → `),
      ...outcomeCells(action),
      seg(action.request ? `  ${sanitizeInline(action.request, 120)}` : '  nothing sent', { dim: true }),
    ]);
}

function entryOutcome(entry: HistoryEntry): Segment[] {
  const words = sanitizeInline([entry.message, entry.note].filter(Boolean).join('; '), 300);
  if (entry.outcome === 'done')
    return [seg(`✔ ${sanitizeInline(entry.effect ?? 'done', 40)}`, { color: COLORS.ok, bold: true })];
  if (entry.outcome === 'unknown')
    return [
      seg('? unknown (no answer)', { color: COLORS.warning, bold: true }),
      seg(words ? `  ${words}` : '', { dim: true }),
    ];
  if (entry.outcome === 'failed')
    return [
      seg(`✖ failed${entry.httpStatus ? ` (HTTP ${entry.httpStatus})` : ''}`, { color: COLORS.error, bold: true }),
      seg(words ? `  ${words}` : '', { dim: true }),
    ];
  return [seg(`⋯ ${sanitizeInline(entry.outcome, 20)}`, { color: COLORS.warning })];
}

/** One line of the history file: the date too when it is not `today` ("2024-05-01"), and who ran what. */
export function entryItem(entry: HistoryEntry, today: string): Segment[] {
  const at = Date.parse(entry.at);
  const stamp = formatTimestamp(Number.isFinite(at) ? at : null);
  const when = stamp.startsWith(`${today} `) ? stamp.slice(11) : stamp;
  const request = entry.request
    ? `  ${sanitizeInline(entry.request, 120)}${entry.httpStatus !== null ? ` → ${entry.httpStatus}` : ''}`
    : '  nothing sent';
  return [
    seg(` ${when} `, { dim: true }),
    seg(sanitizeInline(entry.action, 20), { bold: true }),
    seg(` ${describeKey(entry.key)} `),
    seg(`${sanitizeInline(entry.jobType ?? '', 40)} `, { dim: true }),
    seg(`${sanitizeInline(entry.stateBefore ?? '?', 20)} → `),
    ...entryOutcome(entry),
    seg(request, { dim: true }),
    seg(`  ${sanitizeInline(entry.who, 40)}, ${sanitizeInline(entry.via, 10)}`, { dim: true }),
  ];
}

function note(text: string, color?: string): Segment[] {
  return [seg(` ${sanitizeInline(text, 600)}`, color ? { color } : { dim: true })];
}

/** The rule between this session and the history file: "── earlier sessions (history.jsonl, newest first) ──". */
function boundary(title: string, width: number): Segment[] {
  const text = `── ${title} `;
  return [seg(text, { bold: true }), seg('─'.repeat(Math.max(0, width - text.length)), { dim: true })];
}

/** The file's entries that are not this session's actions, newest first. */
export function earlierEntries(actions: readonly PendingAction[], entries: readonly HistoryEntry[]): HistoryEntry[] {
  return entries.filter((entry) => !actions.some((action) => isEntryOf(entry, action))).reverse();
}

/** The title's count of earlier entries ("· 37 earlier"), or what became of reading them. */
export function earlierSummary(actions: readonly PendingAction[], earlier: EarlierHistory): string {
  if (earlier.status === 'reading') return ' · reading earlier sessions…';
  if (earlier.status === 'error') return ' · earlier sessions unreadable';
  if (earlier.status === 'off') return '';
  const count = earlierEntries(actions, earlier.entries).length;
  return ` · ${formatCount(count)} earlier${earlier.partial ? ' (the newest; older not read)' : ''}`;
}

let memo: {
  actions: readonly PendingAction[];
  earlier: EarlierHistory;
  today: string;
  width: number;
  items: Segment[][];
} | null = null;

/** Every line of the history view in order (the reducer counts them, the panel shows a window of them). */
export function historyViewItems(
  actions: readonly PendingAction[],
  earlier: EarlierHistory,
  now: number,
  width: number,
): Segment[][] {
  const today = formatTimestamp(now).slice(0, 10);
  if (memo && memo.actions === actions && memo.earlier === earlier && memo.today === today && memo.width === width)
    return memo.items;
  const items: Segment[][] = actions.length === 0 ? [note('no actions yet in this session')] : historyItems(actions);
  if (earlier.status === 'off') items.push(note('earlier sessions: jobtop history'));
  else if (earlier.status === 'reading') items.push(note('reading earlier sessions…'));
  else if (earlier.status === 'error')
    items.push(note(`could not read earlier sessions from ${earlier.file}: ${earlier.error}`, COLORS.error));
  else {
    const older = earlierEntries(actions, earlier.entries);
    items.push(boundary('earlier sessions and other jobtop runs, newest first', width));
    if (older.length === 0) items.push(note(`none recorded in ${earlier.file}`));
    for (const entry of older) items.push(entryItem(entry, today));
    if (earlier.partial)
      items.push(
        note(
          `older entries were not read here (only the newest ${formatCount(older.length)}): jobtop history --limit N`,
        ),
      );
  }
  memo = { actions, earlier, today, width, items };
  return items;
}
