/**
 * The main screen's header: a title bar, one health cell per source (status, reason of
 * failure, age of the last good data that keeps counting while failing, badges) and the
 * counts by state, for the fleet and optionally per source.
 */
import { VENDOR_NAMES } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { displayWidth, truncateToWidth } from '../../domain/text-width.js';
import { formatAge, formatCount, formatListAge, listAgeChangesIn } from '../../domain/format.js';
import {
  fleetFetchedTotal,
  fleetStateCounts,
  sourceFetchedTotal,
  sourceStateCounts,
  type StateCountCell,
} from '../../domain/counts.js';
import { describeFilter } from '../../domain/filter.js';
import { SORT_LABELS, type SortSpec } from '../../domain/sort.js';
import type { JobFilter } from '../../domain/filter.js';
import type { SourceSnapshot } from '../../store/types.js';
import { fitLine, lineWidth, seg, type Segment } from '../line.js';
import { COLORS, STATE_COLORS, STATE_SYMBOLS } from '../theme.js';
import { STALE_MARK } from '../staleness.js';

/** What the title bar shows. */
export interface TitleInput {
  sources: readonly SourceSnapshot[];
  visible: number;
  all: number;
  sort: SortSpec;
  filter: JobFilter;
  readonly: boolean;
  width: number;
  /** Jobs marked for a bulk action. */
  marked?: number;
  /** The rows in view when the list scrolls (1-based, inclusive): "41–60 of 256". */
  window?: { from: number; to: number };
}

/** "jobtop  120 of 1,000 jobs · showing 1,000 of 6,512 · sort active+priority▼ · filter /x". */
export function titleLine(input: TitleInput): Segment[] {
  const fetched = fleetFetchedTotal(input.sources);
  const segments: Segment[] = [seg('jobtop', { bold: true, color: COLORS.accent }), seg('  ')];
  segments.push(
    seg(
      input.visible === input.all
        ? `${formatCount(input.all)} jobs`
        : `${formatCount(input.visible)} of ${formatCount(input.all)} jobs`,
      { bold: true },
    ),
  );
  if (input.window)
    segments.push(
      seg(` · ${formatCount(input.window.from)}–${formatCount(input.window.to)} of ${formatCount(input.visible)}`, {
        dim: true,
      }),
    );
  if (fetched.total !== null)
    segments.push(
      seg(` · showing ${formatCount(fetched.shown)} of ${formatCount(fetched.total)}`, { color: COLORS.warning }),
    );
  segments.push(seg(` · sort ${SORT_LABELS[input.sort.key]}${input.sort.reverse ? '▲' : '▼'}`, { dim: true }));
  const filter = describeFilter(input.filter);
  if (filter)
    segments.push(seg(' · filter ', { dim: true }), seg(sanitizeInline(filter, 200), { color: COLORS.accent }));
  if (input.marked)
    segments.push(
      seg(`  ◆ ${formatCount(input.marked)} marked`, { bold: true, color: COLORS.accent }),
      seg(' (u unmarks)', { dim: true }),
    );
  if (input.readonly) segments.push(seg('  READ-ONLY', { bold: true, color: COLORS.warning }));
  return fitLine(segments, input.width);
}

/** One source's health cell in at most `width` cells: the vendor name goes first, then the name and the
 * failure reason shrink, so the status and the age of the last good data stay readable. While polling
 * is paused every cell says so with the stale mark and the data's age, like the rows. */
export function sourceCell(source: SourceSnapshot, now: number, width: number, paused = false): Segment[] {
  // why: a list that answered while its enrichment failed is not "OK": N jobs' outcomes are unknown (docs/faults.md).
  const degraded = source.status === 'ok' && source.incomplete ? source.incomplete : null;
  const symbol = degraded
    ? seg('▲ ', { color: COLORS.warning })
    : source.status === 'ok'
      ? seg('✔ ', { color: COLORS.ok })
      : source.status === 'error'
        ? seg('✖ ', { color: COLORS.error })
        : seg('◌ ', { color: COLORS.warning });
  // why: a healthy source's age at list resolution keeps the header still between polls; a failing
  // source's stale age counts in seconds (sourceChangesAt).
  const age =
    source.lastSuccessAt === null
      ? null
      : source.status === 'ok' && !paused
        ? formatListAge(now - source.lastSuccessAt)
        : formatAge(now - source.lastSuccessAt);
  const reason = sanitizeInline(source.error?.short ?? 'error', 60);
  // why: paused data is as old as a failing source's: the same ⧗ and an age that counts (docs/usage.md).
  const pausedText = age ? `${STALE_MARK} paused ${age}` : `${STALE_MARK} paused`;
  const status = (reasonText: string): Segment[] =>
    degraded
      ? [
          seg(`degraded: ${formatCount(degraded.jobs)} unknown`, { color: COLORS.warning, bold: true }),
          paused ? seg(` ${pausedText}`, { color: COLORS.warning }) : seg(age ? ` ${age} ago` : '', { dim: true }),
        ]
      : source.status === 'ok'
        ? paused
          ? [seg(pausedText, { color: COLORS.warning })]
          : [seg('OK', { color: COLORS.ok }), seg(age ? ` ${age} ago` : '', { dim: true })]
        : source.status === 'error'
          ? [
              seg(reasonText, { color: COLORS.error, bold: true }),
              seg(age ? ` ${STALE_MARK} stale ${age}` : ' no data', { color: COLORS.warning }),
              ...(paused ? [seg(', paused', { color: COLORS.warning })] : []),
            ]
          : [seg('loading…', { color: COLORS.warning })];
  const badges: Segment[] = [];
  if (source.readonly) badges.push(seg(' RO', { color: COLORS.muted, bold: true }));
  if (source.insecure) badges.push(seg(' INSECURE', { color: COLORS.error, bold: true }));
  // why: a declared field that does not resolve costs data, not the poll: the source stays OK but says it is incomplete.
  if (source.status === 'ok' && (source.warnings?.length ?? 0) > 0)
    badges.push(seg(' FIELDS?', { color: COLORS.warning, bold: true }));
  const name = sanitizeInline(source.name, 120);
  const vendor = seg(` ${VENDOR_NAMES[source.vendor] ?? source.vendor}`, { dim: true });
  const build = (nameText: string, reasonText: string, withVendor: boolean) => [
    symbol,
    seg(nameText, { bold: true }),
    ...(withVendor ? [vendor] : []),
    seg(' '),
    ...status(reasonText),
    ...badges,
  ];
  let line = build(name, reason, true);
  if (lineWidth(line) > width) line = build(name, reason, false);
  if (lineWidth(line) > width) {
    const shortName = truncateToWidth(name, Math.max(6, displayWidth(name) - (lineWidth(line) - width)));
    line = build(shortName, reason, false);
    if (lineWidth(line) > width)
      line = build(
        shortName,
        truncateToWidth(reason, Math.max(6, displayWidth(reason) - (lineWidth(line) - width))),
        false,
      );
  }
  return fitLine(line, width, {});
}

/** When a source's health cell drawn at `now` next reads differently (Infinity: not by itself). */
export function sourceChangesAt(source: SourceSnapshot, now: number, paused = false): number {
  if (source.lastSuccessAt === null || source.status === 'loading') return Infinity;
  return sourceAgeAtListResolution(source, paused) ? now + listAgeChangesIn(now - source.lastSuccessAt) : now + 1000;
}

/** True when a source's health cell shows its data's age at list resolution (healthy, polling); else it counts seconds. */
export function sourceAgeAtListResolution(source: SourceSnapshot, paused = false): boolean {
  return source.status === 'ok' && !paused;
}

/** The compact health area: `perLine` cells per line, at most `lines` lines; overflow becomes "+N more". */
export function sourceLines(
  sources: readonly SourceSnapshot[],
  now: number,
  width: number,
  perLine: number,
  lines: number,
  paused = false,
): Segment[][] {
  const out: Segment[][] = [];
  const capacity = perLine * lines;
  const shown = sources.length > capacity ? sources.slice(0, Math.max(0, capacity - 1)) : sources;
  const cellWidth = Math.floor(width / perLine);
  for (let line = 0; line < lines; line += 1) {
    const row: Segment[] = [];
    for (const source of shown.slice(line * perLine, (line + 1) * perLine))
      row.push(...sourceCell(source, now, cellWidth - 1, paused), seg(' '));
    if (line === lines - 1 && shown.length < sources.length)
      row.push(seg(`+${sources.length - shown.length} more sources`, { dim: true }));
    out.push(fitLine(row, width));
  }
  return out;
}

function countSegments(cells: readonly StateCountCell[], labels: boolean): Segment[] {
  const out: Segment[] = [];
  for (const cell of cells) {
    const value =
      cell.vendor !== null ? `${formatCount(cell.shown)}/${formatCount(cell.vendor)}` : formatCount(cell.shown);
    const style = cell.shown === 0 && cell.vendor === null ? { dim: true } : { color: STATE_COLORS[cell.state] };
    if (out.length > 0) out.push(seg(labels ? '  ' : ' '));
    out.push(
      seg(
        labels ? `${STATE_SYMBOLS[cell.state]} ${value} ${cell.state}` : `${STATE_SYMBOLS[cell.state]}${value}`,
        style,
      ),
    );
  }
  return out;
}

/** Counts by state with labels when they fit, symbols only otherwise. */
export function countsSegments(cells: readonly StateCountCell[], width: number): Segment[] {
  const labelled = countSegments(cells, true);
  return lineWidth(labelled) <= width ? labelled : countSegments(cells, false);
}

/** The fleet's counts line: "All  ◌ 3 queued  ● 5 running …". */
export function fleetCountsLine(sources: readonly SourceSnapshot[], width: number): Segment[] {
  const prefix = seg('All  ', { bold: true });
  return fitLine([prefix, ...countsSegments(fleetStateCounts(sources), width - displayWidth(prefix.text))], width);
}

/**
 * The server's own counters (MCRIT /jobs/stats), dim and labelled as such: "server counters: 41
 * finished, 5 in_progress". why: they drift from the jobs that exist, so they are never a count.
 */
function serverCountersSegments(source: SourceSnapshot): Segment[] {
  const counts = source.serverCounters?.counts;
  if (!counts) return [];
  const parts = Object.entries(counts).map(([state, count]) => `${formatCount(count)} ${sanitizeInline(state, 40)}`);
  return parts.length === 0 ? [] : [seg(`  server counters: ${parts.join(', ')}`, { dim: true })];
}

/** Per-source lines: the health cell, then that source's counts and "200/5,312" when the vendor has more. */
export function perSourceLines(
  sources: readonly SourceSnapshot[],
  now: number,
  width: number,
  lines: number,
  paused = false,
): Segment[][] {
  const cellWidth = Math.min(46, Math.max(24, Math.floor(width * 0.45)));
  const hidden = sources.length > lines ? sources.length - lines + 1 : 0;
  const shown = hidden > 0 ? sources.slice(0, lines - 1) : sources;
  const out = shown.map((source) => {
    const fetched = sourceFetchedTotal(source);
    const total =
      fetched.total === null
        ? []
        : [seg(`  ${formatCount(fetched.shown)} of ${formatCount(fetched.total)}`, { color: COLORS.warning })];
    const counts = countSegments(
      sourceStateCounts(source).filter((cell) => cell.shown > 0 || cell.vendor !== null),
      false,
    );
    return fitLine(
      [
        ...sourceCell(source, now, cellWidth, paused),
        seg(' │ ', { dim: true }),
        ...(counts.length > 0 ? counts : [seg('no jobs', { dim: true })]),
        ...total,
        ...serverCountersSegments(source),
      ],
      width,
    );
  });
  if (hidden > 0) out.push(fitLine([seg(`+${hidden} more sources (o shows one at a time)`, { dim: true })], width));
  return out;
}
