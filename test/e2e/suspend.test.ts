/**
 * Ctrl-Z suspends the monitor as it does htop: in an interactive shell (job control) in a real
 * pseudo-terminal, Ctrl-Z gives the shell back with the terminal restored (normal screen, cursor
 * shown, the shell's prompt usable), and `fg` brings the monitor back full screen, redrawn and
 * answering keys.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { CLI_PATH } from '../helpers/terminal.js';

describe('Ctrl-Z and fg', () => {
  it('suspends with the terminal restored, and fg redraws the monitor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobtop-suspend-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined && key !== 'CI' && !key.startsWith('JOBTOP_')) env[key] = value;
    Object.assign(env, { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), TERM: 'xterm-256color', PS1: 'PROMPT$ ' });
    const terminal = new xterm.Terminal({ cols: 120, rows: 30, allowProposedApi: true, scrollback: 0 });
    const shell = pty.spawn('/bin/bash', ['--norc', '--noprofile', '-i'], {
      cols: 120,
      rows: 30,
      cwd: dir,
      env,
      name: 'xterm-256color',
    });
    let raw = '';
    let pending = Promise.resolve();
    shell.onData((data) => {
      raw += data;
      pending = new Promise((done) => terminal.write(data, done));
    });
    const exited = new Promise<void>((resolve) => shell.onExit(() => resolve()));
    const screen = () => {
      const buffer = terminal.buffer.active;
      return Array.from(
        { length: terminal.rows },
        (_, row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '',
      ).join('\n');
    };
    const waitFor = async (what: string, test: () => boolean) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        await pending;
        if (test()) return;
        if (Date.now() > deadline) throw new Error(`never saw ${what}; the screen shows:\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const live = () => terminal.buffer.active.type === 'alternate' && (screen().match(/\bOK\b/g) ?? []).length >= 5;
    try {
      await waitFor('the prompt', () => screen().includes('PROMPT$'));
      shell.write(`'${process.execPath}' '${CLI_PATH}' --demo\r`);
      await waitFor('the live monitor', live);

      shell.write('\x1a');
      await waitFor(
        'the shell saying the job stopped',
        () => terminal.buffer.active.type === 'normal' && /Stopped/.test(screen()),
      );
      expect(raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(raw.lastIndexOf('\x1b[?25l')); // cursor shown
      shell.write('echo still-here\r');
      await waitFor('the shell answering', () => /^still-here$/m.test(screen()));

      const before = raw.length;
      shell.write('fg\r');
      await waitFor('the monitor redrawn full screen', () => live() && raw.length > before);
      expect(screen()).toMatch(/STATE\s+SOURCE/);

      shell.write('q');
      await waitFor(
        'the shell back after quitting',
        () => terminal.buffer.active.type === 'normal' && (screen().match(/PROMPT\$/g) ?? []).length >= 3,
      );
    } finally {
      shell.write('exit\r');
      setTimeout(() => shell.kill('SIGKILL'), 2_000).unref();
      await exited;
    }
  }, 90_000);
});
