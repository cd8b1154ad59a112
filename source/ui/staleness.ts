/**
 * Which data on the screen is not current, decided in one pure place and read wherever data
 * is drawn: a source that is failing or backing off keeps its last good jobs, and a paused
 * monitor polls nothing — their rows carry the ⧗ mark in text (not only colour), their time
 * columns show the data's age instead of counting on, and detail tabs say how old they are.
 */
import { formatAge } from '../domain/format.js';
import type { FleetSnapshot, SourceSnapshot } from '../store/types.js';

/** The mark of stale data: rows, the health cell, detail tabs and the help legend. */
export const STALE_MARK = '⧗';

/** Why a source's data is not current, with the age of its last good data. */
export interface Staleness {
  reason: 'failing' | 'paused';
  /** Age of the last good data (ms); null when there never was any. */
  ageMs: number | null;
  /** When that data was fetched (epoch ms), or null. */
  fetchedAt: number | null;
}

/** A source's staleness now, or null when its data is live: failing (or backing off after a failure) or paused. */
export function sourceStaleness(
  source: Pick<SourceSnapshot, 'status' | 'lastSuccessAt'>,
  paused: boolean,
  now: number,
): Staleness | null {
  const ageMs = source.lastSuccessAt === null ? null : Math.max(0, now - source.lastSuccessAt);
  if (source.status === 'error') return { reason: 'failing', ageMs, fetchedAt: source.lastSuccessAt };
  if (paused && source.status === 'ok') return { reason: 'paused', ageMs, fetchedAt: source.lastSuccessAt };
  return null;
}

/** Staleness of every source that is not live, by source name (an empty map when all are). */
export function staleSources(
  fleet: Pick<FleetSnapshot, 'sources' | 'paused'>,
  now: number,
): ReadonlyMap<string, Staleness> {
  const out = new Map<string, Staleness>();
  for (const source of fleet.sources) {
    const staleness = sourceStaleness(source, fleet.paused, now);
    if (staleness) out.set(source.name, staleness);
  }
  return out;
}

/** "2m", "3h": an age in its largest unit, for a narrow cell. */
function coarseAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** "⧗ 1m04s": a time cell of stale data (its age) in at most `width` cells ("⧗ 1m" when narrow), or "⧗" when its age is unknown. */
export function staleAgeText(staleness: Staleness, width = Number.POSITIVE_INFINITY): string {
  if (staleness.ageMs === null) return STALE_MARK;
  const full = `${STALE_MARK} ${formatAge(staleness.ageMs)}`;
  if ([...full].length <= width) return full;
  const tight = `${STALE_MARK}${formatAge(staleness.ageMs)}`;
  if ([...tight].length <= width) return tight;
  const coarse = `${STALE_MARK} ${coarseAge(staleness.ageMs)}`;
  return [...coarse].length <= width ? coarse : `${STALE_MARK}${coarseAge(staleness.ageMs)}`;
}

/** "last known, 1m04s old" (with why: "paused", or the source failing) for detail tabs. */
export function staleSentence(staleness: Staleness, failure?: string | null): string {
  const age = staleness.ageMs === null ? 'of unknown age' : `${formatAge(staleness.ageMs)} old`;
  const why =
    staleness.reason === 'paused' ? 'updates are paused' : `the source is failing${failure ? `: ${failure}` : ''}`;
  return `${STALE_MARK} last known, ${age} — ${why}`;
}
