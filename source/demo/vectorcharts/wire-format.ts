/** The Portal's job, step and log records exactly as `GET /api/portal/v1/jobs` sends them. */

/** A log entry as the Portal sends it. */
export interface VectorChartsLogRecord {
  timestamp: string;
  type: 'info' | 'warning' | 'error';
  message: string;
}

/** A step record as the Portal sends it (not part of its stable surface; observed fields). */
export interface VectorChartsStepRecord {
  id: string;
  jobId: string;
  stepName: string;
  status: string;
  startedAt: number | null;
  completedAt: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
  attempt: number;
}

/** A job record exactly as `GET /api/portal/v1/jobs` sends it. */
export interface VectorChartsJobRecord {
  id: string;
  parentJobId: string | null;
  jobType: string;
  jobState: string;
  accountId: number | null;
  parameters: Record<string, unknown>;
  result: Record<string, unknown> | null;
  logs: VectorChartsLogRecord[];
  percentComplete: number;
  priority: number;
  createdAt: number;
  updatedAt: number;
  steps: VectorChartsStepRecord[];
}

/** A pending job record created at `createdAt`, defaults (in wire order) overridden by `fields`. */
export function newJobRecord(
  id: string,
  createdAt: number,
  fields: Partial<VectorChartsJobRecord>,
): VectorChartsJobRecord {
  return {
    id,
    parentJobId: null,
    jobType: 'clear-tiles',
    jobState: 'pending',
    accountId: null,
    parameters: {},
    result: null,
    logs: [],
    percentComplete: 0,
    priority: 0,
    createdAt,
    updatedAt: createdAt,
    steps: [],
    ...fields,
  };
}

/** A log entry at `at` (epoch ms), with the ISO timestamp the Portal sends. */
export function logEntry(at: number, type: VectorChartsLogRecord['type'], message: string): VectorChartsLogRecord {
  return { timestamp: new Date(at).toISOString(), type, message };
}
