/**
 * Runs the built `jobtop exporter` as a child process and reads the address it serves from
 * its first line, so tests can scrape it and stop it with a signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH } from './terminal.js';

/** A running exporter process. */
export interface ExporterProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process has ended. */
  exited: Promise<number | string>;
}

/** A started exporter process that may not serve yet. */
export interface SpawnedExporter extends Omit<ExporterProcess, 'url'> {
  /** Resolves with the served URL once the exporter says it serves; rejects if it ends first. */
  serving: Promise<string>;
}

/** Spawns `jobtop exporter ARGS` with a fresh HOME, without waiting for anything. */
export function spawnExporter(args: string[]): SpawnedExporter {
  const home = mkdtempSync(join(tmpdir(), 'jobtop-exporter-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && key !== 'JOBTOP_CONFIG' && !key.startsWith('JOBTOP_DEMO_')) env[key] = value;
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, '.config') });
  const child = spawn(process.execPath, [CLI_PATH, 'exporter', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const serving = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /serving (http:\/\/\S+)\/metrics/.exec(stdout);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`jobtop exporter ended (${code}) before serving: ${stderr}`)));
  });
  serving.catch(() => undefined); // a test that never waits for serving must not see an unhandled rejection
  return { child, stdout: () => stdout, stderr: () => stderr, exited, serving };
}

/** Starts `jobtop exporter ARGS` (with a fresh HOME) and waits until it says where it serves. */
export async function startExporterProcess(args: string[]): Promise<ExporterProcess> {
  const spawned = spawnExporter(args);
  return { ...spawned, url: await spawned.serving };
}
