/**
 * `jobtop` with no subcommand: the full-screen live monitor. Loads the UI lazily so the
 * one-shot commands never pay for React and Ink.
 */
import { openDiagnosticLog } from '../../log-file.js';
import { UsageError, type Command } from '../command.js';
import { openFromFlags, storeSources } from '../shared/open-sources.js';
import { createFleetStore } from '../../store/fleet-store.js';
import { applyKeyConfig } from '../../ui/keymap-config.js';
import { ConfigError } from '../../config/config-error.js';
import { historyPath, historyRecorder } from '../../store/action-history.js';
import { stateDirectory } from '../../config/config-paths.js';
import { heapTraceDelayMs, startHeapTrace } from '../../heap-trace.js';
import { tuneForLongRun } from '../../long-run.js';
import { preloadHttpClient } from '../../adapters/http.js';

/**
 * Runs `load` with the global `fetch` hidden until it settles.
 * why: yoga-layout's emscripten loader (evaluated when the UI chunk loads) fetches its inline
 * wasm through `fetch` when one exists, which loads Node's internal undici and decodes the
 * data: URL in JavaScript (~45 ms of start-up); without `fetch` it decodes the base64 itself.
 * Nothing in jobtop calls the global `fetch` (the adapters use the undici package).
 */
export async function importWithoutFetch<Module>(load: () => Promise<Module>): Promise<Module> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Reflect.deleteProperty(globalThis, 'fetch');
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}

/** The live monitor. */
export const monitorCommand: Command = {
  name: 'monitor',
  usage: '[monitor] [options]',
  summary:
    'The full-screen live monitor of every configured source (the embedded demo fleet when no config file exists).',
  flags: {
    bell: { type: 'boolean', description: 'ring the terminal bell when a job fails' },
    'log-file': {
      type: 'string',
      value: 'FILE',
      description: 'append diagnostics (source errors, retries, warnings, crashes) to FILE; off by default',
    },
  },
  async run(args, io) {
    const logFile = args.flags['log-file'];
    if (logFile === '') throw new UsageError('--log-file needs a file name');
    // Opened before the screen is taken over, so a bad path is a plain usage error.
    let log;
    try {
      log = openDiagnosticLog(typeof logFile === 'string' ? logFile : null);
    } catch (error) {
      throw new UsageError(`--log-file: ${(error as Error).message}`);
    }
    // The HTTP client's library and the UI chunk (React, Ink, yoga) start loading before the
    // sources are opened: with --demo both load while the fleet's worker starts, so the first
    // requests leave as soon as it listens; with a config the UI's modules are read and compiled
    // while the first requests are answered (docs/performance.md "Session 4: start-up").
    void preloadHttpClient();
    const ui = importWithoutFetch(() => import('../../run-tui.js'));
    // why: a usage or config error below returns before the UI is awaited; it is no unhandled rejection.
    ui.catch(() => undefined);
    const opened = await openFromFlags(args.flags, {
      demoWhenMissing: true,
      oneShot: false,
      env: io.env,
    }).catch((error: unknown) => {
      log.close();
      throw error;
    });
    // The config's keys: are checked against the key table before the screen is taken over.
    const keys = applyKeyConfig(opened.config.ui?.keys ?? []);
    if (keys.problems.length > 0) {
      log.close();
      await opened.close();
      throw new ConfigError(keys.problems);
    }
    for (const warning of opened.config.warnings) {
      io.stderr.write(`jobtop: warning: ${warning}\n`);
      log.write('warn', warning);
    }
    const history = historyRecorder(historyPath(stateDirectory(io.env)), 'monitor', (error) =>
      log.write('warn', `action history not written: ${error.message}`),
    );
    const store = createFleetStore(storeSources(opened), {
      intervalMs: opened.config.intervalMs,
      recordAction: history,
    });
    store.start();
    // JOBTOP_HEAP_TRACE=FILE: memory and GC time once a second, for the bench (docs/performance.md),
    // from JOBTOP_HEAP_TRACE_AFTER seconds on.
    startHeapTrace(io.env.JOBTOP_HEAP_TRACE, heapTraceDelayMs(io.env.JOBTOP_HEAP_TRACE_AFTER));
    // A monitor runs for days: V8's young generation stops at 8 MB, the old one grows to at most
    // 1.5 × its live size, and TurboFan takes only what is really hot (source/long-run.ts).
    tuneForLongRun();
    // The first frame ("loading N sources…") is painted as soon as the UI is loaded: while the
    // first answers are on their way (from another process, or the demo fleet's thread) the main
    // thread would idle, and the cold first render (JIT, yoga, width tables) is paid there
    // instead of after they arrive (docs/performance.md "Start-up").
    const { runTui } = await ui;
    return runTui(opened, store, {
      bell: args.flags.bell === true,
      readonly: args.flags.readonly === true,
      log,
      keymap: keys.keymap,
    });
  },
};
