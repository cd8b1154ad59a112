/**
 * A real terminal emulator ends on the same screen: a job list changing the way the realistic
 * fleet changes it (jobs arriving, leaving and changing place, progress and state cells, a
 * counts line) is written by Ink's log-update once unmodified and once through the diff writer
 * — row moves, shortest SGR transitions and all — and each byte stream is played in its own
 * tmux pane; the two panes must capture identically, attributes included (`capture-pane -e`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiffWriter } from '../../source/terminal/diff-writer.js';
import { FakeTty, createScreen, feed, logUpdate, snapshot } from './screen-harness.js';
import { hasTmux } from '../helpers/tmux.js';

const COLUMNS = 72;
const ROWS = 22;
const STATES = ['\x1b[36m● running\x1b[39m', '\x1b[33m◌ queued \x1b[39m', '\x1b[32m✔ done   \x1b[39m'];

/** A deterministic pseudo-random sequence (a linear congruential generator), so the frames are the same on every run. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

interface Job {
  id: number;
  state: number;
  progress: number;
}

function frame(jobs: Job[], footer: string): string {
  const counts = [0, 1, 2].map((state) => jobs.filter((job) => job.state === state).length);
  const lines = [
    `\x1b[1m\x1b[36mjobtop\x1b[39m\x1b[22m  \x1b[1m${jobs.length} jobs\x1b[22m`,
    `\x1b[36m●${counts[0]}\x1b[39m \x1b[33m◌${counts[1]}\x1b[39m \x1b[32m✔${counts[2]}\x1b[39m`,
    '\x1b[1mSTATE      NAME              PROGRESS\x1b[22m',
    ...jobs.slice(0, ROWS - 4).map((job, index) => {
      const bar = '█'.repeat(Math.floor(job.progress / 25)) + '░'.repeat(4 - Math.floor(job.progress / 25));
      const row = `${STATES[job.state]}  job-${String(job.id).padStart(3, '0')} 日本  \x1b[36m${bar}\x1b[39m ${job.progress}%`;
      return index === 2 ? `\x1b[7m${row}\x1b[27m` : row;
    }),
    `\x1b[2m${footer}\x1b[22m`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Ink's output for a run of frames, unmodified and through the diff writer. */
function streams(): { ink: string; ours: string; frames: string[] } {
  const random = numbers(13);
  let jobs: Job[] = Array.from({ length: 24 }, (_, id) => ({ id, state: id % 3, progress: (id * 7) % 100 }));
  let next = jobs.length;
  const frames: string[] = [];
  for (let round = 0; round < 60; round++) {
    jobs = jobs.map((job) => (random() < 0.2 ? { ...job, progress: Math.min(99, job.progress + 3) } : job));
    if (random() < 0.5) jobs.splice(Math.floor(random() * jobs.length), 0, { id: next++, state: 1, progress: 0 });
    if (random() < 0.3) jobs.splice(Math.floor(random() * jobs.length), 1);
    if (random() < 0.3) {
      const [moved] = jobs.splice(Math.floor(random() * jobs.length), 1);
      jobs.splice(Math.floor(random() * jobs.length), 0, { ...moved, state: (moved.state + 1) % 3 });
    }
    frames.push(frame(jobs, round === 59 ? 'END OF RUN' : `? help  q quit  round ${round % 7}`));
  }
  const inkTty = new FakeTty(COLUMNS, ROWS);
  const tty = new FakeTty(COLUMNS, ROWS);
  const writer = new DiffWriter(tty.asStdout());
  const inkLog = logUpdate.create(inkTty as never);
  const ourLog = logUpdate.create(writer as never);
  for (const text of frames) {
    inkLog(text);
    ourLog(text);
  }
  writer.dispose();
  return { ink: inkTty.take(), ours: tty.take(), frames };
}

describe.skipIf(!hasTmux)('tmux shows what Ink’s own output shows', () => {
  const socket = `jobtop-screen-${process.pid}`;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // no server left
    }
  });

  it('ends on the same screen, cell by cell with attributes, after a minute of list changes', async () => {
    const { ink, ours } = streams();
    // The writer really moved rows and sent far fewer bytes; the emulated terminal agrees too.
    expect(ours).toMatch(/\x1b\[\d*L/);
    expect(ours).toMatch(/\x1b\[\d*M/);
    expect(ours.length).toBeLessThan(ink.length / 4);
    const headless = [createScreen(COLUMNS, ROWS), createScreen(COLUMNS, ROWS)];
    await feed(headless[0], ink);
    await feed(headless[1], ours);
    expect(snapshot(headless[1])).toEqual(snapshot(headless[0]));

    const dir = mkdtempSync(join(tmpdir(), 'jobtop-tmux-screen-'));
    const panes: Record<string, string> = {};
    for (const [name, data] of Object.entries({ ink, ours })) {
      const file = join(dir, `${name}.out`);
      // The alternate screen, as the TUI draws on it; the pane's tty turns "\n" into "\r\n" (ONLCR) as jobtop's does.
      writeFileSync(file, `\x1b[?1049h${data}`);
      tmux('new-session', '-d', '-s', name, '-x', String(COLUMNS), '-y', String(ROWS), `cat '${file}'; exec sleep 600`);
    }
    for (const name of ['ink', 'ours']) {
      // The last frame's footer is the last text either stream writes: once it shows, the pane has it all.
      while (!tmux('capture-pane', '-p', '-t', name).includes('END OF RUN'))
        await new Promise((resolve) => setTimeout(resolve, 50));
      // why: a row erased to its end (`CSI K`) keeps its cleared cells in tmux's grid, so its capture can end in a
      // reset (and colour resets) and blanks that an erased-and-rewritten row's capture lacks; both look the same.
      panes[name] = tmux('capture-pane', '-p', '-e', '-t', name).replace(/\x1b\[0m(\x1b\[[34]9m)* *$/gm, '');
    }
    expect(panes.ours.split('\n')).toEqual(panes.ink.split('\n'));
    expect(panes.ink).toContain('job-');
  });
});
