/**
 * A poll round that changes nothing the job list shows costs no render. Every successful poll
 * moves a source's bookkeeping (when it last answered, how long it took, when the next poll is
 * due), so the store's snapshot is new every round; the list shows none of it but the age of the
 * last good data, at list resolution for a healthy source ("OK <1m ago"). The App asks this
 * before waking React for a store update while the list is on screen; the sources screen and
 * the detail view, which show the bookkeeping, are always woken (docs/performance.md).
 */
import { isDeepStrictEqual } from 'node:util';
import { formatListAge } from '../domain/format.js';
import type { FleetSnapshot, SourceSnapshot } from '../store/types.js';

/** Fields of a source the job list does not draw (the sources screen does). */
const BOOKKEEPING = new Set<string>([
  'lastSuccessAt',
  'lastLatencyMs',
  'pollsLastMinute',
  'nextPollAt',
  'nextPollDelayMs',
  'failingSince',
  // why: the session's request rate and token expiry are drawn by the sources screen only, which hears every round.
  'session',
  'jobs',
]);

/** True when the job list drawn from `next` at `now` reads exactly as drawn from `shown`. */
export function sameListScreen(shown: FleetSnapshot, next: FleetSnapshot, now: number): boolean {
  if (shown === next) return true;
  if (
    shown.jobs !== next.jobs ||
    shown.paused !== next.paused ||
    shown.intervalMs !== next.intervalMs ||
    !sameItems(shown.actions, next.actions) ||
    !sameEntries(shown.changed, next.changed) ||
    shown.sources.length !== next.sources.length
  )
    return false;
  return shown.sources.every((source, index) => sameShownSource(source, next.sources[index], now, next.paused));
}

function sameShownSource(a: SourceSnapshot, b: SourceSnapshot, now: number, paused: boolean): boolean {
  if (a === b) return true;
  if (a.jobs !== b.jobs || !sameShownAge(a, b, now, paused)) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  // why: plain loops over both key lists (a key only one side has compares with undefined), no
  // merged set per source per round: a quiet round should allocate next to nothing.
  for (const key of Object.keys(x)) if (!sameShownField(key, x, y)) return false;
  for (const key of Object.keys(y)) if (!Object.hasOwn(x, key) && !sameShownField(key, x, y)) return false;
  return true;
}

/** Whether a source field the list draws reads the same on both sides (bookkeeping always does). */
function sameShownField(key: string, x: Record<string, unknown>, y: Record<string, unknown>): boolean {
  if (BOOKKEEPING.has(key)) return true;
  const before = x[key];
  const after = y[key];
  // why: a poll brings new objects for counts, warnings and errors even when their contents are the same.
  return before === after || isDeepStrictEqual(before, after);
}

/**
 * The health cell's age of the last good data: at list resolution while healthy, exact otherwise
 * (header-lines.ts); while paused the rows show their data's age too (staleness.ts), so any change counts.
 */
function sameShownAge(a: SourceSnapshot, b: SourceSnapshot, now: number, paused: boolean): boolean {
  if (a.lastSuccessAt === b.lastSuccessAt) return true;
  if (paused || a.lastSuccessAt === null || b.lastSuccessAt === null || a.status !== 'ok' || b.status !== 'ok')
    return false;
  return formatListAge(now - a.lastSuccessAt) === formatListAge(now - b.lastSuccessAt);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((item, index) => item === b[index]));
}

function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
