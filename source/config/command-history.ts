/**
 * The `:` command history kept across runs: `commands` in the state directory
 * (config-paths.ts), one line per command, oldest first, written 0600. A file that cannot be
 * read or written costs the history, never the session.
 */
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDirectory } from './config-paths.js';

/** Lines kept; older ones are dropped when the file is rewritten. */
export const COMMAND_HISTORY_LIMIT = 200;

/** The history file's path. */
export function commandHistoryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDirectory(env), 'commands');
}

/** Opens the history: the lines kept so far and an append function. */
export function openCommandHistory(env: NodeJS.ProcessEnv = process.env): {
  lines: string[];
  append(text: string): void;
} {
  const path = commandHistoryPath(env);
  let lines: string[];
  try {
    lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-COMMAND_HISTORY_LIMIT);
  } catch {
    lines = [];
  }
  let count = lines.length;
  return {
    lines,
    append(text: string) {
      // why: a command line is one line; a pasted newline must not split it into two entries.
      const line = text.replace(/[\r\n]+/g, ' ').trim();
      if (line === '') return;
      try {
        mkdirSync(stateDirectory(env), { recursive: true, mode: 0o700 });
        if (count >= COMMAND_HISTORY_LIMIT * 2) {
          const kept = readFileSync(path, 'utf8')
            .split('\n')
            .filter((entry) => entry.trim() !== '')
            .slice(-COMMAND_HISTORY_LIMIT);
          writeFileSync(path, `${[...kept, line].join('\n')}\n`, { mode: 0o600 });
          count = kept.length + 1;
        } else {
          appendFileSync(path, `${line}\n`, { mode: 0o600 });
          count += 1;
        }
        chmodSync(path, 0o600);
      } catch {
        // The history is a convenience: a read-only home must not break the monitor.
      }
    },
  };
}
