/**
 * Starts the benchmark's fleet process (bench/fleet-host.ts, bundled with esbuild into a
 * temporary directory) and talks to it: start fleets, read their list polls, write a jobtop
 * config that monitors them.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const directory = mkdtempSync(join(tmpdir(), 'jobtop-bench-'));

/** Bundles and forks the fleet host; returns `call(command, ...args)` and `stop()`. */
export async function startFleetHost() {
  const outfile = join(directory, 'fleet-host.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'fleet-host.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // why: bundled CommonJS dependencies call require() for Node built-ins (same as scripts/build.mjs).
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
    },
  });
  const child = fork(outfile, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let next = 0;
  const pending = new Map();
  child.on('message', (message) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  return {
    call(command, ...args) {
      const id = next++;
      return new Promise((resolveCall, reject) => {
        pending.set(id, { resolve: resolveCall, reject });
        child.send({ id, command, args });
      });
    },
    async stop() {
      child.disconnect();
      await new Promise((resolveExit) => (child.exitCode === null ? child.once('exit', resolveExit) : resolveExit()));
    },
  };
}

let configs = 0;
/** Writes a config file (JSON is YAML) monitoring `sources`; returns its path. */
export function writeConfig(sources, settings) {
  const path = join(directory, `config-${configs++}.yaml`);
  writeFileSync(path, JSON.stringify({ ...settings, sources }, null, 2));
  return path;
}

/** A path in the benchmark's temporary directory. */
export function tempPath(name) {
  return join(directory, name);
}
