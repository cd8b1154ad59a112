/**
 * The detail screen's chrome: title (source / id, state, type), the tab bar (tabs the
 * source cannot fill are dimmed) and the status line (loading, updated, error with the age
 * of the last good detail, gone), plus the window of the current tab's lines.
 */
import { VENDOR_NAMES, parseJobKey, type Job } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { formatAgo, formatCount } from '../../domain/format.js';
import type { DetailSnapshot, SourceSnapshot } from '../../store/types.js';
import { clampTop, windowTop } from '../layout.js';
import { fitLine, restyle, seg, type Segment } from '../line.js';
import { DETAIL_TABS, TAB_TITLES, type DetailState } from '../detail-state.js';
import { COLORS, STATE_COLORS, STATE_SYMBOLS } from '../theme.js';
import type { ContentLine } from '../content/content-line.js';
import { highlightMatches } from '../content/message-lines.js';
import type { RowAction } from '../action-status.js';
import { ACTION_COLORS } from './row-cells.js';
import { formatAge } from '../../domain/format.js';
import { STALE_MARK, sourceStaleness, staleSentence } from '../staleness.js';

/** "‹ demo-osapi / 8f3a…  ● running  node.exec", with the job's pending action ("⋯ cancelling"). */
export function detailTitle(
  key: string,
  job: Job | null,
  depth: number,
  width: number,
  action: RowAction | null = null,
): Segment[] {
  const parsed = parseJobKey(key);
  const segments: Segment[] = [
    seg('‹ ', { dim: true }),
    seg(sanitizeInline(job?.source ?? parsed?.source ?? key, 120), { bold: true }),
    seg(' / ', { dim: true }),
    seg(sanitizeInline(job?.id ?? parsed?.id ?? '', 200), { bold: true, color: COLORS.accent }),
  ];
  if (job)
    segments.push(
      seg('  '),
      seg(`${STATE_SYMBOLS[job.state]} ${job.state}`, { color: STATE_COLORS[job.state], bold: true }),
    );
  if (action)
    segments.push(seg('  '), seg(action.text, { color: ACTION_COLORS[action.phase], bold: true, inverse: true }));
  if (job) segments.push(seg(`  ${sanitizeInline(job.type, 200)}`));
  if (depth > 1)
    segments.push(seg(`  (opened from its ${depth === 2 ? 'parent' : `${depth - 1} levels up`})`, { dim: true }));
  return fitLine(segments, width);
}

/** The tab bar; the current tab inverse, tabs the source cannot fill dimmed. */
export function tabBar(detail: DetailState, source: SourceSnapshot | undefined, width: number): Segment[] {
  const segments: Segment[] = [];
  DETAIL_TABS.forEach((tab, index) => {
    const capability = tab === 'steps' || tab === 'messages' || tab === 'result' ? source?.capabilities[tab] : true;
    const label = ` ${index + 1} ${TAB_TITLES[tab]} `;
    segments.push(
      tab === detail.tab ? seg(label, { inverse: true, bold: true }) : seg(label, { dim: capability === false }),
    );
    segments.push(seg(' '));
  });
  return fitLine(segments, width);
}

/** The status line of the detail: where the data comes from and how fresh it is, and the scroll position. */
export function statusLine(
  snapshot: DetailSnapshot | null,
  job: Job | null,
  source: SourceSnapshot | undefined,
  position: string,
  now: number,
  width: number,
  paused = false,
): Segment[] {
  const name = sanitizeInline(job?.source ?? source?.name ?? 'its source', 120);
  let segments: Segment[];
  const listStale = source ? sourceStaleness(source, paused, now) : null;
  const fetchedAt =
    snapshot?.status === 'ok' && source?.capabilities.detail !== false
      ? snapshot.lastSuccessAt
      : (source?.lastSuccessAt ?? null);
  if (snapshot?.status === 'error' && snapshot.lastSuccessAt !== null) {
    // why: every tab shows the last good detail; say how old it is before anything else.
    segments = [
      seg(`${STALE_MARK} last known, ${formatAge(Math.max(0, now - snapshot.lastSuccessAt))} old`, {
        color: COLORS.warning,
        bold: true,
      }),
      seg(` — ✖ ${sanitizeInline(snapshot.error?.short ?? 'error', 80)}`, { color: COLORS.error, bold: true }),
      seg(snapshot.error?.message ? `  ${sanitizeInline(snapshot.error.message, 300)}` : '', { dim: true }),
    ];
  } else if (listStale && (paused || !source?.capabilities.detail || snapshot?.status !== 'ok')) {
    segments = [
      seg(
        staleSentence(
          { ...listStale, ageMs: fetchedAt === null ? listStale.ageMs : Math.max(0, now - fetchedAt) },
          source?.error?.short,
        ),
        { color: COLORS.warning, bold: true },
      ),
    ];
  } else if (source && !source.capabilities.detail) {
    segments = [seg(`${VENDOR_NAMES[source.vendor]} has no per-job detail: showing the list's fields`, { dim: true })];
  } else if (!snapshot || snapshot.status === 'loading') {
    segments = [seg('◌ loading detail… ', { color: COLORS.warning }), seg("showing the list's fields", { dim: true })];
  } else if (snapshot.status === 'gone') {
    segments = [seg(`⊘ this job no longer exists on ${name}`, { color: COLORS.warning, bold: true })];
  } else if (snapshot.status === 'error') {
    segments = [
      seg(`✖ ${sanitizeInline(snapshot.error?.short ?? 'error', 80)}`, { color: COLORS.error, bold: true }),
      seg(
        snapshot.lastSuccessAt === null
          ? ' — no detail yet'
          : ` — last good detail ${formatAgo(now, snapshot.lastSuccessAt)}`,
        { color: COLORS.warning },
      ),
      seg(snapshot.error?.message ? `  ${sanitizeInline(snapshot.error.message, 300)}` : '', { dim: true }),
    ];
  } else {
    segments = [
      seg('✔ ', { color: COLORS.ok }),
      seg(`detail ${formatAgo(now, snapshot.lastSuccessAt)}`, { dim: true }),
      seg(job?.terminal ? ' · final' : ' · polling', { dim: true }),
    ];
  }
  if (position) segments.push(seg(`  ${position}`, { dim: true }));
  return fitLine(segments, width);
}

/** The visible window of a tab and where it sits ("21–40 of 340"). */
export interface TabWindow {
  lines: Segment[][];
  position: string;
}

/** Cuts the tab's window: cursor tabs (Overview, Result) highlight the cursor line; Messages follows the bottom and highlights matches. */
export function tabWindow(
  detail: DetailState,
  content: readonly ContentLine[],
  height: number,
  width: number,
): TabWindow {
  const count = content.length;
  let top: number;
  let cursor = -1;
  if (detail.tab === 'overview' || detail.tab === 'result') {
    const pane = detail.tab === 'overview' ? detail.overview : detail.result;
    cursor = Math.min(pane.cursor, Math.max(0, count - 1));
    top = windowTop(pane.top, cursor, height, count);
  } else if (detail.tab === 'messages') {
    top = detail.messages.top === null ? Math.max(0, count - height) : clampTop(detail.messages.top, height, count);
  } else {
    top = clampTop(detail.tab === 'steps' ? detail.steps.top : detail.raw.top, height, count);
  }
  const lines = content.slice(top, top + height).map((line, offset) => {
    const index = top + offset;
    const segments =
      detail.tab === 'messages' && detail.search
        ? highlightMatches(line, detail.search, index === detail.match)
        : line.segments;
    return index === cursor
      ? fitLine(restyle(segments, { inverse: true }), width, { inverse: true })
      : fitLine(segments, width);
  });
  const follow = detail.tab === 'messages' && detail.messages.top === null && count > height ? ' · following' : '';
  const position =
    count > height
      ? `${formatCount(top + 1)}–${formatCount(Math.min(count, top + height))} of ${formatCount(count)}${follow}`
      : '';
  return { lines, position };
}
