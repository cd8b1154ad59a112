/**
 * `npm run bench` (after `npm run build`): measures jobtop in real pseudo-terminals against
 * real HTTP fleets and prints one markdown table with the machine it ran on. Progress goes to
 * stderr, the table to stdout. `--quick` shortens every measurement (for trying the bench out,
 * not for the README); `--only=startup,bytes,load,idle,failing,scale` runs a subset. Every row
 * carries the 1-minute load average when it was measured: on a shared machine figures move with it.
 */
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { startFleetHost } from './fleet-client.mjs';
import {
  hasHtop,
  measureHtop,
  measureHtopLoad,
  measureRefreshBytes,
  measureStartup,
  measureStartupConfig,
} from './measure-screen.mjs';
import { measureFailing, measureIdle, measureLoad, measureNodeFloor } from './measure-load.mjs';
import { measureKeys, measureKeysAtScale } from './measure-keys.mjs';
import { count, megabytes, ms, percent, table } from './stats.mjs';
import { snapshotDist } from './pty-session.mjs';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (name) => !only || only.includes(name);
const plan = quick
  ? {
      startupRuns: 3,
      refreshes: 4,
      htopSeconds: 12,
      loadSeconds: 20,
      steadyAfter: 45,
      idleSeconds: 20,
      keys: 8,
      scale: [10, 2000],
      failingSeconds: 30,
    }
  : {
      startupRuns: 9,
      refreshes: 10,
      htopSeconds: 26,
      loadSeconds: 60,
      steadyAfter: 120,
      idleSeconds: 60,
      keys: 30,
      scale: [10, 10_000],
      failingSeconds: 60,
    };

const log = (message) => process.stderr.write(`bench: ${message}\n`);
const verdict = (ok, miss) => (ok ? 'met' : `missed: ${miss}`);
const rows = [];
/** A table row with the 1-minute load average at the time it was measured. */
const withLoad = (cells) => [...cells, loadavg()[0].toFixed(2)];
const HTOP_MISSING = 'htop n/a: install it with `apt-get install -y htop` (Debian/Ubuntu)';
const started = Date.now();
const loadBefore = loadavg()[0];

snapshotDist();
const host = await startFleetHost();
try {
  if (wanted('startup')) {
    log(`start-up, ${plan.startupRuns} runs…`);
    const startup = await measureStartup(plan.startupRuns);
    rows.push(
      withLoad([
        `first frame with jobs: \`NODE_ENV=production dist/jobtop --demo\`, 120×40 pty (median of ${plan.startupRuns})`,
        ms(startup.jobtop),
        `\`node -e 0\`: ${ms(startup.node)}; jobtop's first frame (sources still loading): ${ms(startup.firstFrame)}`,
        '≤ 300 ms',
        verdict(startup.jobtop <= 300, `+${ms(startup.jobtop - 300)}`),
      ]),
    );
    const real = await measureStartupConfig(host, plan.startupRuns);
    rows.push(
      withLoad([
        `first frame with jobs: \`--config\` with the fleet in another process (5 × 200), 120×40 pty (median of ${plan.startupRuns})`,
        ms(real.jobtop),
        `\`node -e 0\`: ${ms(startup.node)} (same run)`,
        '≤ 250 ms',
        verdict(real.jobtop <= 250, `+${ms(real.jobtop - 250)}`),
      ]),
    );
  }
  if (wanted('bytes')) {
    log(`bytes per refresh, ${plan.refreshes} refreshes…`);
    const bytes = await measureRefreshBytes(host, plan.refreshes);
    log('htop -d 20…');
    const htop = await measureHtop(plan.htopSeconds);
    const htopText = htop ? `\`htop -d 20\`: ${count(htop.bytes)} B (median of ${htop.samples.length})` : HTOP_MISSING;
    rows.push(
      withLoad([
        `terminal bytes per 2 s refresh, one job's progress moving, 120×40 (median of ${plan.refreshes})`,
        `${count(bytes.ours)} B`,
        `${htopText}; Ink's own full repaints: ${count(bytes.ink)} B`,
        '≤ htop',
        htop ? verdict(bytes.ours <= htop.bytes, `+${count(bytes.ours - htop.bytes)} B`) : 'n/a',
      ]),
    );
  }
  let loadRows = [];
  if (wanted('load')) {
    log('RSS of an idle node (the floor)…');
    const floor = await measureNodeFloor();
    const halves = (sample) =>
      `anonymous ${megabytes(sample.anon ?? sample.rssAnon)}, file-backed ${megabytes(sample.file ?? sample.rssFile)}`;
    for (const jobs of [200, 1000]) {
      log(
        `CPU at 5 × ${jobs} jobs for ${plan.loadSeconds} s, then CPU and RSS for ${plan.loadSeconds} s from ${plan.steadyAfter} s${jobs === 200 ? ', then keypresses with 1,000 jobs' : ''}…`,
      );
      const load = await measureLoad(
        host,
        jobs,
        plan.loadSeconds,
        plan.steadyAfter,
        jobs === 200 ? (session) => measureKeys(session, plan.keys) : undefined,
      );
      const htop =
        jobs === 200
          ? (log(`htop -d 20 for ${plan.loadSeconds} s beside it…`), await measureHtopLoad(plan.loadSeconds))
          : null;
      const cpuTarget = jobs === 200 ? 1 : 2;
      const windows =
        load.cpuWindows.length > 0
          ? `10 s windows ${percent(Math.min(...load.cpuWindows))}–${percent(Math.max(...load.cpuWindows))}; `
          : '';
      const fleet = `the demo fleet ticking: arrivals, state and progress changes every second`;
      const steady = `${plan.loadSeconds} s from ${plan.steadyAfter} s after every source answered`;
      if (jobs === 200) {
        const htopCpu = htop ? `; \`htop -d 20\` at 120×40 in the same run: ${percent(htop.cpu)}` : `; ${HTOP_MISSING}`;
        const ok = load.cpu <= 1 && (!htop || load.cpu <= 3 * Math.max(htop.cpu, 0.01));
        rows.push(
          withLoad([
            `CPU, % of one core, realistic fleet: 5 sources × 200 jobs, 2 s interval (${steady}; ${fleet})`,
            percent(load.cpu),
            `first minute (from 5 s): ${percent(load.firstMinuteCpu)}; ${windows}${load.updatesPerSecond.toFixed(1)} screen updates/s${htopCpu}`,
            '≤ 1 % and ≤ 3 × htop',
            verdict(
              ok,
              `+${percent(load.cpu - 1)}${htop ? ` (${(load.cpu / Math.max(htop.cpu, 0.01)).toFixed(1)} × htop)` : ''}`,
            ),
          ]),
        );
        rows.push(
          withLoad([
            `terminal bytes/s, the same realistic fleet (5 × 200), 120×40`,
            `${count(load.bytesPerSecond)} B/s`,
            htop ? `\`htop -d 20\`: ${count(htop.bytesPerSecond)} B/s (same run)` : HTOP_MISSING,
            '≤ htop',
            htop
              ? verdict(
                  load.bytesPerSecond <= htop.bytesPerSecond,
                  `+${count(load.bytesPerSecond - htop.bytesPerSecond)} B/s`,
                )
              : 'n/a',
          ]),
        );
      } else {
        rows.push(
          withLoad([
            `CPU, % of one core, polling 5 sources × ${count(jobs)} jobs every 2 s (${steady}; ${fleet})`,
            percent(load.cpu),
            `first minute (from 5 s): ${percent(load.firstMinuteCpu)}; ${windows}${load.updatesPerSecond.toFixed(1)} screen updates/s, ${count(load.bytesPerSecond)} B/s`,
            `≤ ${cpuTarget} %`,
            verdict(load.cpu <= cpuTarget, `+${percent(load.cpu - cpuTarget)}`),
          ]),
        );
      }
      const rssTarget = jobs === 200 ? { median: 100 } : { median: 130, max: 150 };
      const rssOk =
        load.rss <= rssTarget.median * 1048576 &&
        (rssTarget.max === undefined || load.rssMax <= rssTarget.max * 1048576);
      const rssMiss = [
        load.rss > rssTarget.median * 1048576 ? `median +${megabytes(load.rss - rssTarget.median * 1048576)}` : '',
        rssTarget.max !== undefined && load.rssMax > rssTarget.max * 1048576
          ? `max +${megabytes(load.rssMax - rssTarget.max * 1048576)}`
          : '',
      ]
        .filter(Boolean)
        .join(', ');
      rows.push(
        withLoad([
          `RSS, 5 × ${count(jobs)} jobs (median of 1 s samples, steady window)`,
          megabytes(load.rss),
          `max ${megabytes(load.rssMax)}; ${halves(load)} (node's code, ICU data); idle \`node -e setInterval\`: ${megabytes(floor.rss)} (${halves(floor)})`,
          rssTarget.max === undefined
            ? `≤ ${rssTarget.median} MB`
            : `≤ ${rssTarget.median} MB / max ≤ ${rssTarget.max} MB`,
          verdict(rssOk, rssMiss),
        ]),
      );
      if (load.heap) {
        rows.push(
          withLoad([
            `live V8 heap, 5 × ${count(jobs)} jobs (heap used, median of 1 s samples, the ${plan.loadSeconds} s after the steady window: JOBTOP_HEAP_TRACE starts then, so the CPU window runs untraced)`,
            megabytes(load.heap.heapUsed),
            `max ${megabytes(load.heap.heapUsedMax)}; heap committed ${megabytes(load.heap.heapTotal)}, of which the young generation (new space) ${megabytes(load.heap.newSpace)}`,
            '(beside RSS)',
            'n/a',
          ]),
        );
        rows.push(
          withLoad([
            `GC time, 5 × ${count(jobs)} jobs (${plan.loadSeconds} s after the steady window, traced)`,
            `${load.heap.gcMsPerSecond.toFixed(1)} ms/s (${percent(load.heap.gcMsPerSecond / 10)} of one core)`,
            `${load.heap.gcPerMinute.toFixed(0)} collections/min, of which ${load.heap.majorGcPerMinute.toFixed(1)} full (mark-compact)`,
            '(part of the CPU row)',
            'n/a',
          ]),
        );
      }
      const polls = load.polls.map((entry) => entry.polls);
      const requests = load.polls.map((entry) => entry.requests);
      loadRows.push(
        withLoad([
          `list polls per source per minute, steady, 2 s interval, 5 × ${count(jobs)}`,
          `${Math.min(...polls).toFixed(1)}–${Math.max(...polls).toFixed(1)}`,
          `HTTP requests incl. pages and per-job look-ups: ${Math.min(...requests).toFixed(0)}–${Math.max(...requests).toFixed(0)}/min`,
          '≤ 30 (one per interval)',
          verdict(Math.max(...polls) <= 30.5, `${Math.max(...polls).toFixed(1)}`),
        ]),
      );
      if (load.extra) keyRows(load.extra, '1,000', 16);
    }
  }
  if (wanted('idle')) {
    log(
      `nothing visible changing (static fleet, 5 × 200): ${plan.idleSeconds} s, then ${plan.idleSeconds} s from ${plan.steadyAfter} s…`,
    );
    const idle = await measureIdle(host, 200, plan.idleSeconds, plan.steadyAfter);
    rows.push(
      withLoad([
        `CPU when nothing visible changes: 5 static sources × 200 old jobs, 2 s interval (${plan.idleSeconds} s from ${plan.steadyAfter} s after every source answered)`,
        percent(idle.cpu),
        `first minute (from 5 s): ${percent(idle.firstMinuteCpu)}; ${idle.updatesPerSecond.toFixed(2)} screen updates/s (target 0); RSS ${megabytes(idle.rss)}`,
        '≤ 0.3 %, 0 updates/s',
        verdict(
          idle.cpu <= 0.3 && idle.updatesPerSecond === 0,
          [
            idle.cpu > 0.3 ? `+${percent(idle.cpu - 0.3)}` : '',
            idle.updatesPerSecond > 0 ? `${idle.updatesPerSecond.toFixed(2)} updates/s` : '',
          ]
            .filter(Boolean)
            .join(', '),
        ),
      ]),
    );
  }
  if (wanted('failing')) {
    log(`a failing source for ${plan.failingSeconds} s…`);
    const failing = await measureFailing(host, plan.failingSeconds);
    const healthy = failing.healthy.map((entry) => entry.polls);
    loadRows.push(
      withLoad([
        `list requests per minute to a source answering 503 (first ${plan.failingSeconds} s of failure)`,
        failing.failingRequests.toFixed(0),
        `gaps ${failing.gaps.map((gap) => `${gap.toFixed(1)} s`).join(', ')}; healthy sources meanwhile ${Math.min(...healthy).toFixed(1)}–${Math.max(...healthy).toFixed(1)} polls/min`,
        'backed off',
        verdict(failing.gaps.length < 2 || failing.gaps.at(-1) > failing.gaps[0] * 2, 'not backing off'),
      ]),
    );
  }
  rows.push(...loadRows);
  loadRows = [];
  if (wanted('scale')) {
    const [sources, perSource] = plan.scale;
    log(`keypresses with ${count(sources * perSource)} jobs…`);
    const scale = await measureKeysAtScale(host, sources, perSource, plan.keys);
    keyRows(scale.keys, `${count(sources * perSource)} (loaded in ${scale.loadSeconds.toFixed(1)} s)`, 33);
  }
} finally {
  await host.stop();
}

function keyRows(keys, jobs, target) {
  for (const [name, label] of [
    ['move', 'move the selection (j, g)'],
    ['open', 'open a job (Enter)'],
    ['filter', 'apply a filter (a character in the / prompt)'],
  ]) {
    const figure = keys[name];
    rows.push(
      withLoad([
        `keypress → frame, ${label}, ${jobs} jobs (${figure.samples.length} presses)`,
        `median ${ms(figure.median)}, p95 ${ms(figure.p95)}`,
        '',
        `p95 ≤ ${target} ms`,
        verdict(figure.p95 <= target, `+${ms(figure.p95 - target)}`),
      ]),
    );
  }
}

const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
process.stdout.write(
  `\nMachine: ${cpus().length} cores (nproc), ${model}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after; bench took ${Math.round((Date.now() - started) / 1000)} s${quick ? ' (--quick: not for the README)' : ''}.\n`,
);
if (!hasHtop()) process.stdout.write('htop is not installed, so its figure is n/a: apt-get install -y htop\n');
process.stdout.write(`\n${table(['measure', 'jobtop', 'compared with', 'target', 'result', 'load avg'], rows)}\n`);
process.exit(0);
