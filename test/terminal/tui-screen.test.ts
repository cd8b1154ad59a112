/**
 * End to end: the real jobtop TUI in a real pseudo-terminal against the demo fleet, driven by
 * keys (slow and fast), scrolling, the detail view, the help overlay and resizes. Whatever
 * happened, the screen that the diff writer's output produced must equal the screen Ink's own
 * unmodified output produces (replayed from JOBTOP_RENDER_TRACE into a fresh terminal), cell by
 * cell with colours; after a resize it must equal Ink's last frame painted on a fresh screen.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pty from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_PATH, KEYS } from '../helpers/terminal.js';
import type { RenderTraceEvent } from '../../source/terminal/diff-writer.js';
import { createScreen, feed, snapshot } from './screen-harness.js';

interface Session {
  screen: ReturnType<typeof createScreen>;
  child: pty.IPty;
  trace: string;
  settled(): Promise<void>;
  bytes(): number;
}

const sessions: Session[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.child.kill();
});

function start(columns: number, rows: number): Session {
  const home = mkdtempSync(join(tmpdir(), 'jobtop-tui-'));
  const trace = join(home, 'render-trace.jsonl');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    TERM: 'xterm-256color',
    NODE_ENV: 'production',
    JOBTOP_RENDER_TRACE: trace,
  })) {
    if (value !== undefined && key !== 'CI' && key !== 'JOBTOP_CONFIG' && key !== 'JOBTOP_RENDERER') env[key] = value;
  }
  const child = pty.spawn(process.execPath, [CLI_PATH, '--demo'], {
    cols: columns,
    rows,
    env,
    cwd: home,
    name: 'xterm-256color',
  });
  // why: the pty driver turns "\n" into "\r\n" itself, so this screen must not convert again.
  const screen = createScreen(columns, rows);
  screen.options.convertEol = false;
  let pending = Promise.resolve();
  let bytes = 0;
  child.onData((data) => {
    bytes += Buffer.byteLength(data);
    pending = pending.then(() => feed(screen, data));
  });
  const session = { screen, child, trace, settled: () => pending, bytes: () => bytes };
  sessions.push(session);
  return session;
}

/** The trace's complete lines: the app may be appending one while it is read. */
function traceEvents(session: Session): RenderTraceEvent[] {
  const lines = readFileSync(session.trace, 'utf8').split('\n');
  // why: a read can see part of an append (a loaded run did once: "Unterminated string in JSON"); the last
  // piece is either empty or a line still being written, which the next attempt reads whole.
  lines.pop();
  return lines.filter(Boolean).map((line) => JSON.parse(line) as RenderTraceEvent);
}

/** Ink's own output replayed unmodified into a fresh terminal (valid while no resize happened). */
async function replay(events: RenderTraceEvent[], columns: number, rows: number): Promise<string[]> {
  const screen = createScreen(columns, rows);
  for (const event of events) if (event.kind === 'write') await feed(screen, event.data);
  return snapshot(screen);
}

/** Ink's last frame painted alone on a fresh screen: what a full repaint shows. */
async function lastFrameAlone(events: RenderTraceEvent[], columns: number, rows: number): Promise<string[]> {
  const frames = events.filter(
    (event): event is { kind: 'write'; data: string } => event.kind === 'write' && event.data.includes('\n'),
  );
  const screen = createScreen(columns, rows);
  await feed(screen, frames.at(-1)?.data ?? '');
  return snapshot(screen);
}

/** Retries the comparison until the app is between two updates (frames keep coming: the clock ticks). */
async function expectEventually(
  session: Session,
  expected: (events: RenderTraceEvent[]) => Promise<string[]>,
): Promise<void> {
  let last: { ours: string[]; theirs: string[] } | undefined;
  for (let attempt = 0; attempt < 40; attempt++) {
    await session.settled();
    const ours = snapshot(session.screen);
    const theirs = await expected(traceEvents(session));
    await session.settled();
    if (
      JSON.stringify(ours) === JSON.stringify(snapshot(session.screen)) &&
      JSON.stringify(ours) === JSON.stringify(theirs)
    )
      return;
    last = { ours, theirs };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(last?.ours).toEqual(last?.theirs);
}

async function until(session: Session, test: (text: string) => boolean): Promise<void> {
  for (;;) {
    await session.settled();
    if (
      test(
        snapshot(session.screen)
          .join('\n')
          .replace(/⟦[^⟧]*⟧/g, ''),
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function waitForText(session: Session, text: string): Promise<void> {
  return until(session, (screen) => screen.includes(text));
}

async function press(session: Session, keys: string[], pauseMs: number): Promise<void> {
  for (const key of keys) {
    session.child.write(key);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

describe('the TUI through the diff writer', () => {
  it('shows exactly what Ink’s full repaints show, through scrolling, the detail view, help and fast keys', async () => {
    const session = start(120, 40);
    await waitForText(session, 'running');
    await expectEventually(session, (events) => replay(events, 120, 40));
    await press(session, ['j', 'j', 'j', KEYS.down, 'G', 'k', 'k', 'f', 'b', 'g'], 40);
    await expectEventually(session, (events) => replay(events, 120, 40));
    await press(session, [KEYS.enter, KEYS.tab, KEYS.tab, '3', 'j', 'j', KEYS.escape], 60);
    await expectEventually(session, (events) => replay(events, 120, 40));
    await press(session, ['?', 'j', 'j', KEYS.escape, '/', 'r', 'u', 'n', KEYS.enter, 'j', 'j'], 50);
    await expectEventually(session, (events) => replay(events, 120, 40));
    // Fast keys: one write, no pause — every frame lands on the last one.
    session.child.write('jjjjjjjjjjkkkkjjjjGgjjjj');
    await expectEventually(session, (events) => replay(events, 120, 40));
  });

  it('after resizes shows exactly Ink’s last frame, as a full repaint would', async () => {
    const session = start(100, 30);
    await waitForText(session, 'running');
    await press(session, ['j', 'j', 'j'], 40);
    for (const [columns, rows] of [
      [80, 24],
      [130, 45],
      [100, 30],
    ]) {
      session.child.resize(columns, rows);
      session.screen.resize(columns, rows);
      await press(session, ['j'], 0);
      await expectEventually(session, (events) => lastFrameAlone(events, columns, rows));
    }
  });

  it('sends far fewer bytes than Ink’s full repaints while the demo fleet updates', async () => {
    const session = start(120, 40);
    await waitForText(session, 'running');
    // Past start-up, when sources answer one by one and the whole table reorders: all six demo
    // sources (the five vendors and the legacy VectorCharts server) healthy.
    await until(session, (text) => (text.match(/ OK /g) ?? []).length === 6);
    const inkBytes = () =>
      traceEvents(session).reduce(
        (sum, event) => sum + (event.kind === 'write' ? Buffer.byteLength(event.data) : 0),
        0,
      );
    const [ourStart, inkStart] = [session.bytes(), inkBytes()];
    await press(session, ['j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j'], 300);
    const ours = session.bytes() - ourStart;
    const ink = inkBytes() - inkStart;
    expect(ours).toBeGreaterThan(0);
    expect(ours * 5).toBeLessThan(ink);
  });
});
