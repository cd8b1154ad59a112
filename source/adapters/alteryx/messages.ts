/** Engine messages and output files of a job, as the detail and messages endpoints return them. */
import type { JobMessage, JobOutput, MessageLevel } from '../../domain/job.js';
import { asArray, asNumber, asRecord, asString } from '../read-fields.js';

/** Engine message status bit marking a transient variant (goalteryx `message_status.go`). */
const TRANSIENT_BIT = 0x40000000;

/** Severity of an engine message status code: 1 info, 2 warning, 3 error, 4 complete, 5 field conversion, 8/9 files. */
export function alteryxMessageLevel(status: unknown): MessageLevel {
  const code = asNumber(status);
  if (code === null) return 'info';
  switch (code & ~TRANSIENT_BIT) {
    case 2:
    case 5:
      return 'warning';
    case 3:
      return 'error';
    case 10:
    case 50:
    case 70:
      // why: output meta info, record counts and browse file names are bookkeeping, not news.
      return 'debug';
    default:
      return 'info';
  }
}

/** Normalizes engine messages: an array, or the single object the docs show. */
export function normalizeAlteryxMessages(value: unknown): JobMessage[] {
  const items = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : [];
  return items.map((item) => {
    const record = asRecord(item);
    const toolId = asNumber(record.toolId);
    return {
      timestamp: null,
      level: alteryxMessageLevel(record.status),
      text: asString(record.text) ?? '',
      // why: tool ids start at 1; 0 and below are the engine's own messages.
      origin: toolId === null ? null : toolId > 0 ? `tool ${toolId}` : 'engine',
    };
  });
}

/** Normalizes a detail's `outputs` (the files a successful run wrote). */
export function normalizeAlteryxOutputs(value: unknown): JobOutput[] {
  return asArray(value).map((item) => {
    const record = asRecord(item);
    const id = asString(record.id) ?? '';
    return {
      id,
      name: asString(record.fileName) ?? id,
      formats: asArray(record.availableFormats)
        .map(asString)
        .filter((format): format is string => format !== null),
    };
  });
}
