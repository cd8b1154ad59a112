/**
 * Runs the full-screen monitor: store + Ink app inside a terminal guard. Imported lazily by
 * the CLI so one-shot commands never load React or Ink.
 */
import React from 'react';
import { render } from 'ink';
import { App } from './ui/app.js';
import { createFleetStore } from './store/fleet-store.js';
import type { OpenedSources } from './commands/open-sources.js';
import { guardTerminal } from './terminal-guard.js';

/** Options of the TUI mode. */
export interface TuiOptions {
  bell: boolean;
  readonly: boolean;
}

/** Runs the TUI until the user quits; resolves with the exit code. */
export async function runTui(opened: OpenedSources, options: TuiOptions): Promise<number> {
  const store = createFleetStore(
    opened.config.sources.map((source, index) => ({ source: opened.sources[index], readonly: source.readonly, insecure: source.insecure, intervalMs: source.intervalMs })),
    { intervalMs: opened.config.intervalMs },
  );
  const guard = guardTerminal(process.stdout, process.stdin, (error) => {
    process.stderr.write(`jobtop crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.stderr.write('The terminal was restored. Please report this with the message above.\n');
  });
  store.start();
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  const instance = render(
    <App store={store} bell={options.bell} readonly={options.readonly || opened.config.sources.every((source) => source.readonly)} noColor={'NO_COLOR' in process.env && process.env.NO_COLOR !== ''} onExit={() => exit()} />,
    { exitOnCtrlC: false, patchConsole: true },
  );
  await exited;
  instance.unmount();
  store.stop();
  guard.dispose();
  await opened.close();
  return 0;
}
