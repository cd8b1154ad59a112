/**
 * Runs the full-screen monitor: store + Ink app inside a terminal guard. Imported lazily by
 * the CLI so one-shot commands never load React or Ink.
 */
import { render } from 'ink';
import { App } from './ui/app.js';
import type { FleetStore } from './store/fleet-store.js';
import packageJson from '../package.json' with { type: 'json' };
import type { OpenedSources } from './commands/shared/open-sources.js';
import { guardTerminal } from './terminal-guard.js';
import { captureStdio, crashMessage, logSourceHealth, openDiagnosticLog, writeCrashReport, type DiagnosticLog } from './log-file.js';
import { createTerminalOutput } from './terminal/terminal-output.js';

/** Options of the TUI mode. */
export interface TuiOptions {
  bell: boolean;
  readonly: boolean;
  /** Where diagnostics go (`--log-file`); off when absent. */
  log?: DiagnosticLog;
}

/** Runs the TUI until the user quits; resolves with the exit code. */
export async function runTui(opened: OpenedSources, store: FleetStore, options: TuiOptions): Promise<number> {
  const log = options.log ?? openDiagnosticLog(null);
  let releaseStdio = () => {};
  // The guard calls this after the screen is restored: the error goes to the real stderr, its full report to a file.
  const guard = guardTerminal(process.stdout, process.stdin, (error) => {
    releaseStdio();
    const reportPath = writeCrashReport(log, error, `jobtop ${packageJson.version} on Node ${process.version}`);
    process.stderr.write(crashMessage(error, reportPath, log.path));
    log.close();
  });
  log.write('info', `jobtop started (pid ${process.pid}, ${opened.sources.length} sources: ${opened.sources.map((source) => `${source.name} ${source.url}`).join(', ')})`);
  const stopHealthLog = logSourceHealth(store, log);
  // why: Ink's patchConsole prints console output above the frame, on the live screen; it goes to the log instead.
  releaseStdio = captureStdio(log);
  store.start(); // already polling when the monitor started it before loading the UI; start() is idempotent
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  // The diff writer sends the terminal only what changed between Ink's frames (docs/performance.md).
  const output = createTerminalOutput(process.stdout);
  const instance = render(
    <App store={store} bell={options.bell} readonly={options.readonly || opened.config.sources.every((source) => source.readonly)} noColor={'NO_COLOR' in process.env && process.env.NO_COLOR !== ''} onExit={() => exit()} />,
    { stdout: output.stdout, exitOnCtrlC: false, patchConsole: false },
  );
  // why: Ink catches an error thrown while rendering and unmounts; it must still end in the crash path.
  instance.waitUntilExit().catch((error: unknown) => guard.fail(error));
  await exited;
  instance.unmount();
  output.dispose();
  stopHealthLog();
  store.stop();
  releaseStdio();
  guard.dispose();
  log.write('info', 'jobtop quit');
  log.close();
  await opened.close();
  return 0;
}
