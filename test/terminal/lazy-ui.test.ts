/**
 * One-shot commands must not pay for React and Ink: the built CLI is run with a module-load
 * hook (node --import, module.register) that records every module Node loads, and the chunks
 * holding Ink must be absent for --help, list and check — and present for the live monitor,
 * which shows the hook does see them.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startJobtop } from '../helpers/terminal.js';

const CHUNKS = resolve(import.meta.dirname, '../../dist/chunks');
const directory = mkdtempSync(join(tmpdir(), 'jobtop-loads-'));
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  if (process.env.JOBTOP_LOAD_LOG) appendFileSync(process.env.JOBTOP_LOAD_LOG, url + '\\n');
  return nextLoad(url, context);
}
`;
const register = join(directory, 'register.mjs');
writeFileSync(join(directory, 'hooks.mjs'), HOOKS);
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(directory, 'hooks.mjs')).href)});\n`,
);

/** The bundle's chunks that contain Ink (its DOM root node name is unique to it). */
let inkChunks: string[] = [];
/** The bundle's chunks that contain the demo fleet's simulators. */
let demoChunks: string[] = [];
beforeAll(() => {
  demoChunks = readdirSync(CHUNKS)
    .filter(
      (name) => name.endsWith('.js') && readFileSync(join(CHUNKS, name), 'utf8').includes('function startDemoFleet'),
    )
    .map((name) => pathToFileURL(join(CHUNKS, name)).href);
  inkChunks = readdirSync(CHUNKS)
    .filter((name) => name.endsWith('.js') && /["']ink-root["']/.test(readFileSync(join(CHUNKS, name), 'utf8')))
    .map((name) => pathToFileURL(join(CHUNKS, name)).href);
});

let runs = 0;
function loadEnv(): { log: string; env: Record<string, string> } {
  const log = join(directory, `loaded-${runs++}.txt`);
  writeFileSync(log, '');
  return { log, env: { NODE_OPTIONS: `--import=${pathToFileURL(register).href}`, JOBTOP_LOAD_LOG: log } };
}

const loaded = (log: string) => readFileSync(log, 'utf8').split('\n').filter(Boolean);

describe('start-up loads only what the command needs', () => {
  it('finds the Ink chunk in the bundle', () => {
    expect(inkChunks.length).toBeGreaterThan(0);
  });

  it.each([
    ['--help', ['--help']],
    ['list --help', ['list', '--help']],
    ['list --demo', ['list', '--demo']],
    ['list --demo --json', ['list', '--demo', '--json']],
    ['check --demo', ['check', '--demo']],
  ])('jobtop %s never loads Ink', async (_name, args) => {
    const { log, env } = loadEnv();
    const result = await runCli(args, env);
    expect(result.code, result.stderr).toBe(0);
    const urls = loaded(log);
    expect(urls.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    expect(urls.filter((url) => inkChunks.includes(url))).toEqual([]);
    expect(urls.filter((url) => url.includes('/node_modules/'))).toEqual([]);
  });

  it('keeps the demo simulators out of the main bundle: only the demo loads them', async () => {
    expect(demoChunks.length).toBeGreaterThan(0);
    expect(readFileSync(join(CHUNKS, '..', 'cli.js'), 'utf8')).not.toContain('function startDemoFleet');
    for (const [args, loads] of [
      [['--help'], false],
      [['list', '--help'], false],
      [['--demo', '--help'], false],
      [['list', '--demo'], true],
    ] as const) {
      const { log, env } = loadEnv();
      const result = await runCli([...args], env);
      expect(result.code, result.stderr).toBe(0);
      expect(
        loaded(log).some((url) => demoChunks.includes(url)),
        args.join(' '),
      ).toBe(loads);
    }
  });

  it('the live monitor does load the Ink chunk (the hook sees lazy imports)', async () => {
    const { log, env } = loadEnv();
    const session = startJobtop(['--demo'], { cols: 100, rows: 30, env });
    try {
      await session.waitForScreen('jobtop');
      expect(loaded(log).filter((url) => inkChunks.includes(url)).length).toBeGreaterThan(0);
    } finally {
      session.kill();
      await session.exited;
    }
  });
});
