/**
 * The history view's lines: every action of this session, newest first — when, what, the
 * job, its state then, the request and the confirmed outcome (done, failed, or unknown after
 * a request that got no answer). Earlier sessions are in `jobtop history`.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { formatTimestamp } from '../../domain/format.js';
import type { PendingAction } from '../../store/types.js';
import { describeKey } from '../action-status.js';
import { seg, type Segment } from '../line.js';
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

/** One line per action, newest first. */
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
