/**
 * `jobtop history`: the actions jobtop sent or refused, from the monitor and the action
 * commands alike, newest last — who, when, what, the request, the HTTP status and the
 * confirmed outcome — read from `$XDG_STATE_HOME/jobtop/history.jsonl`.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { historyPath, readHistory, type HistoryEntry } from '../../store/action-history.js';
import { stateDirectory } from '../../config/config-paths.js';
import { UsageError, type Command } from '../command.js';
import { EXIT_CODES } from '../shared/exit-codes.js';
import { toTerminalSafeJson } from '../shared/terminal-safe-json.js';

/** One entry as a line: `2026-12-05 09:14:02Z  alice monitor  cancel demo-alteryx/6b14…  running → done cancelled  DELETE /v3/jobs/… 200  Cancelled Successfully.` */
export function historyLine(entry: HistoryEntry): string {
  const when = entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const outcome =
    entry.outcome === 'done'
      ? `done ${entry.effect ?? ''}`.trim()
      : entry.outcome === 'unknown'
        ? 'UNKNOWN (no answer)'
        : entry.outcome;
  const request = entry.request
    ? `${entry.request}${entry.httpStatus !== null ? ` → ${entry.httpStatus}` : ''}`
    : 'nothing sent';
  const words = [entry.message, entry.note].filter(Boolean).join('; ');
  return [
    when,
    `${sanitizeInline(entry.who, 40)} ${entry.via}`,
    `${entry.action} ${sanitizeInline(entry.key, 200)}`,
    `${entry.stateBefore ?? '?'} → ${outcome}`,
    sanitizeInline(request, 200),
    sanitizeInline(words, 400),
  ].join('  ');
}

/** `jobtop history`. */
export const historyCommand: Command = {
  name: 'history',
  usage: 'history [--limit N] [--json]',
  summary:
    'Print the actions jobtop sent or refused (monitor and action commands): who, when, the request, the HTTP status and the confirmed outcome, from $XDG_STATE_HOME/jobtop/history.jsonl.',
  flags: {
    limit: { type: 'string', value: 'N', description: 'only the newest N entries (default 50)' },
    json: { type: 'boolean', description: 'print the entries as a JSON array, exactly as stored' },
  },
  async run(args, io) {
    const limit = args.flags.limit === undefined ? 50 : Number(args.flags.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError('--limit expects a whole number of entries (1 or more)');
    const file = historyPath(stateDirectory(io.env));
    const entries = readHistory(file, limit);
    if (args.flags.json === true) {
      io.stdout.write(`${toTerminalSafeJson(entries)}\n`);
      return EXIT_CODES.ok;
    }
    if (entries.length === 0) {
      io.stderr.write(`jobtop: no actions recorded yet (${sanitizeInline(file, 400)})\n`);
      return EXIT_CODES.ok;
    }
    for (const entry of entries) io.stdout.write(`${historyLine(entry)}\n`);
    return EXIT_CODES.ok;
  },
};
