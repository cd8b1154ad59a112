/**
 * Generates a Vectara job and plans its whole lifecycle when it is created, so all randomness is
 * drawn up front and the state at a given clock does not depend on how often `tick` runs.
 */
import { pick } from '../kit.js';
import { CORPORA, SECOND, USERS } from './constants.js';
import { TERMINAL, type LifecycleEvent, type StoredJob, type VectaraSimulatedType } from './types.js';
import { floorToSecond } from './wire-format.js';

/** The id of the job created `sequence`-th. */
export const jobId = (sequence: number) => `job_${1000 + sequence}`;

/** A new queued job created at `createdAt` (floored to the second), with its lifecycle planned. */
export function generateJob(random: () => number, sequence: number, createdAt: number): StoredJob {
  const roll = random();
  const type: VectaraSimulatedType =
    roll < 0.55 ? 'replace_filter_attributes' : roll < 0.97 ? 'rebuild_vector_index' : 'unknown';
  const corpus = pick(random, CORPORA);
  const username =
    type === 'replace_filter_attributes' || (type === 'rebuild_vector_index' && random() < 0.4)
      ? pick(random, USERS)
      : null;
  const created = floorToSecond(createdAt);
  return {
    id: jobId(sequence),
    type,
    corpusKeys: [corpus.key],
    corpusIds: [corpus.id],
    state: 'queued',
    createdAt: created,
    startedAt: null,
    completedAt: null,
    username,
    sequence,
    events: planLifecycle(random, created, type),
    nextEvent: 0,
  };
}

/** queued → started → (completed | failed | aborted | failed_will_retry → started → …), at most 3 attempts. */
function planLifecycle(random: () => number, createdAt: number, type: VectaraSimulatedType): LifecycleEvent[] {
  let at = createdAt + (3 + random() * 50) * SECOND;
  if (random() < 0.03) return [{ at, state: 'aborted' }];
  const events: LifecycleEvent[] = [{ at, state: 'started' }];
  const [shortest, longest] =
    type === 'rebuild_vector_index' ? [90, 900] : type === 'replace_filter_attributes' ? [15, 180] : [30, 300];
  for (let attempt = 1; ; attempt++) {
    const duration = (shortest + random() * (longest - shortest)) * SECOND;
    if (attempt < 3 && random() < 0.12) {
      at += duration * (0.2 + random() * 0.8);
      events.push({ at, state: 'failed_will_retry' });
      at += (20 + random() * 70) * SECOND;
      events.push({ at, state: 'started' });
      continue;
    }
    const outcome = random();
    events.push({ at: at + duration, state: outcome < 0.84 ? 'completed' : outcome < 0.94 ? 'failed' : 'aborted' });
    return events;
  }
}

/** Applies the job's planned events due by `until`. */
export function advance(job: StoredJob, until: number): void {
  while (job.nextEvent < job.events.length && job.events[job.nextEvent].at <= until) {
    const event = job.events[job.nextEvent++];
    job.state = event.state;
    if (event.state === 'started') {
      job.startedAt = floorToSecond(event.at);
    } else if (TERMINAL.has(event.state)) {
      job.completedAt = floorToSecond(event.at);
    }
  }
}
