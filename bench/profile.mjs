/**
 * `node bench/profile.mjs [--jobs=200] [--seconds=40] [--warmup=5] [--fleet=demo|static] [--out=DIR]`
 * (after `npm run build`): jobtop at 120×40 in a pty against the demo fleet (5 sources × jobs,
 * 2 s interval) under `node --cpu-prof`, steady state only (profiling starts after the first full
 * answer and `--warmup` seconds; the bench's CPU rows wait 120), then prints the top self-time
 * functions of the profile (docs/performance.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFleetHost, tempPath, writeConfig } from './fleet-client.mjs';
import { CLI, sleep, startSession } from './pty-session.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const jobs = Number(arg('jobs', 200));
const seconds = Number(arg('seconds', 40));
const warmupMs = Number(arg('warmup', 5)) * 1000;
const out = arg('out', tempPath('profile'));
const fleetKind = arg('fleet', 'demo');

let skipMs;
const host = await startFleetHost();
try {
  const { sources } = fleetKind === 'static' ? await host.call('static', 5, jobs) : await host.call('demo', jobs);
  const config = writeConfig(sources, { interval: '2s', limit: jobs, timeout: '30s' });
  const session = startSession(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, CLI, `--config=${config}`], {
    env: { NODE_ENV: 'production' },
  });
  const ready = await session.until((text) => (text.match(/ OK /g) ?? []).length >= 5);
  await sleep(warmupMs);
  skipMs = ready - session.startedAt + warmupMs;
  await sleep(seconds * 1000);
  session.child.write('q');
  await session.exited;
  await host.call('close');
} finally {
  await host.stop();
}
const file = join(
  out,
  readdirSync(out)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .at(-1),
);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const dt = profile.timeDeltas;
// why: the profile starts with the process; only samples after the warm-up are the steady state.
let at = 0;
for (let i = 0; i < profile.samples.length; i++) {
  at += dt[i] ?? 0;
  if (at < skipMs * 1000) continue;
  const node = byId.get(profile.samples[i]);
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const busy = [...self]
  .filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)'))
  .reduce((a, [, v]) => a + v, 0);
console.log(
  `profile ${file}: steady state (after ${(skipMs / 1000).toFixed(1)} s) ${(total / 1e6).toFixed(1)} s sampled, busy (not idle/program) ${(busy / 1e6).toFixed(2)} s`,
);
for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(
    `${(micros / 1000).toFixed(0).padStart(7)} ms  ${((micros / total) * 100).toFixed(2).padStart(5)} %  ${key}`,
  );
