/**
 * Resolves where the sources come from (a config file or the embedded demo fleet) and
 * builds their adapters.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { JobSource } from '../../adapters/contract.js';
import { createSource } from '../../adapters/registry.js';
import { loadConfigFile, parseConfigText, type LoadedConfig } from '../../config/load-config.js';
import type { DemoFleetHandle } from '../../demo/fleet-worker.js';
import { discardPrestartedDemoFleet, takePrestartedDemoFleet } from '../../demo/prestart.js';
import { UsageError } from '../command.js';
import type { StoreSource } from '../../store/fleet-store.js';

/** Config search order: --config, $JOBTOP_CONFIG, $XDG_CONFIG_HOME/jobtop/config.yaml, ~/.config/jobtop/config.yaml. */
export function findConfigPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { path: string; explicit: boolean } | null {
  if (flag) return { path: flag, explicit: true };
  if (env.JOBTOP_CONFIG) return { path: env.JOBTOP_CONFIG, explicit: true };
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  const path = join(base, 'jobtop', 'config.yaml');
  return existsSync(path) ? { path, explicit: false } : null;
}

/** What a command runs against. */
export interface OpenedSources {
  config: LoadedConfig;
  sources: JobSource[];
  /** The demo fleet when running against it (served from a worker thread). */
  fleet: DemoFleetHandle | null;
  close(): Promise<void>;
}

/** Starts the demo fleet and returns a config that monitors it. */
export async function openDemo(options: OpenOptions & { port?: number } = {}): Promise<OpenedSources> {
  // why: the simulators are a third of the bundle; only --demo loads their chunk, and they run on
  // a worker thread so their jobs are generated and served beside the first frame, not before it
  // (docs/performance.md "Start-up").
  // A fleet started before the CLI loaded (source/main.ts) is taken when it is the default one.
  const early = options.port === undefined ? takePrestartedDemoFleet() : undefined;
  const starting =
    early ??
    import('../../demo/fleet-worker.js').then(({ startDemoFleetInWorker }) =>
      startDemoFleetInWorker({ port: options.port }),
    );
  const fleet = await starting;
  // why: JSON is YAML (1.2); the config still goes through the one parser and its checks, without
  // first running the YAML stringifier (cold, 5-30 ms of start-up).
  const text = JSON.stringify({ sources: fleet.sources }, null, 1);
  const config = parseConfigText(text, '(demo fleet)', {});
  config.path = null;
  return withSources(config, fleet, options);
}

/** Loads a config file and builds its sources. */
export function openConfig(path: string, options: OpenOptions = {}): OpenedSources {
  return withSources(loadConfigFile(path), null, options);
}

/** How the sources will be used. */
export interface OpenOptions {
  /** --readonly: every source read-only, whatever the file says. */
  readonly?: boolean;
  /** One poll and out: adapters finish per-poll work (Alteryx dispositions) in that one poll. */
  oneShot?: boolean;
  /**
   * A command that installs no signal handlers of its own (list, get, check, actions): SIGINT,
   * SIGTERM and SIGHUP close the sources (log out, bounded) before exiting 128 + the signal.
   */
  closeOnSignals?: boolean;
}

const EXIT_SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

function withSources(config: LoadedConfig, fleet: DemoFleetHandle | null, options: OpenOptions): OpenedSources {
  for (const source of config.sources) {
    if (options.readonly) {
      source.readonly = true;
      source.spec.readonly = true;
    }
    if (options.oneShot && source.spec.type === 'alteryx') source.spec.enrichPerPoll = source.spec.limit;
  }
  const sources = config.sources.map((source) => createSource(source.spec));
  const handlers: [string, () => void][] = [];
  const uninstall = () => {
    for (const [signal, handler] of handlers.splice(0)) process.off(signal, handler);
  };
  const close = async () => {
    uninstall();
    await closeSources(sources);
    await fleet?.close();
  };
  if (options.closeOnSignals) {
    for (const [signal, number] of Object.entries(EXIT_SIGNALS)) {
      const handler = () => void close().finally(() => process.exit(128 + number));
      handlers.push([signal, handler]);
      process.once(signal, handler);
    }
  }
  return { config, sources, fleet, close };
}

/** How long closing (a logout) may take per run before jobtop leaves without it. */
export const CLOSE_GRACE_MS = 2_000;

/**
 * Closes every source (logs out where it logged in), best effort: concurrently, errors ignored,
 * and never longer than CLOSE_GRACE_MS, so a dead server cannot hold an exit. Idempotent per call site.
 */
export async function closeSources(sources: readonly JobSource[], graceMs = CLOSE_GRACE_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
    timer.unref?.();
  });
  const closing = Promise.all(
    sources.map((source) =>
      Promise.resolve()
        .then(() => source.close())
        .catch(() => undefined),
    ),
  );
  await Promise.race([closing, grace]);
  clearTimeout(timer);
}

/**
 * Opens what the global flags point at: --demo, --config, $JOBTOP_CONFIG or the default file.
 * `demoWhenMissing`: with no config anywhere, fall back to the demo fleet (the live monitor)
 * instead of failing (one-shot commands, where monitoring a demo would surprise a script).
 */
export async function openFromFlags(
  flags: { config?: unknown; demo?: unknown; readonly?: unknown },
  options: {
    demoWhenMissing: boolean;
    oneShot: boolean;
    env?: NodeJS.ProcessEnv;
    closeOnSignals?: boolean;
  },
): Promise<OpenedSources> {
  const config = typeof flags.config === 'string' ? flags.config : undefined;
  const readonly = flags.readonly === true;
  if (flags.demo === true && config) throw new UsageError('--demo and --config exclude each other');
  const found = flags.demo === true ? null : findConfigPath(config, options.env);
  if (flags.demo !== true) discardPrestartedDemoFleet();
  if (found)
    return openConfig(found.path, { readonly, oneShot: options.oneShot, closeOnSignals: options.closeOnSignals });
  if (flags.demo !== true && !options.demoWhenMissing) {
    throw new UsageError(
      'no config file found (looked at $JOBTOP_CONFIG, $XDG_CONFIG_HOME/jobtop/config.yaml, ~/.config/jobtop/config.yaml); pass --config FILE, run jobtop init, or use --demo for the embedded demo fleet',
    );
  }
  return openDemo({
    readonly,
    oneShot: options.oneShot,
    closeOnSignals: options.closeOnSignals,
  });
}

/**
 * The store's view of the opened sources: adapter plus read-only, insecure and interval settings.
 * `only` keeps the named sources; `intervalMs` overrides every source's interval.
 */
export function storeSources(
  opened: OpenedSources,
  options: { only?: ReadonlySet<string>; intervalMs?: number } = {},
): StoreSource[] {
  return opened.config.sources.flatMap((configured, index) =>
    !options.only || options.only.has(configured.spec.name)
      ? [
          {
            source: opened.sources[index],
            readonly: configured.readonly,
            insecure: configured.insecure,
            intervalMs: options.intervalMs ?? configured.intervalMs,
            concurrency: configured.spec.concurrency,
          },
        ]
      : [],
  );
}
