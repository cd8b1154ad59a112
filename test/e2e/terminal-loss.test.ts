/**
 * Losing the terminal while the monitor renders (an SSH drop, a killed tmux pane) is a quiet
 * exit, never a crash: the built CLI runs the demo fleet in a real tmux pane whose session is
 * killed mid-rendering, repeatedly, with the parent shell handling SIGHUP and with it ignoring
 * SIGHUP. Each run must end with status 129, nothing on stderr (no crash report, no native
 * assertion), no crash file, and the log saying it went away and closed its sessions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_PATH } from '../helpers/terminal.js';
import { hasTmux } from '../helpers/tmux.js';

/** Polls `check` every 100 ms until it holds (the test's own timeout bounds the wait). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe.skipIf(!hasTmux)('the terminal goes away while the monitor renders', () => {
  const socket = `jobtop-loss-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  // why: a failed or timed-out run must not leave its tmux server and monitor behind.
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // no server left: every session already ended
    }
  });

  it.each([
    ['the parent handles SIGHUP', "trap 'true' HUP"],
    ['the parent ignores SIGHUP', "trap '' HUP"],
  ])(
    '%s: three kills in a row, each a quiet exit 129',
    async (_name, trap) => {
      for (let run = 0; run < 3; run++) {
        const dir = mkdtempSync(join(tmpdir(), 'jobtop-loss-'));
        // why: the tmux server hands its own environment on; with CI set Ink would draw only the last frame.
        const command = `${trap}; unset CI CONTINUOUS_INTEGRATION; HOME='${dir}' TMPDIR='${dir}' '${process.execPath}' '${CLI_PATH}' --demo --log-file '${dir}/jobtop.log' 2>'${dir}/stderr'; echo \\$? > '${dir}/status'`;
        const session = `loss-${run}`;
        tmux(
          'new-session',
          '-d',
          '-s',
          session,
          '-x',
          '100',
          '-y',
          '30',
          `bash --norc --noprofile -c "${command.replaceAll('"', '\\"')}"`,
        );
        // Rendering: the table is on the screen and the sources have answered.
        await until(
          () =>
            /STATE\s+SOURCE/.test(tmux('capture-pane', '-p', '-t', session)) &&
            /OK/.test(tmux('capture-pane', '-p', '-t', session)),
        );
        tmux('kill-session', '-t', session);
        // why: the shell creates the file (`>`) before `echo` writes to it; wait for the whole line.
        await until(() => existsSync(join(dir, 'status')) && readFileSync(join(dir, 'status'), 'utf8').endsWith('\n'));
        expect(readFileSync(join(dir, 'status'), 'utf8').trim(), `run ${run}`).toBe('129');
        expect(readFileSync(join(dir, 'stderr'), 'utf8'), `run ${run}`).toBe('');
        expect(
          readdirSync(dir).filter((name) => name.startsWith('jobtop-crash-')),
          `run ${run}`,
        ).toEqual([]);
        const log = readFileSync(join(dir, 'jobtop.log'), 'utf8');
        expect(log).toMatch(/exiting \(terminal-lost\); closing sessions/);
        expect(log).not.toMatch(/crashed/);
      }
    },
    120_000,
  );
});
