/**
 * Running costs: CPU (% of one core) and RSS of the jobtop process over a window while it
 * polls the demo fleet, the list polls each source received, and polling while a source fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { sleep, startJobtop, startSession } from './pty-session.mjs';
import { median } from './stats.mjs';
import { tempPath, writeConfig } from './fleet-client.mjs';

// why: /proc/<pid>/stat counts CPU time in clock ticks; Linux reports USER_HZ = 100 to user space.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process used so far. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function rssBytes(pid) {
  return rssSplit(pid).rss;
}

/**
 * RSS of a process and its two halves (/proc/PID/status), in bytes: anonymous (the V8 heap,
 * malloc, wasm memories: what jobtop allocates) and file-backed (the node binary's code and
 * data, ICU's data inside it, shared libraries: shared with every other node process).
 */
export function rssSplit(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') };
}

/**
 * The live V8 heap and GC time in [from, to) from jobtop's JOBTOP_HEAP_TRACE file (one sample a
 * second): heap used (median, max), committed heap spaces (median of the new space, the young
 * generation), and the GC's share of the window (ms per second and collections per minute).
 */
export function heapFigures(path, from, to) {
  const samples = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const inWindow = samples.filter((sample) => sample.at >= from && sample.at <= to);
  if (inWindow.length < 2) return null;
  const first = inWindow[0];
  const last = inWindow.at(-1);
  const seconds = (last.at - first.at) / 1000;
  return {
    heapUsed: median(inWindow.map((sample) => sample.heapUsed)),
    heapUsedMax: Math.max(...inWindow.map((sample) => sample.heapUsed)),
    heapTotal: median(inWindow.map((sample) => sample.heapTotal)),
    newSpace: median(inWindow.map((sample) => sample.spaces.new_space ?? 0)),
    gcMsPerSecond: (last.gcMs - first.gcMs) / seconds,
    gcPerMinute: ((last.gcCount - first.gcCount) * 60) / seconds,
    majorGcPerMinute: ((last.majorGcCount - first.majorGcCount) * 60) / seconds,
  };
}

let heapTraces = 0;

const allOk = (count) => (text) => (text.match(/ OK /g) ?? []).length >= count;

/** Polls per minute of each source in [from, to). */
function pollsPerMinute(reports, from, to) {
  return reports.map((report) => ({
    name: report.name,
    polls: (report.polls.filter((at) => at >= from && at < to).length * 60_000) / (to - from),
    requests: (report.requests.filter((at) => at >= from && at < to).length * 60_000) / (to - from),
  }));
}

/** The session's CPU (% of one core) over `seconds`, starting `after` seconds from now. */
async function cpuOver(session, after, seconds) {
  await sleep(after * 1000);
  const from = Date.now();
  const before = cpuSeconds(session.pid);
  await sleep(seconds * 1000);
  return ((cpuSeconds(session.pid) - before) / ((Date.now() - from) / 1000)) * 100;
}

/** Seconds between the end of the steady window and the heap trace's start, at the latest. */
const TRACE_MARGIN_SECONDS = 15;

/**
 * The heap figures of the `seconds` from the trace's first sample (it starts after the CPU window
 * ended at `cpuEnd`); waits for them. Says so on stderr if the trace started inside that window.
 */
async function heapWindow(path, cpuEnd, seconds) {
  let first;
  for (let waited = 0; first === undefined && waited < (TRACE_MARGIN_SECONDS + 30) * 1000; waited += 500) {
    await sleep(500);
    const line = existsSync(path) ? readFileSync(path, 'utf8').split('\n', 1)[0] : '';
    if (line) first = JSON.parse(line).at;
  }
  if (first === undefined) return null;
  if (first < cpuEnd)
    process.stderr.write(`bench: the heap trace started ${first - cpuEnd} ms inside the CPU window\n`);
  await sleep(Math.max(0, first + seconds * 1000 + 1500 - Date.now()));
  return heapFigures(path, first, first + seconds * 1000);
}

/**
 * jobtop at 120×40 against the demo fleet with `jobs` jobs per vendor (limit = jobs, 2 s
 * interval): CPU over `seconds` from 5 s after every source answered (the first minute), then,
 * from `steadyAfter` seconds after that, CPU, RSS and the sources' list polls over `seconds` (the
 * steady state of a monitor left open: V8 has compiled what is hot, and Alteryx's disposition
 * look-ups of the jobs that were already finished, 25 a poll, are done). The live heap and GC
 * time come from jobtop's JOBTOP_HEAP_TRACE over the `seconds` after that window: the trace
 * starts only then (JOBTOP_HEAP_TRACE_AFTER), so the CPU window measures jobtop untraced.
 * `during(session)` runs afterwards in the same session (keypress latency at 1,000 jobs).
 */
export async function measureLoad(host, jobs, seconds, steadyAfter, during) {
  const { fleet, sources } = await host.call('demo', jobs);
  const config = writeConfig(sources, { interval: '2s', limit: jobs, timeout: '30s' });
  const heapTrace = tempPath(`heap-${heapTraces++}.jsonl`);
  // why: after the steady window, with a margin for the first answers (a few hundred ms quiet).
  const traceAfter = steadyAfter + seconds + TRACE_MARGIN_SECONDS;
  const session = startJobtop([`--config=${config}`], {
    env: { NODE_ENV: 'production', JOBTOP_HEAP_TRACE: heapTrace, JOBTOP_HEAP_TRACE_AFTER: String(traceAfter) },
  });
  try {
    await session.until(allOk(5));
    const ready = Date.now();
    const firstMinuteCpu = await cpuOver(session, 5, seconds);
    await sleep(Math.max(0, ready + steadyAfter * 1000 - Date.now()));
    const from = Date.now();
    const cpuBefore = cpuSeconds(session.pid);
    const rss = [];
    const windows = [];
    let windowStart = cpuBefore;
    for (let second = 1; second <= seconds; second++) {
      await sleep(1000);
      rss.push(rssSplit(session.pid));
      if (second % 10 === 0) {
        const now = cpuSeconds(session.pid);
        windows.push(((now - windowStart) / 10) * 100);
        windowStart = now;
      }
    }
    const to = Date.now();
    const cpu = ((cpuSeconds(session.pid) - cpuBefore) / ((to - from) / 1000)) * 100;
    // Screen updates: each frame the diff writer sends is one write, seen as one output chunk.
    const inWindow = session.chunks.filter((chunk) => chunk.wall >= from && chunk.wall < to);
    const updatesPerSecond = inWindow.length / ((to - from) / 1000);
    const bytesPerSecond = inWindow.reduce((sum, chunk) => sum + chunk.bytes, 0) / ((to - from) / 1000);
    const polls = pollsPerMinute(await host.call('polls', fleet), from, to);
    const heap = await heapWindow(heapTrace, to, seconds);
    const extra = during ? await during(session) : null;
    return {
      cpu,
      firstMinuteCpu,
      cpuWindows: windows,
      updatesPerSecond,
      bytesPerSecond,
      rss: median(rss.map((sample) => sample.rss)),
      rssMax: Math.max(...rss.map((sample) => sample.rss)),
      rssAnon: median(rss.map((sample) => sample.anon)),
      rssFile: median(rss.map((sample) => sample.file)),
      heap,
      polls,
      extra,
    };
  } finally {
    await session.stop();
    await host.call('close');
  }
}

/**
 * The floor: RSS (and its halves) of `node -e 'setInterval(()=>{},1e3)'` — an idle Node with
 * nothing loaded — in the same pty and environment, after `seconds` (median of 1 s samples).
 */
export async function measureNodeFloor(seconds = 5) {
  const session = startSession(process.execPath, ['-e', 'setInterval(() => {}, 1e3); process.stdout.write("ready")'], {
    env: { NODE_ENV: 'production' },
  });
  try {
    await session.until((text) => text.includes('ready'));
    const samples = [];
    for (let second = 0; second < seconds; second++) {
      await sleep(1000);
      samples.push(rssSplit(session.pid));
    }
    return {
      rss: median(samples.map((sample) => sample.rss)),
      anon: median(samples.map((sample) => sample.anon)),
      file: median(samples.map((sample) => sample.file)),
    };
  } finally {
    await session.stop();
  }
}

/**
 * Nothing visible changes: five static VectorCharts servers × `jobs` old jobs (finished, or
 * running with a progress that never moves), polled every 2 s: jobtop's CPU over `seconds` from
 * 5 s after every source answered (the first minute), then its CPU and screen updates per second
 * over `seconds` from `steadyAfter` seconds after that (the steady state, as in measureLoad).
 */
export async function measureIdle(host, jobs, seconds, steadyAfter) {
  const { sources } = await host.call('static', 5, jobs);
  const config = writeConfig(sources, { interval: '2s', limit: jobs, timeout: '30s' });
  const session = startJobtop([`--config=${config}`], { env: { NODE_ENV: 'production' } });
  try {
    await session.until(allOk(5));
    const ready = Date.now();
    const firstMinuteCpu = await cpuOver(session, 5, seconds);
    await sleep(Math.max(0, ready + steadyAfter * 1000 - Date.now()));
    const from = Date.now();
    const cpuBefore = cpuSeconds(session.pid);
    await sleep(seconds * 1000);
    const to = Date.now();
    const cpu = ((cpuSeconds(session.pid) - cpuBefore) / ((to - from) / 1000)) * 100;
    const updates = session.chunks.filter((chunk) => chunk.wall >= from && chunk.wall < to).length;
    return { cpu, firstMinuteCpu, updatesPerSecond: updates / ((to - from) / 1000), rss: rssBytes(session.pid) };
  } finally {
    await session.stop();
    await host.call('close');
  }
}

/**
 * The demo fleet at 200 jobs per vendor with demo-vectorcharts replaced by a server that answers
 * every request with a 503: the failing source's requests in the minute after its first failure,
 * with the gaps between them, and the healthy sources' polls in the same minute.
 */
export async function measureFailing(host, seconds) {
  const demo = await host.call('demo', 200);
  const failing = await host.call('failing', 'demo-vectorcharts');
  const sources = demo.sources.map((source) => (source.name === 'demo-vectorcharts' ? failing.sources[0] : source));
  const config = writeConfig(sources, { interval: '2s', limit: 200 });
  const session = startJobtop([`--config=${config}`], { env: { NODE_ENV: 'production' } });
  try {
    await session.until(allOk(4));
    const first = (await host.call('polls', failing.fleet))[0].requests[0] ?? Date.now();
    await sleep(Math.max(0, first + seconds * 1000 - Date.now()));
    const [report] = await host.call('polls', failing.fleet);
    const inWindow = report.requests.filter((at) => at >= first && at < first + seconds * 1000);
    const gaps = inWindow.slice(1).map((at, index) => (at - inWindow[index]) / 1000);
    const healthy = pollsPerMinute(await host.call('polls', demo.fleet), first, first + seconds * 1000).filter(
      (entry) => entry.name !== 'demo-vectorcharts',
    );
    return { failingRequests: (inWindow.length * 60) / seconds, gaps, healthy };
  } finally {
    await session.stop();
    await host.call('close');
  }
}
