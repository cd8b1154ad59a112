/**
 * The action history: every action jobtop sent or refused — who, what, when, the request,
 * the HTTP status and the confirmed outcome — appended as JSON lines to
 * `$XDG_STATE_HOME/jobtop/history.jsonl` (0600), so "what did I cancel yesterday" has an
 * answer (`jobtop history`, the monitor's history view). Only chosen fields are written:
 * never headers or credentials, and token-like text in messages is masked.
 */
import { appendFileSync, chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import type { PendingAction } from './types.js';

/** One line of the history file. */
export interface HistoryEntry {
  /** When the action was asked for (ISO 8601, UTC). */
  at: string;
  /** When its outcome was settled (ISO 8601), if it was. */
  settledAt: string | null;
  /** The local user who ran jobtop. */
  who: string;
  /** `monitor` or `cli`. */
  via: 'monitor' | 'cli';
  action: string;
  key: string;
  source: string;
  vendor: string;
  jobType: string | null;
  /** The job's state when the action was sent. */
  stateBefore: string | null;
  /** The request as sent (`DELETE /v3/jobs/…`), null when nothing was sent. */
  request: string | null;
  httpStatus: number | null;
  /** done, failed, unknown (no answer, not confirmed by re-reads). */
  outcome: 'done' | 'failed' | 'unknown' | 'requested';
  effect: string | null;
  message: string | null;
  note: string | null;
}

/** The history file in the state directory. */
export function historyPath(stateDir: string): string {
  return join(stateDir, 'history.jsonl');
}

/** Masks credentials that could hide in server text: bearer tokens, JWTs, `token=…`, `password=…`. */
export function maskSecrets(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 ***')
    .replace(/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***')
    .replace(
      /\b(api[-_]?token|apitoken|access_token|token|password|secret|client_secret)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
      '$1$2***',
    );
}

function whoAmI(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const masked = (text: string | undefined | null) => (text ? maskSecrets(text) : null);

/** The history line of one settled action. */
export function historyEntry(
  action: PendingAction,
  job: { source: string; vendor: string },
  via: HistoryEntry['via'],
  who = whoAmI(),
): HistoryEntry {
  return {
    at: iso(action.at) ?? '',
    settledAt: iso(action.settledAt),
    who,
    via,
    action: action.kind,
    key: action.jobKey,
    source: job.source,
    vendor: job.vendor,
    jobType: action.jobType,
    stateBefore: action.stateAtRequest,
    request: action.request ?? null,
    httpStatus: action.httpStatus ?? (action.status === 'done' ? 200 : null),
    outcome: action.status,
    effect: action.outcome?.effect ?? null,
    message: masked(action.outcome?.message ?? action.error),
    note: masked(action.note),
  };
}

/** Appends one entry; the directory is created 0700 and the file kept 0600. Errors are returned, never thrown (the action already happened). */
export function appendHistory(file: string, entry: HistoryEntry): Error | null {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    appendFileSync(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    // why: a file created earlier with a looser umask is tightened on every write.
    chmodSync(file, 0o600);
    return null;
  } catch (error) {
    return error as Error;
  }
}

/**
 * The newest `limit` entries of history text, oldest first; lines that are not entries are skipped.
 * Lines are parsed from the end and parsing stops at `limit`, so a long text costs little.
 */
export function parseHistory(text: string, limit = Number.POSITIVE_INFINITY): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let end = text.length;
  while (end > 0 && entries.length < limit) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as HistoryEntry;
      if (value && typeof value.action === 'string' && typeof value.key === 'string' && typeof value.at === 'string')
        entries.push(value);
    } catch {
      // why: a line cut by a crash mid-write must not hide the rest of the history.
    }
  }
  return entries.reverse();
}

/** Reads the newest `limit` entries (oldest first); lines that are not entries are skipped. A missing file is an empty history. */
export function readHistory(file: string, limit = Number.POSITIVE_INFINITY): HistoryEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseHistory(text, limit);
}

/** How much of the history the monitor's history view reads: the file's tail, never all of a large file. */
export const HISTORY_TAIL = { entries: 500, bytes: 1024 * 1024 } as const;

/** The tail of the history file as read, or why it could not be read. */
export type HistoryTail =
  | {
      status: 'ok';
      file: string;
      /** Oldest first. */
      entries: HistoryEntry[];
      /** Older entries exist that were not read (the file is longer than the tail). */
      partial: boolean;
    }
  | { status: 'error'; file: string; error: string };

/**
 * Reads the newest entries of the history file without reading all of it: at most `limits.bytes`
 * from its end (the first, cut line dropped) and the newest `limits.entries` of those. Asynchronous,
 * so a slow disk never holds up the keyboard. A missing file is an empty history; never throws.
 */
export async function readHistoryTail(
  file: string,
  limits: { entries: number; bytes: number } = HISTORY_TAIL,
): Promise<HistoryTail> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'ok', file, entries: [], partial: false };
    return { status: 'error', file, error: (error as Error).message };
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - limits.bytes);
    const buffer = Buffer.alloc(size - start);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    let text = buffer.subarray(0, filled).toString('utf8');
    // why: a tail that starts mid-file starts mid-line; that first piece is not an entry.
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    // why: one entry more than asked tells whether older ones exist without parsing them all.
    const entries = parseHistory(text, limits.entries + 1);
    return {
      status: 'ok',
      file,
      entries: entries.slice(-limits.entries),
      partial: start > 0 || entries.length > limits.entries,
    };
  } catch (error) {
    return { status: 'error', file, error: (error as Error).message };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** True when `entry` is the record of this session's `action` (same request time, job and kind, from the monitor). */
export function isEntryOf(entry: HistoryEntry, action: Pick<PendingAction, 'at' | 'jobKey' | 'kind'>): boolean {
  return (
    entry.via === 'monitor' &&
    entry.key === action.jobKey &&
    entry.action === action.kind &&
    entry.at === iso(action.at)
  );
}

/** A recorder for the store or the CLI runner: appends each settled action to `file`, reporting write failures once. */
export function historyRecorder(
  file: string,
  via: HistoryEntry['via'],
  onError: (error: Error) => void = () => undefined,
): (action: PendingAction, job: { source: string; vendor: string }) => void {
  let reported = false;
  return (action, job) => {
    const error = appendHistory(file, historyEntry(action, job, via));
    if (error && !reported) {
      reported = true;
      onError(error);
    }
  };
}
