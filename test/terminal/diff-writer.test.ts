/**
 * The diff writer, case by case: the exact bytes it sends for typical updates, and the
 * screen they leave compared with Ink's full repaint.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiffWriter } from '../../source/terminal/diff-writer.js';
import { FakeTty, writerBesideInk } from './screen-harness.js';

const writers: DiffWriter[] = [];
afterEach(() => {
  for (const writer of writers.splice(0)) writer.dispose();
  vi.useRealTimers();
});

/** A writer beside Ink's own output (screen-harness.ts), disposed after each test. */
function setup(columns = 40, rows = 10) {
  const screen = writerBesideInk(columns, rows);
  writers.push(screen.writer);
  return screen;
}

const TABLE = [
  'jobtop  3 jobs',
  'STATE     ID    PROGRESS',
  'running   a1    66%',
  'queued    b2',
  'failed    c3    12%',
  '',
].join('\n');

describe('sending only what changed', () => {
  it('rewrites only the changed cell when one job’s progress changes', async () => {
    const screen = setup();
    await screen.frame(TABLE);
    const sent = await screen.frame(TABLE.replace('66%', '67%'));
    expect(sent).toBe('\x1b[3;18H7');
    expect(screen.ours()).toEqual(screen.reference());
  });

  it('sends nothing when Ink writes the same frame inside an empty synchronized update', async () => {
    const screen = setup();
    await screen.frame(TABLE);
    screen.writer.write('\x1b[?2026h');
    screen.writer.write('\x1b[?2026l');
    expect(screen.tty.take()).toBe('');
  });

  it('re-establishes the colour at the cut and resets it afterwards', async () => {
    const screen = setup();
    const coloured = (percent: string) => `title\n\x1b[36m██░░ ${percent}\x1b[39m done\n`;
    await screen.frame(coloured('40%'));
    const sent = await screen.frame(coloured('50%'));
    // The cursor is still on that row after the last frame: a column move is enough.
    expect(sent).toBe('\x1b[6G\x1b[36m5\x1b[m');
    expect(screen.ours()).toEqual(screen.reference());
  });

  it('writes a changed row with one SGR sequence per change of look, not Ink’s close-and-reopen pairs', async () => {
    const screen = setup();
    const row = (mark: string, state: string) =>
      `\x1b[1m\x1b[33m${mark}\x1b[39m\x1b[22m \x1b[1m\x1b[36m${state}\x1b[39m\x1b[22m\x1b[1m\x1b[36m!\x1b[39m\x1b[22m\n`;
    await screen.frame(`title\n${row('*', 'running')}`);
    const sent = await screen.frame(`title\n${row('!', 'queued ')}`);
    expect(sent).toBe('\r\x1b[1;33m!\x1b[m \x1b[1;36mqueued \x1b[m');
    expect(screen.ours()).toEqual(screen.reference());
  });

  it('erases the rest of a row that got shorter and the rows a shrinking frame left', async () => {
    const screen = setup();
    await screen.frame('one\ntwo two two\nthree\nfour\n');
    const sent = await screen.frame('one\ntwo\n');
    // Cell 4 on: the space after "two" is a blank cell either way.
    expect(sent).toBe('\x1b[2;5H\x1b[K\r\n\x1b[K\r\n\x1b[K');
    expect(screen.ours()).toEqual(screen.reference());
  });

  it('writes the new rows of a growing frame and an overlay over the middle rows', async () => {
    const screen = setup();
    await screen.frame('a\nb\nc\nd\n');
    await screen.frame('a\n┌──────┐\n│ help │\n└──────┘\nd\ne\n');
    expect(screen.ours()).toEqual(screen.reference());
    expect(screen.ours().slice(0, 6)).toEqual(['a', '┌──────┐', '│ help │', '└──────┘', 'd', 'e']);
  });

  it('cuts after wide and combining characters at the right cell', async () => {
    const screen = setup();
    await screen.frame('日本語 x1 tail\ncafe\u0301 ok\n');
    const sent = await screen.frame('日本語 x2 tail\ncafe\u0301 OK\n');
    // The CJK row is cut at cell 9 (three wide characters, a space and "x"); the row with a
    // combining accent is rewritten whole, because terminals disagree on such widths.
    expect(sent.startsWith('\x1b[1;9H2')).toBe(true);
    expect(sent).toContain('\x1b[2K');
    expect(screen.ours()).toEqual(screen.reference());
  });

  it('erases and rewrites a whole row holding an emoji', async () => {
    const screen = setup();
    await screen.frame('deploy 😀 1/3\n');
    const sent = await screen.frame('deploy 😀 2/3\n');
    expect(sent).toBe('\x1b[H\x1b[2Kdeploy 😀 2/3');
    expect(screen.ours()).toEqual(screen.reference());
  });
});

describe('what the writer cannot diff', () => {
  it('passes unknown output through untouched and paints the next frame whole', async () => {
    const screen = setup();
    await screen.frame(TABLE);
    screen.writer.write('\x1b7saved\x1b8');
    expect(screen.tty.take()).toContain('\x1b7saved\x1b8');
    const sent = await screen.frame(TABLE.replace('66%', '67%'));
    expect(sent.startsWith('\x1b[m\x1b[H\x1b[2J')).toBe(true);
    expect(screen.ours().slice(0, 5)).toEqual(TABLE.replace('66%', '67%').split('\n').slice(0, 5));
  });

  it('keeps a frame it passed through inside a synchronized update on screen, and paints the next frame whole', async () => {
    // A row wider than the screen (Ink's truncation measuring an emoji narrower than a terminal does) is not modelled.
    const screen = setup(12, 6);
    await screen.frame('title\nok row\n');
    const wide = 'title\nab😀cdefghijkl\n';
    for (const stdout of [screen.writer, screen.referenceTty]) {
      stdout.write('\x1b[?2026h');
      screen.logs[stdout === screen.writer ? 0 : 1](wide);
      stdout.write('\x1b[?2026l');
    }
    await screen.feedBoth();
    expect(screen.ours()).toEqual(screen.reference());
    expect(screen.ours()[0]).toBe('title');
    // Ink's own repaint now erases one row too few (the terminal wrapped the wide row); the writer paints the frame whole.
    const sent = await screen.frame('title\nnext\n');
    expect(sent).toContain('\x1b[H\x1b[2J');
    expect(screen.ours()).toEqual(['title', 'next', '', '', '', '']);
  });

  it('holds a write split inside an escape sequence until the rest arrives', () => {
    const tty = new FakeTty(20, 5);
    const writer = new DiffWriter(tty.asStdout());
    writers.push(writer);
    writer.write('ab\n');
    tty.take();
    writer.write('\x1b[1A\x1b');
    writer.write('[2Kcd\n');
    // The cursor is visible (nothing hid it), so it is put back where the output left it.
    expect(tty.take()).toBe('\x1b[Hcd\r\n');
  });
});

describe('the stdout Ink and the app see', () => {
  it('reports the real terminal’s size and isTTY and forwards its resize events', () => {
    const tty = new FakeTty(120, 40);
    const writer = new DiffWriter(tty.asStdout());
    writers.push(writer);
    const sizes: string[] = [];
    writer.on('resize', () => sizes.push(`${writer.columns}x${writer.rows}`));
    expect([writer.columns, writer.rows, writer.isTTY]).toEqual([120, 40, true]);
    tty.resize(100, 30);
    expect(sizes).toEqual(['100x30']);
  });

  it('repaints the whole frame after a resize', async () => {
    const screen = setup();
    await screen.frame(TABLE);
    screen.tty.resize(50, 12);
    const sent = await screen.frame(TABLE.replace('66%', '70%'));
    expect(sent.startsWith('\x1b[m\x1b[H\x1b[2J')).toBe(true);
  });

  it('repaints after a resize even when Ink writes nothing', () => {
    vi.useFakeTimers();
    const tty = new FakeTty(40, 10);
    const writer = new DiffWriter(tty.asStdout());
    writers.push(writer);
    writer.write('one\ntwo\n');
    tty.take();
    tty.resize(40, 12);
    vi.advanceTimersByTime(100);
    // The visible cursor goes back below the frame, where the output left it.
    expect(tty.take()).toBe('\x1b[m\x1b[H\x1b[2Jone\x1b[2Htwo\x1b[3H');
  });

  it('calls a write callback once the data has been handed to the real stdout', async () => {
    const tty = new FakeTty(40, 10);
    const writer = new DiffWriter(tty.asStdout());
    writers.push(writer);
    const called = await new Promise<boolean>((resolve) => writer.write('', () => resolve(true)));
    expect(called).toBe(true);
  });
});
