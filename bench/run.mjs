/**
 * `npm run bench` (after `npm run build`): measures jobtop in real pseudo-terminals against
 * real HTTP fleets and prints one markdown table with the machine it ran on. Progress goes to
 * stderr, the table to stdout. `--quick` shortens every measurement (for trying the bench out,
 * not for the README); `--only=startup,bytes,load,failing,scale` runs a subset.
 */
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { startFleetHost } from './fleet-client.mjs';
import { hasHtop, measureHtop, measureRefreshBytes, measureStartup } from './measure-screen.mjs';
import { measureFailing, measureLoad } from './measure-load.mjs';
import { measureKeys, measureKeysAtScale } from './measure-keys.mjs';
import { count, megabytes, ms, percent, table } from './stats.mjs';
import { snapshotDist } from './pty-session.mjs';

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7).split(',');
const wanted = (name) => !only || only.includes(name);
const plan = quick
  ? { startupRuns: 3, refreshes: 4, htopSeconds: 12, loadSeconds: 20, keys: 8, scale: [10, 2000], failingSeconds: 30 }
  : { startupRuns: 9, refreshes: 10, htopSeconds: 26, loadSeconds: 60, keys: 30, scale: [10, 10_000], failingSeconds: 60 };

const log = (message) => process.stderr.write(`bench: ${message}\n`);
const verdict = (ok, miss) => (ok ? 'met' : `missed: ${miss}`);
const rows = [];
const started = Date.now();
const loadBefore = loadavg()[0];

snapshotDist();
const host = await startFleetHost();
try {
  if (wanted('startup')) {
    log(`start-up, ${plan.startupRuns} runs…`);
    const startup = await measureStartup(plan.startupRuns);
    rows.push([`first frame with jobs: \`NODE_ENV=production node dist/cli.js --demo\`, 120×40 pty (median of ${plan.startupRuns})`, ms(startup.jobtop), `\`node -e 0\`: ${ms(startup.node)}; jobtop's first frame (sources still loading): ${ms(startup.firstFrame)}`, '≤ 350 ms', verdict(startup.jobtop <= 350, `+${ms(startup.jobtop - 350)}`)]);
  }
  if (wanted('bytes')) {
    log(`bytes per refresh, ${plan.refreshes} refreshes…`);
    const bytes = await measureRefreshBytes(host, plan.refreshes);
    log('htop -d 20…');
    const htop = await measureHtop(plan.htopSeconds);
    const htopText = htop ? `\`htop -d 20\`: ${count(htop.bytes)} B (median of ${htop.samples.length})` : 'htop n/a: install it with `apt-get install -y htop` (Debian/Ubuntu)';
    rows.push([`terminal bytes per 2 s refresh, one job's progress moving, 120×40 (median of ${plan.refreshes})`, `${count(bytes.ours)} B`, `${htopText}; Ink's own full repaints: ${count(bytes.ink)} B`, '≤ htop', htop ? verdict(bytes.ours <= htop.bytes, `+${count(bytes.ours - htop.bytes)} B`) : 'n/a']);
  }
  let loadRows = [];
  if (wanted('load')) {
    for (const jobs of [200, 1000]) {
      log(`CPU and RSS at 5 × ${jobs} jobs for ${plan.loadSeconds} s${jobs === 200 ? ', then keypresses with 1,000 jobs' : ''}…`);
      const load = await measureLoad(host, jobs, plan.loadSeconds, jobs === 200 ? (session) => measureKeys(session, plan.keys) : undefined);
      const cpuTarget = jobs === 200 ? 1 : 3;
      const windows = load.cpuWindows.length > 0 ? `10 s windows ${percent(Math.min(...load.cpuWindows))}–${percent(Math.max(...load.cpuWindows))}; ` : '';
      rows.push([`CPU, % of one core, polling 5 sources × ${count(jobs)} jobs every 2 s (${plan.loadSeconds} s)`, percent(load.cpu), `${windows}${load.updatesPerSecond.toFixed(1)} screen updates/s`, `≤ ${cpuTarget} %`, verdict(load.cpu <= cpuTarget, `+${percent(load.cpu - cpuTarget)}`)]);
      rows.push([`RSS, 5 × ${count(jobs)} jobs (median of 1 s samples)`, megabytes(load.rss), `max ${megabytes(load.rssMax)}`, jobs === 1000 ? '≤ 150 MB' : '—', jobs === 1000 ? verdict(load.rss <= 150 * 1048576, `+${megabytes(load.rss - 150 * 1048576)}`) : '—']);
      const polls = load.polls.map((entry) => entry.polls);
      const requests = load.polls.map((entry) => entry.requests);
      loadRows.push([`list polls per source per minute, steady, 2 s interval, 5 × ${count(jobs)}`, `${Math.min(...polls).toFixed(1)}–${Math.max(...polls).toFixed(1)}`, `HTTP requests incl. pages and per-job look-ups: ${Math.min(...requests).toFixed(0)}–${Math.max(...requests).toFixed(0)}/min`, '≤ 30 (one per interval)', verdict(Math.max(...polls) <= 30.5, `${Math.max(...polls).toFixed(1)}`)]);
      if (load.extra) keyRows(load.extra, '1,000', 16);
    }
  }
  if (wanted('failing')) {
    log(`a failing source for ${plan.failingSeconds} s…`);
    const failing = await measureFailing(host, plan.failingSeconds);
    const healthy = failing.healthy.map((entry) => entry.polls);
    loadRows.push([`list requests per minute to a source answering 503 (first ${plan.failingSeconds} s of failure)`, failing.failingRequests.toFixed(0), `gaps ${failing.gaps.map((gap) => `${gap.toFixed(1)} s`).join(', ')}; healthy sources meanwhile ${Math.min(...healthy).toFixed(1)}–${Math.max(...healthy).toFixed(1)} polls/min`, 'backed off', verdict(failing.gaps.length < 2 || failing.gaps.at(-1) > failing.gaps[0] * 2, 'not backing off')]);
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
  for (const [name, label] of [['move', 'move the selection (j, g)'], ['open', 'open a job (Enter)'], ['filter', 'apply a filter (a character in the / prompt)']]) {
    const figure = keys[name];
    rows.push([`keypress → frame, ${label}, ${jobs} jobs (${figure.samples.length} presses)`, `median ${ms(figure.median)}, p95 ${ms(figure.p95)}`, '', `p95 ≤ ${target} ms`, verdict(figure.p95 <= target, `+${ms(figure.p95 - target)}`)]);
  }
}

const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
process.stdout.write(`\nMachine: ${cpus().length} cores (nproc), ${model}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after; bench took ${Math.round((Date.now() - started) / 1000)} s${quick ? ' (--quick: not for the README)' : ''}.\n`);
if (!hasHtop()) process.stdout.write('htop is not installed, so its figure is n/a: apt-get install -y htop\n');
process.stdout.write(`\n${table(['measure', 'jobtop', 'compared with', 'target', 'result'], rows)}\n`);
process.exit(0);
