/**
 * Start-up and terminal-bytes figures: time to the first frame that shows jobs (next to
 * `node -e 0`), and bytes per refresh when one job's progress changes (next to htop -d 20,
 * and to what Ink itself wrote before the diff writer).
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { sleep, startJobtop, startSession } from './pty-session.mjs';
import { median } from './stats.mjs';
import { cpuSeconds } from './measure-load.mjs';
import { tempPath, writeConfig } from './fleet-client.mjs';

/** A job row of jobtop's table: a state word followed by a demo source name. */
const JOB_ROW = /\b(running|queued|succeeded|failed|cancelled)\s+demo-/;
const PRODUCTION = { NODE_ENV: 'production' };

/** Median time from spawn to the first frame showing a job row (`jobtop --demo`), and to the exit of `node -e 0`. */
export async function measureStartup(runs) {
  const jobtop = [];
  const firstFrame = [];
  const bare = [];
  for (let run = -1; run < runs; run++) {
    const node = startSession(process.execPath, ['-e', '0']);
    const exit = await node.exited;
    const session = startJobtop(['--demo'], { env: PRODUCTION });
    const first = await session.until((text) => text.includes('jobtop'));
    const shown = await session.until((text) => JOB_ROW.test(text));
    await session.stop();
    if (run < 0) continue; // warm-up: fills the page cache
    bare.push(exit.at - node.startedAt);
    firstFrame.push(first - session.startedAt);
    jobtop.push(shown - session.startedAt);
  }
  return {
    jobtop: median(jobtop),
    firstFrame: median(firstFrame),
    node: median(bare),
    jobtopSamples: jobtop,
    nodeSamples: bare,
  };
}

/**
 * Median time from spawn to the first frame showing a job row when the fleet runs in another
 * process (the bench's fleet host: the demo fleet at 200 jobs per vendor, `--config`).
 */
export async function measureStartupConfig(host, runs) {
  const { sources } = await host.call('demo', 200);
  const config = writeConfig(sources, { interval: '2s', limit: 200, timeout: '30s' });
  const shown = [];
  try {
    for (let run = -1; run < runs; run++) {
      const session = startJobtop([`--config=${config}`], { env: PRODUCTION });
      const at = await session.until((text) => JOB_ROW.test(text));
      await session.stop();
      if (run >= 0) shown.push(at - session.startedAt);
    }
  } finally {
    await host.call('close');
  }
  return { jobtop: median(shown), samples: shown };
}

/** Sums `bytes` of items whose `time` falls in [from, to). */
function sumBetween(items, from, to, time, bytes) {
  return items.reduce((sum, item) => (time(item) >= from && time(item) < to ? sum + bytes(item) : sum), 0);
}

/**
 * Bytes jobtop sends per 2 s refresh on a 120×40 screen while one job's progress moves by
 * 1 % per poll (the controlled fleet, 5 sources × 200 old jobs), per poll cycle of the moving
 * job's source; and what Ink wrote in the same cycles (JOBTOP_RENDER_TRACE).
 */
export async function measureRefreshBytes(host, refreshes) {
  const { fleet, sources } = await host.call('controlled', 200);
  const trace = tempPath('refresh-trace.jsonl');
  const config = writeConfig(sources, { interval: '2s' });
  const session = startJobtop([`--config=${config}`], {
    env: { ...PRODUCTION, JOBTOP_RENDER_TRACE: trace },
  });
  try {
    await session.until((text) => (text.match(/ OK /g) ?? []).length >= 5 && /running/.test(text));
    await sleep(4500);
    const from = Date.now();
    await sleep((refreshes + 1) * 2000 + 1000);
    const polls = (await host.call('polls', fleet))[0].polls.filter((at) => at >= from);
    const events = readFileSync(trace, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((event) => event.kind === 'write');
    const ours = [];
    const ink = [];
    for (let index = 0; index + 1 < polls.length && ours.length < refreshes; index++) {
      ours.push(
        sumBetween(
          session.chunks,
          polls[index],
          polls[index + 1],
          (chunk) => chunk.wall,
          (chunk) => chunk.bytes,
        ),
      );
      ink.push(
        sumBetween(
          events,
          polls[index],
          polls[index + 1],
          (event) => event.at,
          (event) => Buffer.byteLength(event.data),
        ),
      );
    }
    return { ours: median(ours), ink: median(ink), oursSamples: ours, inkSamples: ink };
  } finally {
    await session.stop();
    await host.call('close');
  }
}

/** Whether htop is installed. */
export function hasHtop() {
  return spawnSync('sh', ['-c', 'command -v htop'], { encoding: 'utf8' }).stdout.trim() !== '';
}

/**
 * `htop -d 20` at 120×40 on this machine for `seconds` after a 3 s warm-up: its CPU (% of one
 * core, from /proc) and the bytes per second it sends the terminal — the reference beside
 * jobtop's realistic-fleet figures in the same run.
 */
export async function measureHtopLoad(seconds) {
  if (!hasHtop()) return null;
  const session = startSession('htop', ['-d', '20']);
  try {
    await sleep(3000);
    const from = Date.now();
    const cpuBefore = cpuSeconds(session.pid);
    await sleep(seconds * 1000);
    const to = Date.now();
    const cpu = ((cpuSeconds(session.pid) - cpuBefore) / ((to - from) / 1000)) * 100;
    const bytes = session.chunks
      .filter((chunk) => chunk.wall >= from && chunk.wall < to)
      .reduce((sum, chunk) => sum + chunk.bytes, 0);
    return { cpu, bytesPerSecond: bytes / ((to - from) / 1000) };
  } finally {
    await session.stop();
  }
}

/** Bytes per refresh of `htop -d 20` at 120×40: output bursts (separated by quiet > 700 ms) after the first paint. */
export async function measureHtop(seconds) {
  if (!hasHtop()) return null;
  const session = startSession('htop', ['-d', '20']);
  await sleep(seconds * 1000);
  const stoppedAt = performance.now();
  await session.stop();
  const bursts = [];
  let last = -Infinity;
  for (const chunk of session.chunks.filter((item) => item.at < stoppedAt)) {
    if (chunk.at - last > 700) bursts.push({ at: chunk.at, bytes: 0 });
    bursts[bursts.length - 1].bytes += chunk.bytes;
    last = chunk.at;
  }
  const refreshes = bursts.filter((burst) => burst.at - session.startedAt > 3000).map((burst) => burst.bytes);
  return { bytes: median(refreshes), samples: refreshes };
}
