/**
 * Runs the full-screen monitor: store + Ink app inside a terminal guard. Imported lazily by
 * the CLI so one-shot commands never load React or Ink.
 */
import { render, useInput } from 'ink';
import { App } from './ui/app.js';
import type { FleetStore } from './store/fleet-store.js';
import packageJson from '../package.json' with { type: 'json' };
import type { OpenedSources } from './commands/shared/open-sources.js';
import { guardTerminal } from './terminal-guard.js';
import {
  captureStdio,
  crashMessage,
  logSourceHealth,
  openDiagnosticLog,
  writeCrashReport,
  type DiagnosticLog,
} from './log-file.js';
import { createTerminalOutput, type TerminalOutput } from './terminal/terminal-output.js';
import { FinishedLinesContext } from './ui/line.js';
import { INK_MAX_FPS } from './ui/frame-pacing.js';
import { openCommandHistory } from './config/command-history.js';
import { stateDirectory } from './config/config-paths.js';
import { historyPath, readHistoryTail } from './store/action-history.js';
import type { Binding } from './ui/keymap.js';

/** Options of the TUI mode. */
export interface TuiOptions {
  bell: boolean;
  readonly: boolean;
  /** Where diagnostics go (`--log-file`); off when absent. */
  log?: DiagnosticLog;
  /** The key table with the config's `keys:` applied (checked by the caller). */
  keymap?: readonly Binding[];
}

/** Runs the TUI until the user quits; resolves with the exit code. */
export async function runTui(opened: OpenedSources, store: FleetStore, options: TuiOptions): Promise<number> {
  const log = options.log ?? openDiagnosticLog(null);
  let releaseStdio = () => {};
  let output: TerminalOutput | undefined;
  // The guard calls this after the screen is restored: the error goes to the real stderr, its full report to a file.
  const guard = guardTerminal(
    process.stdout,
    process.stdin,
    (error) => {
      releaseStdio();
      const reportPath = writeCrashReport(log, error, `jobtop ${packageJson.version} on Node ${process.version}`);
      process.stderr.write(crashMessage(error, reportPath, log.path));
    },
    {
      // Every way out the guard takes (signals, terminal lost, crash): stop polling, log out (bounded), close the log.
      async beforeExit(reason) {
        store.stop();
        log.write('info', `jobtop exiting (${reason}); closing sessions`);
        await opened.close();
        log.close();
      },
      redraw: () => output?.repaint(),
      note: (text) => log.write('info', text),
    },
  );

  log.write(
    'info',
    `jobtop started (pid ${process.pid}, ${opened.sources.length} sources: ${opened.sources.map((source) => `${source.name} ${source.url}`).join(', ')})`,
  );
  const stopHealthLog = logSourceHealth(store, log);
  // why: Ink's patchConsole prints console output above the frame, on the live screen; it goes to the log instead.
  releaseStdio = captureStdio(log);
  store.start(); // already polling when the monitor started it before loading the UI; start() is idempotent
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  // The diff writer sends the terminal only what changed between Ink's frames (docs/performance.md).
  output = createTerminalOutput(process.stdout);
  const instance = render(
    <FinishedLinesContext.Provider value={output.finishedRows ?? null}>
      <SuspendKey onSuspend={guard.suspend} />
      <App
        store={store}
        bell={options.bell}
        commandHistory={openCommandHistory()}
        readActionHistory={() => readHistoryTail(historyPath(stateDirectory()))}
        views={opened.config.ui?.views}
        tableColumns={opened.config.ui?.columns}
        keymap={options.keymap}
        triageOptions={opened.config.ui?.triage}
        readonly={options.readonly || opened.config.sources.every((source) => source.readonly)}
        noColor={'NO_COLOR' in process.env && process.env.NO_COLOR !== ''}
        onExit={() => exit()}
      />
    </FinishedLinesContext.Provider>,
    // why: frames are cheap (finished rows) and drawn only on change; a key's frame never waits
    // behind the previous one (ui/frame-pacing.ts).
    { stdout: output.stdout, exitOnCtrlC: false, patchConsole: false, maxFps: INK_MAX_FPS },
  );
  // why: Ink catches an error thrown while rendering and unmounts; it must still end in the crash path.
  instance.waitUntilExit().catch((error: unknown) => guard.fail(error));
  await exited;
  // why: a lost terminal ends stdin, which can end the app too; the guard's own exit (129, after the logout) wins.
  if (guard.exiting()) await new Promise<never>(() => undefined);
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

/** Ctrl-Z suspends. why: in raw mode Ctrl-Z reaches the program as a key, not as SIGTSTP. */
function SuspendKey({ onSuspend }: { onSuspend: () => void }) {
  useInput((input, key) => {
    if (key.ctrl && input === 'z') onSuspend();
  });
  return null;
}
