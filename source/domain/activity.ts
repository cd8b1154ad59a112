/**
 * Jobs finished and failed per minute and source over the last half hour, for the sources
 * screen's sparklines. A pure reducer folds each poll's list in, counting each job once,
 * in the minute it finished. Imports only the domain.
 */
import type { Job } from './job.js';

/** Minutes the sparkline covers. */
export const ACTIVITY_MINUTES = 30;

const MINUTE = 60_000;

/** Per source: minute (epoch minutes) → jobs that finished (any end) and failed in it. */
export interface ActivityHistory {
  readonly perSource: ReadonlyMap<string, ReadonlyMap<number, { finished: number; failed: number }>>;
  readonly counted: ReadonlySet<string>;
}

/** Nothing counted yet. */
export const NO_ACTIVITY: ActivityHistory = { perSource: new Map(), counted: new Set() };

/** Folds a poll's jobs in: each terminal job with a finish time inside the window counts once. */
export function recordActivity(history: ActivityHistory, jobs: readonly Job[], now: number): ActivityHistory {
  const oldest = Math.floor(now / MINUTE) - ACTIVITY_MINUTES + 1;
  let perSource: Map<string, Map<number, { finished: number; failed: number }>> | null = null;
  let counted: Set<string> | null = null;
  for (const job of jobs) {
    if (!job.terminal || job.finishedAt === null || history.counted.has(job.key) || counted?.has(job.key)) continue;
    const minute = Math.floor(job.finishedAt / MINUTE);
    if (minute < oldest) continue;
    perSource ??= new Map([...history.perSource].map(([name, minutes]) => [name, new Map(minutes)]));
    counted ??= new Set(history.counted);
    const minutes = perSource.get(job.source) ?? new Map<number, { finished: number; failed: number }>();
    const cell = minutes.get(minute) ?? { finished: 0, failed: 0 };
    const failed = job.state === 'failed' || job.state === 'partial';
    minutes.set(minute, { finished: cell.finished + 1, failed: cell.failed + (failed ? 1 : 0) });
    perSource.set(job.source, minutes);
    counted.add(job.key);
  }
  if (!perSource || !counted) return history;
  for (const minutes of perSource.values())
    for (const minute of [...minutes.keys()]) if (minute < oldest) minutes.delete(minute);
  return { perSource, counted: counted.size > 50_000 ? new Set([...counted].slice(-50_000)) : counted };
}

/** A source's counts per minute over the window ending at `now`, oldest first. */
export function activitySeries(
  history: ActivityHistory,
  source: string,
  now: number,
): { finished: number[]; failed: number[] } {
  const last = Math.floor(now / MINUTE);
  const minutes = history.perSource.get(source);
  const finished: number[] = [];
  const failed: number[] = [];
  for (let minute = last - ACTIVITY_MINUTES + 1; minute <= last; minute += 1) {
    const cell = minutes?.get(minute);
    finished.push(cell?.finished ?? 0);
    failed.push(cell?.failed ?? 0);
  }
  return { finished, failed };
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A sparkline of counts: · for zero, ▁…█ scaled to the largest value. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((value) =>
      value <= 0 || max === 0 ? '·' : BARS[Math.min(BARS.length - 1, Math.ceil((value / max) * BARS.length) - 1)],
    )
    .join('');
}
