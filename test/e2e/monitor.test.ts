/**
 * The live monitor as a person sees it: the built CLI in a real pseudo-terminal against the
 * embedded demo fleet, keys in, screen out (docs/usage.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../../source/domain/text-width.js';
import { KEYS, startJobtop, type TerminalSession } from '../helpers/terminal.js';

const ROW = /^[›*! ]{2,3}[●◌✔✖⊘◐?] (running|queued|succeeded|failed|cancelled|partial|unknown)\s/;

describe('the live monitor in a real terminal', () => {
  let session: TerminalSession | undefined;
  afterEach(async () => {
    if (session) {
      session.kill('SIGKILL');
      await session.exited;
      session = undefined;
    }
  });

  it('shows every source healthy and a full table at 80×24 without overflowing', async () => {
    session = startJobtop(['--demo'], { cols: 80, rows: 24 });
    const text = await session.waitForScreen(
      (screen) =>
        [
          'demo-vectorcharts',
          'demo-osapi',
          'demo-vectara',
          'demo-mcrit',
          'demo-alteryx',
          'demo-legacy-vectorcharts',
        ].every((name) => screen.includes(`✔ ${name} `)) &&
        ROW.test(screen.split('\n')[6] ?? '') &&
        // why: the first frame ("loading…") is shorter; the full table's frame ends with the footer.
        /j\/k move/.test(screen.split('\n').at(-2) ?? ''),
    );
    const lines = session.screen();
    expect(lines[0]).toMatch(/^jobtop\s+\d+ jobs/);
    expect(text).not.toMatch(/error|✖ demo-/i);
    expect(lines.join('\n')).toMatch(/STATE\s+SOURCE\s+TYPE\s+ID/);
    expect(lines.filter((line) => ROW.test(line)).length).toBeGreaterThanOrEqual(14);
    expect(lines.at(-2)).toMatch(/j\/k move/);
    expect(lines.at(-1)).toBe(''); // the frame stays one line shorter than the screen (source/ui/layout.ts: frameHeight)
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(session.modes().alternateScreen).toBe(true);
  });

  it('opens a job, switches tabs, goes back, filters and quits restoring the terminal', async () => {
    session = startJobtop(['--demo'], { cols: 80, rows: 24 });
    await session.waitForScreen((screen) => screen.split('\n').some((line) => ROW.test(line)));
    await session.press('j', KEYS.enter);
    const overview = await session.waitForScreen('1 Overview');
    expect(overview).toMatch(/Source\s+demo-/);
    expect(overview).toMatch(/State\s+[●◌✔✖⊘◐?] \w+\s+\(native: /);
    const id = /Id\s+(\S+)/.exec(overview)![1];

    await session.press('5');
    await session.waitForScreen((screen) => /5 Raw/.test(screen) && screen.includes('{'));
    await session.press('3');
    // The Messages tab: log lines with a level, or the source's own sentence saying it has none.
    await session.waitForScreen(
      (screen) =>
        !/^Source\s/m.test(screen) &&
        /has no per-job messages|reported no messages|no messages|\b(INFO|WARN|ERROR|DEBUG)\b/.test(screen),
    );
    await session.press(KEYS.escape);
    await session.waitForScreen('STATE');

    await session.press('/', ...id.slice(0, 12).split(''), KEYS.enter);
    const filtered = await session.waitForScreen(
      (screen) => screen.split('\n').filter((line) => ROW.test(line)).length === 1,
    );
    // the one row left is that job (its id abbreviated at 80 columns, where the title may cut the filter)
    const [row] = filtered.split('\n').filter((line) => ROW.test(line));
    expect(row).toContain(id.length > 10 ? `${id.slice(0, 4)}…${id.slice(-5)}` : id);

    await session.press('q');
    const exit = await session.exited;
    expect(exit.exitCode).toBe(0);
    expect(session.modes()).toEqual({ alternateScreen: false, cursorHidden: false });
    session = undefined;
  });

  it('uses a wide terminal for more columns and re-lays out on resize', async () => {
    session = startJobtop(['--demo'], { cols: 160, rows: 40 });
    const wide = await session.waitForScreen(
      (screen) => screen.split('\n').filter((line) => ROW.test(line)).length > 25,
    );
    const header = wide.split('\n').find((line) => line.includes('STATE'))!;
    expect(header).toMatch(/OWNER|HOST/);
    session.resize(80, 24);
    await session.waitForScreen((screen) => {
      const lines = screen.split('\n');
      return (
        lines.filter((line) => ROW.test(line)).length > 10 &&
        lines.every((line) => displayWidth(line) <= 80) &&
        !/OWNER/.test(lines.find((line) => line.includes('STATE')) ?? 'OWNER')
      );
    });
  });
});
