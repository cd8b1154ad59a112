/**
 * `node bench/memory-map.mjs [--cli=dist/cli.js] [--jobs=200] [--seconds=30] [--snapshot] [--node-flags=…]`
 * (after `npm run build`): where jobtop's RSS is. jobtop at 120×40 in a pty against the bench's
 * demo fleet (5 sources × jobs, 2 s interval, the fleet in another process); after the first
 * full answer and a 5 s warm-up, RSS (anonymous and file-backed) and CPU over `seconds`, then
 * /proc/PID/smaps summed by kind of mapping, the V8 heap from JOBTOP_HEAP_TRACE, and with
 * `--snapshot` a heap snapshot (SIGUSR2) summarised by what it retains (docs/performance.md).
 * `--trend` prints the kinds every 10 s (a leak shows as a kind that keeps growing).
 * `--floor` measures `node -e 'setInterval(()=>{},1e3)'` the same way instead.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFleetHost, tempPath, writeConfig } from './fleet-client.mjs';
import { cpuSeconds, heapFigures, rssSplit } from './measure-load.mjs';
import { CLI, sleep, startSession } from './pty-session.mjs';
import { median } from './stats.mjs';
import { summariseSnapshot } from './heap-snapshot.mjs';

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const flag = (name) => process.argv.includes(`--${name}`);
const cli = arg('cli', CLI);
const jobs = Number(arg('jobs', 200));
const seconds = Number(arg('seconds', 30));
const nodeFlags = arg('node-flags', '').split(' ').filter(Boolean);
const extraEnv = Object.fromEntries(
  arg('env', '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=')),
);

/**
 * /proc/PID/smaps summed by kind of mapping (resident kB): the node binary's text, read-only
 * data (ICU's data is embedded there) and writable data; shared libraries; the malloc heap
 * ([heap], brk); thread stacks; glibc's per-thread malloc arenas (64 MB-aligned reservations);
 * wasm memories (reservations of more than 1 GB); other anonymous memory (V8's heap pages and
 * large malloc blocks).
 */
export function smapsBreakdown(pid) {
  const lines = readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n');
  const maps = [];
  for (const line of lines) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      maps.push({
        start: BigInt(`0x${header[1]}`),
        end: BigInt(`0x${header[2]}`),
        perms: header[3],
        path: header[4],
        fields: {},
      });
      continue;
    }
    const field = /^(\w+):\s+(\d+) kB/.exec(line);
    if (field && maps.length) maps.at(-1).fields[field[1]] = Number(field[2]);
  }
  const ARENA = 64n << 20n;
  const kinds = {};
  const add = (kind, map) => {
    const entry = (kinds[kind] ??= { rss: 0, anon: 0, mappings: 0 });
    entry.rss += map.fields.Rss ?? 0;
    entry.anon += map.fields.Anonymous ?? 0;
    entry.mappings += 1;
    if ((map.fields.Rss ?? 0) >= 1024)
      (entry.large ??= []).push(
        `${map.start.toString(16)} ${map.perms} ${(map.end - map.start) >> 10n} kB rss ${map.fields.Rss} kB region ${(regionSize.get(map) ?? 0n) >> 20n} MB`,
      );
  };
  // why: a wasm memory is one reservation of more than 1 GB whose used part mprotect splits off
  // into its own mapping; group runs of adjacent anonymous mappings to recognise it.
  const regionSize = new Map();
  for (let index = 0; index < maps.length;) {
    let last = index;
    while (maps[last + 1] && !maps[last + 1].path && !maps[index].path && maps[last + 1].start === maps[last].end)
      last++;
    const size = maps[last].end - maps[index].start;
    for (let k = index; k <= last; k++) regionSize.set(maps[k], size);
    index = last + 1;
  }
  maps.forEach((map, index) => {
    const size = map.end - map.start;
    const next = maps[index + 1];
    const previous = maps[index - 1];
    if (map.path.endsWith('/node') || map.path === process.execPath) {
      add(
        map.perms.includes('x')
          ? 'node binary: text'
          : map.perms.includes('w')
            ? 'node binary: data'
            : 'node binary: rodata (ICU…)',
        map,
      );
    } else if (map.path.includes('.so')) add('shared libraries', map);
    else if (map.path === '[heap]') add('malloc: main arena ([heap])', map);
    else if (map.path === '[stack]') add('main thread stack', map);
    else if (map.path.startsWith('[')) add(map.path, map);
    else if (map.path) add('other files', map);
    // why: arenas are checked first: glibc's 64 MB arena reservations often lie side by side with
    // other anonymous mappings, and a run of them exceeds 1 GB like a wasm reservation does.
    else if (
      map.perms === 'rw-p' &&
      map.start % ARENA === 0n &&
      next &&
      next.start === map.end &&
      next.perms === '---p' &&
      next.end - map.start === ARENA
    )
      add('malloc: thread arenas', map);
    else if (map.perms === 'rw-p' && map.start % ARENA === 0n && size === ARENA) add('malloc: thread arenas', map);
    else if (regionSize.get(map) > 1n << 30n) add('wasm memory (reservation > 1 GB)', map);
    else if (
      map.perms === 'rw-p' &&
      previous &&
      previous.end === map.start &&
      previous.perms === '---p' &&
      (size === 8n << 20n || size === 8380416n)
    )
      add('thread stacks', map);
    else add('other anonymous (V8 heap, large malloc blocks)', map);
  });
  return kinds;
}

const host = flag('floor') ? null : await startFleetHost();
try {
  let args = [...nodeFlags, cli];
  let ready = (text) => (text.match(/ OK /g) ?? []).length >= 5;
  const heapTrace = tempPath(`memory-heap-${process.pid}.jsonl`);
  if (host) {
    const { sources } = await host.call('demo', jobs);
    const config = writeConfig(sources, { interval: '2s', limit: jobs, timeout: '30s' });
    args.push(`--config=${config}`);
  } else {
    args = [...nodeFlags, '-e', 'setInterval(()=>{},1e3); process.stdout.write("ready")'];
    ready = (text) => text.includes('ready');
  }
  if (flag('snapshot')) args.unshift('--heapsnapshot-signal=SIGUSR2');
  const session = startSession(process.execPath, args, {
    env: { NODE_ENV: 'production', JOBTOP_HEAP_TRACE: heapTrace, ...extraEnv },
  });
  await session.until(ready);
  await sleep(5000);
  const from = Date.now();
  const cpuBefore = cpuSeconds(session.pid);
  const samples = [];
  for (let second = 0; second < seconds; second++) {
    await sleep(1000);
    samples.push(rssSplit(session.pid));
    // --trend: every 10 s, the RSS of each kind of mapping (MB), to see what grows over a long run.
    if (flag('trend') && (second + 1) % 10 === 0) {
      const kinds = smapsBreakdown(session.pid);
      console.error(
        `${second + 1} s: ${Object.entries(kinds)
          .filter(([, entry]) => entry.rss >= 512)
          .map(([kind, entry]) => `${kind.split(' (')[0]} ${(entry.rss / 1024).toFixed(1)}`)
          .join(', ')}`,
      );
    }
  }
  const to = Date.now();
  const cpu = ((cpuSeconds(session.pid) - cpuBefore) / ((to - from) / 1000)) * 100;
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const smaps = smapsBreakdown(session.pid);
  const result = {
    cli: host ? cli : 'node -e setInterval',
    jobs,
    nodeFlags,
    env: extraEnv,
    load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    cpuPercent: Math.round(cpu * 100) / 100,
    rssMedianMB: mb(median(samples.map((s) => s.rss))),
    rssMaxMB: mb(Math.max(...samples.map((s) => s.rss))),
    anonMedianMB: mb(median(samples.map((s) => s.anon))),
    fileMedianMB: mb(median(samples.map((s) => s.file))),
    smapsMB: Object.fromEntries(
      Object.entries(smaps)
        .sort((a, b) => b[1].rss - a[1].rss)
        .map(([kind, entry]) => [
          kind,
          `${mb(entry.rss * 1024)} (anon ${mb(entry.anon * 1024)}, ${entry.mappings} maps)${flag('maps') && entry.large ? `: ${entry.large.join('; ')}` : ''}`,
        ]),
    ),
  };
  if (host && existsSync(heapTrace)) {
    const heap = heapFigures(heapTrace, from, to);
    const last = readFileSync(heapTrace, 'utf8').trim().split('\n').at(-1);
    result.heap =
      heap &&
      Object.fromEntries(
        Object.entries(heap).map(([key, value]) => [
          key,
          key.startsWith('gc') || key.startsWith('major') ? Math.round(value * 10) / 10 : mb(value),
        ]),
      );
    result.lastHeapSample = JSON.parse(last);
  }
  console.log(JSON.stringify(result, null, 2));
  if (flag('snapshot')) {
    // why: --heapsnapshot-signal writes Heap.*.heapsnapshot into the process's working directory.
    const cwd = readlinkSync(`/proc/${session.pid}/cwd`);
    process.kill(session.pid, 'SIGUSR2');
    let file;
    let size = -1;
    for (;;) {
      await sleep(2000);
      file = readdirSync(cwd).find((name) => name.endsWith('.heapsnapshot'));
      const now = file ? statSync(join(cwd, file)).size : -1;
      if (file && now === size) break;
      size = now;
    }
    await session.stop();
    console.log(`snapshot ${join(cwd, file)}`);
    summariseSnapshot(join(cwd, file));
  } else await session.stop();
} finally {
  if (host) {
    await host.call('close');
    await host.stop();
  }
}
