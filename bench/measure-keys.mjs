/**
 * Keypress-to-frame latency: from writing a key to the pseudo-terminal until the screen shows
 * its effect — moving the selection (j, g), opening a job (Enter) and applying a filter (a
 * character typed into the / prompt) — with 1,000 jobs (in the load session) and 100,000.
 */
import { sleep, startJobtop } from './pty-session.mjs';
import { median, percentile } from './stats.mjs';
import { writeConfig } from './fleet-client.mjs';

/** Screen row of the selection marker, -1 when none. */
function markerRow(text) {
  return text.split('\n').findIndex((line) => line.startsWith('›'));
}

/** The selected row's text, '' when none. */
function markerLine(text) {
  return text.split('\n').find((line) => line.startsWith('›')) ?? '';
}

const LIST = /STATE\s+SOURCE/;
const DETAIL = /\b1 Overview\b/;
const FILTER_CHARACTERS = ['f', 'r', 'c', 'x', 'a', '2'];

const summary = (samples) => ({ median: median(samples), p95: percentile(samples, 95), samples });

// why: a person's pace; pressing again the instant a frame lands would always hit Ink's 30 fps
// render throttle and measure the throttle instead of the work a key causes.
const PAUSE_MS = 100;

/**
 * Presses `key` and resolves with the time to the frame the selection marker moved in.
 * why: a job the sort moved to the window's last row takes the selection with it; j then scrolls
 * the window (the marker's row stays, its job changes), which is a frame as well.
 */
function pressUntilMarkerMoves(session, key) {
  const before = markerRow(session.text());
  const beforeLine = markerLine(session.text());
  return session.press(
    key,
    (text) => markerRow(text) >= 0 && (markerRow(text) !== before || markerLine(text) !== beforeLine),
  );
}

/**
 * Presses g until the marker is on `row`. why: a poll round can sort the job g selected away in
 * the very frame g lands in (the selection follows its job), so one g may never show the marker there.
 */
async function home(session, row) {
  for (let attempt = 1; markerRow(session.text()) !== row; attempt++) {
    if (attempt > 5) throw new Error(`g did not bring the selection to row ${row} in 5 presses:\n${session.text()}`);
    await session.press('g', (text) => markerRow(text) === row, 3000).catch(() => undefined);
    await sleep(PAUSE_MS);
  }
}

/** Measures `count` presses of each kind in a session showing the job list. */
export async function measureKeys(session, count) {
  const move = [];
  const open = [];
  const filter = [];
  await session.until((text) => LIST.test(text) && markerRow(text) >= 0);
  while (move.length < count) {
    // Down from the top of the window and back, never scrolling, so the marker always moves.
    // why: the selection follows its job when the sort moves it (a running job that finished), so start at the top.
    const firstRow =
      session
        .text()
        .split('\n')
        .findIndex((line) => LIST.test(line)) + 1;
    await home(session, firstRow);
    await sleep(PAUSE_MS);
    const top = markerRow(session.text());
    for (let step = 0; step < 10 && move.length < count; step++) {
      move.push(await pressUntilMarkerMoves(session, 'j'));
      await sleep(PAUSE_MS);
    }
    if (markerRow(session.text()) !== top) {
      move.push(await pressUntilMarkerMoves(session, 'g'));
      await home(session, top);
    }
    await sleep(PAUSE_MS);
  }
  for (let index = 0; index < count; index++) {
    open.push(await session.press('\r', (text) => DETAIL.test(text)));
    await session.press('\x1b', (text) => LIST.test(text));
    await sleep(PAUSE_MS);
  }
  for (let index = 0; index < count; index++) {
    const character = FILTER_CHARACTERS[index % FILTER_CHARACTERS.length];
    await session.press('/', (text) => text.includes('filter: '));
    await sleep(PAUSE_MS);
    filter.push(await session.press(character, (text) => text.includes(`filter /${character}`)));
    await session.press('\x1b', (text) => !text.includes('filter /') && !text.includes('filter: '));
    await sleep(PAUSE_MS);
  }
  return { move: summary(move), open: summary(open), filter: summary(filter) };
}

/** jobtop loaded with `sources` × `perSource` static jobs, polling every 5 minutes (so only keys and the clock make frames). */
export async function measureKeysAtScale(host, sources, perSource, count) {
  const started = await host.call('static', sources, perSource);
  const config = writeConfig(started.sources, { interval: '5m', limit: perSource, timeout: '120s' });
  const session = startJobtop([`--config=${config}`], { env: { NODE_ENV: 'production' } });
  try {
    const loaded = await session.until(
      (text) => text.includes(`${(sources * perSource).toLocaleString('en-US')} jobs`),
      300_000,
    );
    await sleep(2000);
    return { loadSeconds: (loaded - session.startedAt) / 1000, keys: await measureKeys(session, count) };
  } finally {
    await session.stop();
    await host.call('close');
  }
}
