/**
 * `node bench/profile-startup.mjs [--mode=demo|config] [--runs=3] [--out=DIR]` (after `npm run build`):
 * jobtop at 120×40 in a pty under `node --cpu-prof` until its first frame with a job row, then
 * where that time went (docs/performance.md "Start-up"): self time up to the first frame by
 * module (the bundle's `// path` comments name each module), by kind (compiling and running
 * module bodies, GC, idle/waiting) and a timeline in 50 ms slices. `--mode=config` runs against
 * the demo fleet at 5 × 200 in another process (the bench's fleet host).
 */
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleetHost, tempPath, writeConfig } from './fleet-client.mjs';
import { CLI as BUILT, startSession } from './pty-session.mjs';
import { median } from './stats.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const mode = arg('mode', 'demo');
const runs = Number(arg('runs', 3));
const CLI = arg('cli', BUILT);
const JOB_ROW = /\b(running|queued|succeeded|failed|cancelled)\s+demo-/;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A source map's mappings as, per generated line, [column, source index] pairs in column order.
 * why: the bundle is minified (one long line per many modules), so the module a profile position
 * belongs to comes from the linked source map, not from esbuild's `// path` comments.
 */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  for (const lineText of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      segments.push([column, values.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/** For a bundled file: its source map's sources and decoded mappings (null when it has none). */
const sourceMaps = new Map();
function sourceMapOf(path) {
  if (!sourceMaps.has(path)) {
    let map = null;
    try {
      const json = JSON.parse(readFileSync(`${path}.map`, 'utf8'));
      map = {
        sources: json.sources.map((source) => source.replace(/^(\.\.\/)+/, '')),
        lines: decodeMappings(json.mappings),
      };
    } catch {
      // no map: the file name alone
    }
    sourceMaps.set(path, map);
  }
  return sourceMaps.get(path);
}

/** The module (source file, or package under node_modules) at a 0-based line and column of a bundled file. */
function moduleAt(url, line, column = 0) {
  if (!url.startsWith('file://')) return url === '' ? '(native)' : `node:${url.replace(/^node:/, '')}`;
  const path = fileURLToPath(url);
  const map = sourceMapOf(path);
  let name = path.split('/').slice(-1)[0];
  const segments = map?.lines[line];
  if (segments) {
    let found = -1;
    for (const [start, source] of segments) {
      if (start > column) break;
      if (source >= 0) found = source;
    }
    if (found >= 0) name = map.sources[found];
  }
  return name.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+).*/, '$1');
}

/** The part of start-up a module's time counts for. */
function partOf(module) {
  if (module.startsWith('source/demo')) return 'demo fleet (generating and serving jobs)';
  if (
    /^(ink|react|react-reconciler|scheduler|yoga-layout|@alcalzone|string-width|chalk|wrap-ansi|slice-ansi|cli-|widest-line|ansi-|es-toolkit)/.test(
      module,
    ) ||
    /^source\/(ui|terminal|run-tui)/.test(module)
  )
    return 'first render (React, Ink, yoga, diff writer)';
  if (/^(undici|source\/adapters|source\/store)/.test(module) || module === 'node:internal/deps/undici/undici')
    return 'polling (HTTP client, parsing, store)';
  if (/^(yaml|source\/config|source\/commands|source\/cli)/.test(module)) return 'config and command';
  if (module === 'node:_http_server' || module === 'node:_http_common' || module === 'node:_http_outgoing')
    return 'demo fleet (generating and serving jobs)';
  return undefined;
}

async function profileOnce(out, config) {
  const args = config ? [`--config=${config}`] : ['--demo'];
  const session = startSession(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, CLI, ...args], {
    env: { NODE_ENV: 'production' },
  });
  const first = await session.until((text) => text.includes('jobtop'));
  const shown = await session.until((text) => JOB_ROW.test(text));
  session.child.write('q');
  await session.exited;
  // why: V8's profile clock and process.hrtime are both CLOCK_MONOTONIC (µs); this maps the
  // bench's performance.now() onto it, so the profile can be cut at the frame with jobs.
  const monotonicMicros = (at) => Number(process.hrtime.bigint() / 1000n) - (performance.now() - at) * 1000;
  return {
    first: first - session.startedAt,
    shown: shown - session.startedAt,
    spawnedMicros: monotonicMicros(session.startedAt),
    shownMicros: monotonicMicros(shown),
  };
}

let host;
let config;
if (mode === 'config') {
  host = await startFleetHost();
  const { sources } = await host.call('demo', 200);
  config = writeConfig(sources, { interval: '2s', limit: 200, timeout: '30s' });
}
const results = [];
try {
  for (let run = -1; run < runs; run++) {
    const out = tempPath(`startup-profile-${run + 1}`);
    mkdirSync(out, { recursive: true });
    const timing = await profileOnce(out, config);
    if (run < 0) continue; // warm-up: page cache
    const file = join(
      out,
      readdirSync(out).find((name) => name.endsWith('.cpuprofile')),
    );
    results.push({ ...timing, profile: JSON.parse(readFileSync(file, 'utf8')) });
  }
} finally {
  if (host) {
    await host.call('close');
    await host.stop();
  }
}

const byModule = new Map();
const byKind = new Map();
const byFunction = new Map();
const slices = [];
const add = (map, key, micros) => map.set(key, (map.get(key) ?? 0) + micros / runs);
for (const { profile, shownMicros } of results) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Profile times start when V8's profiler started (after node's own bootstrap), not at spawn.
  let at = 0;
  const endMicros = shownMicros - profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at > endMicros) break;
    const micros = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    const module = moduleAt(url, lineNumber, node.callFrame.columnNumber);
    const special = ['(idle)', '(program)', '(garbage collector)'].includes(functionName);
    const key = special ? functionName : module;
    add(byModule, key, micros);
    // Kind: who the time was for — the first frame of ours (leaf first) that names a part.
    let kind = special ? functionName : undefined;
    const stack = [];
    for (let id = node.id; id !== undefined; id = parent.get(id)) stack.push(byId.get(id).callFrame);
    if (!kind && stack.some((frame) => frame.url.includes('internal/modules/esm/')))
      kind = 'module load (compile + top level)';
    for (const frame of stack) {
      if (kind) break;
      kind = partOf(moduleAt(frame.url, frame.lineNumber, frame.columnNumber));
    }
    kind ??= 'other (node internals: timers, streams, sockets)';
    add(byKind, kind, micros);
    const ours = stack.find((frame) => /^source\//.test(moduleAt(frame.url, frame.lineNumber, frame.columnNumber)));
    const fn = `${kind.split(' ')[0]}: ${functionName || '(anonymous)'} [${key}]${ours ? ` under ${ours.functionName || '(anonymous)'} (${moduleAt(ours.url, ours.lineNumber, ours.columnNumber)})` : ''}`;
    add(byFunction, fn, micros);
    const slice = Math.floor(at / 50_000);
    slices[slice] ??= new Map();
    add(slices[slice], key, micros);
  }
}
const ms = (micros) => `${(micros / 1000).toFixed(0).padStart(5)} ms`;
console.log(
  `mode ${mode}, ${runs} runs: first frame median ${median(results.map((r) => r.first)).toFixed(0)} ms, with jobs ${median(results.map((r) => r.shown)).toFixed(0)} ms (from spawn; the profile starts after node's bootstrap)`,
);
const bootstrap = median(results.map((r) => (r.profile.startTime - r.spawnedMicros) / 1000));
console.log(`spawn to the profiler's start (node bootstrap): ${bootstrap.toFixed(0)} ms`);
console.log('\nby kind (mean per run, up to the frame with jobs):');
for (const [key, micros] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`${ms(micros)}  ${key}`);
console.log('\nby module (self time):');
for (const [key, micros] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(`${ms(micros)}  ${key}`);
console.log('\nby function (self time, with the nearest frame of ours):');
for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(arg('top', 30))))
  console.log(`${ms(micros)}  ${key}`);
console.log('\ntimeline (50 ms slices, top three):');
slices.forEach((slice, index) => {
  if (!slice) return;
  const top = [...slice]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([key, micros]) => `${key} ${(micros / 1000).toFixed(0)}`)
    .join(', ');
  console.log(`${String(index * 50).padStart(5)} ms  ${top}`);
});
