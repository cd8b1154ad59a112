/**
 * Follows one job's detail: fetches it at once, then at the poll interval while the job is
 * active; stops polling once it is terminal. Keeps the last good detail while failing.
 */
import type { Job, JobDetail } from '../domain/job.js';
import type { JobSource } from '../adapters/contract.js';
import { toSourceError } from '../adapters/errors.js';
import { nextPollDelay } from './backoff.js';
import type { DetailSnapshot } from './types.js';

/** What the watcher needs from the store. */
export interface DetailWatcherOptions {
  lookup(key: string): { source: JobSource; id: string; job: Job | undefined } | undefined;
  intervalMs(): number;
  now(): number;
  random(): number;
  maxMessages: number;
}

/** A detail watcher: one active subscription per key, any number of listeners. */
export interface DetailWatcher {
  watch(key: string, listener: (snapshot: DetailSnapshot) => void): () => void;
  setPaused(paused: boolean): void;
  stopAll(): void;
}

interface Watch {
  key: string;
  listeners: Set<(snapshot: DetailSnapshot) => void>;
  snapshot: DetailSnapshot;
  timer: ReturnType<typeof setTimeout> | undefined;
  failures: number;
  stopped: boolean;
}

/** Creates the detail watcher used by the fleet store. */
export function createDetailWatcher(options: DetailWatcherOptions): DetailWatcher {
  const watches = new Map<string, Watch>();
  let paused = false;

  function emit(watch: Watch): void {
    for (const listener of [...watch.listeners]) listener(watch.snapshot);
  }

  function scheduleNext(watch: Watch): void {
    clearTimeout(watch.timer);
    watch.timer = undefined;
    const detail = watch.snapshot.detail;
    const finished = watch.snapshot.status === 'gone' || (detail !== null && detail.terminal && watch.failures === 0);
    if (watch.stopped || paused || finished) return;
    watch.timer = setTimeout(
      () => void fetch(watch),
      nextPollDelay(options.intervalMs(), watch.failures, options.random),
    );
  }

  async function fetch(watch: Watch): Promise<void> {
    const target = options.lookup(watch.key);
    if (!target) {
      watch.snapshot = { ...watch.snapshot, status: 'gone' };
      emit(watch);
      return;
    }
    if (!target.source.capabilities.detail) {
      // The list record is all the source has: present it as the detail.
      watch.snapshot = target.job
        ? {
            key: watch.key,
            status: 'ok',
            detail: listJobAsDetail(target.job),
            error: null,
            lastSuccessAt: options.now(),
          }
        : { ...watch.snapshot, status: 'gone' };
      emit(watch);
      if (target.job && !target.job.terminal) scheduleNext(watch);
      return;
    }
    try {
      const detail = await target.source.detail(target.id);
      if (watch.stopped) return;
      watch.failures = 0;
      watch.snapshot = detail
        ? {
            key: watch.key,
            status: 'ok',
            detail: capMessages(detail, options.maxMessages),
            error: null,
            lastSuccessAt: options.now(),
          }
        : { ...watch.snapshot, status: 'gone', error: null };
    } catch (error) {
      if (watch.stopped) return;
      watch.failures += 1;
      const failure = toSourceError(target.source.name, error);
      watch.snapshot = {
        ...watch.snapshot,
        status: 'error',
        error: { kind: failure.kind, short: failure.short, message: failure.message, status: failure.status },
        // why: until a detail arrives, tabs can show what the job's last good list record carries (marked as such).
        listRecord:
          watch.snapshot.lastSuccessAt === null
            ? listRecordDetail(target.source, target.job, options.maxMessages)
            : null,
      };
    }
    emit(watch);
    scheduleNext(watch);
  }

  return {
    watch(key, listener) {
      let watch = watches.get(key);
      if (!watch) {
        const target = options.lookup(key);
        watch = {
          key,
          listeners: new Set(),
          snapshot: {
            key,
            status: 'loading',
            detail: target?.job ? listJobAsDetail(target.job) : null,
            error: null,
            lastSuccessAt: null,
            listRecord: target ? listRecordDetail(target.source, target.job, options.maxMessages) : null,
          },
          timer: undefined,
          failures: 0,
          stopped: false,
        };
        watches.set(key, watch);
        void fetch(watch);
      }
      watch.listeners.add(listener);
      listener(watch.snapshot);
      const current = watch;
      return () => {
        current.listeners.delete(listener);
        if (current.listeners.size === 0) {
          current.stopped = true;
          clearTimeout(current.timer);
          watches.delete(key);
        }
      };
    },
    setPaused(value) {
      paused = value;
      for (const watch of watches.values()) {
        if (paused) clearTimeout(watch.timer);
        else scheduleNext(watch);
      }
    },
    stopAll() {
      for (const watch of watches.values()) {
        watch.stopped = true;
        clearTimeout(watch.timer);
      }
      watches.clear();
    },
  };
}

/** A list job presented as a detail with nothing beyond the list's fields. */
export function listJobAsDetail(job: Job): JobDetail {
  return { ...job, steps: null, messages: null, result: undefined, outputs: null };
}

/** What the job's last good list record carries of its detail (VectorCharts inline logs), capped like a detail; null when nothing. */
function listRecordDetail(source: JobSource, job: Job | undefined, maxMessages: number): JobDetail | null {
  if (!job || !source.listRecordDetail) return null;
  try {
    return capMessages(source.listRecordDetail(job), maxMessages);
  } catch {
    // why: a list record the normalizer cannot read costs the fallback, never the detail view.
    return null;
  }
}

function capMessages(detail: JobDetail, max: number): JobDetail {
  if (!detail.messages || detail.messages.length <= max) return detail;
  // Keep the newest: an operator follows the tail of a log.
  return { ...detail, messages: detail.messages.slice(detail.messages.length - max) };
}
