/**
 * `jobtop watch SOURCE/ID...`: follows jobs until every one has settled — ended, vanished, not
 * found, unreachable or timed out — through the fleet store (one list poll per source and
 * interval, however many jobs; a job's own detail only when the list does not show it).
 */
import { formatInterval } from '../../domain/format.js';
import { createFleetStore } from '../../store/fleet-store.js';
import { openFromFlags, storeSources } from '../shared/open-sources.js';
import type { Command } from '../command.js';
import { watchExitCode } from '../shared/exit-codes.js';
import { parseTargets, resolveTargets, type ResolvedTarget } from '../shared/job-selector.js';
import { createWatchTracker, type WatchEvent } from './watch-tracker.js';
import { createWatchOutput } from './watch-output.js';
import { WATCH_FLAGS, parseWatchFlags } from './watch-flags.js';

const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** `jobtop watch`. */
export const watchCommand: Command = {
  name: 'watch',
  usage: 'watch SOURCE/ID... [options]',
  summary:
    'Follow jobs until every one has ended: a live line per job on a terminal, timestamped state-change lines otherwise. Exit 0 when all ended (with --exit-status: all succeeded or were skipped); see README "Exit codes" for failed (3), cancelled (4), partial (5), vanished or not found (6), unreachable (7), timed out (8).',
  flags: WATCH_FLAGS,
  async run(args, io) {
    const targets = parseTargets(args.positionals, 'watch');
    const flags = parseWatchFlags(args.flags);
    const opened = await openFromFlags(args.flags, { demoWhenMissing: false, oneShot: false, env: io.env });
    for (const warning of opened.config.warnings) io.stderr.write(`jobtop: warning: ${warning}\n`);
    let resolved: ResolvedTarget[];
    try {
      resolved = resolveTargets(targets, opened);
    } catch (error) {
      await opened.close();
      throw error;
    }
    const names = new Set(resolved.map((target) => target.source));
    const intervalMs = flags.intervalMs ?? opened.config.intervalMs;
    const store = createFleetStore(storeSources(opened, { only: names, intervalMs: flags.intervalMs ?? undefined }), {
      intervalMs,
    });
    const tracker = createWatchTracker(targets, {
      waitForAppear: flags.waitForAppear,
      unreachableAfterMs: flags.unreachableAfterMs,
      now: Date.now,
    });
    const output = createWatchOutput({
      stdout: io.stdout,
      stderr: io.stderr,
      tracker,
      intervalMs,
      live: io.stdout.isTTY === true,
    });
    const details = new Map<string, () => void>();
    let finish!: (code: number) => void;
    const finished = new Promise<number>((resolve) => (finish = resolve));

    let closed = false;
    const handle = (events: WatchEvent[]) => {
      // why: a detail answer queued before the end must not draw over the final frame.
      if (closed) return;
      output.events(events);
      for (const key of tracker.detailKeys()) {
        // why: watchDetail calls back at once; handle it on a microtask so tracker updates never nest.
        if (!details.has(key))
          details.set(
            key,
            store.watchDetail(key, (snapshot) => queueMicrotask(() => handle(tracker.onDetail(key, snapshot)))),
          );
      }
      const wanted = new Set(tracker.detailKeys());
      for (const [key, stop] of details) {
        if (wanted.has(key)) continue;
        details.delete(key);
        stop();
      }
      if (tracker.done())
        finish(
          watchExitCode(
            tracker.jobs().map((job) => job.outcome!),
            flags.exitStatus,
          ),
        );
    };

    const unsubscribe = store.subscribe(() => handle(tracker.onSnapshot(store.getSnapshot())));
    const timeout =
      flags.timeoutMs === null
        ? undefined
        : setTimeout(() => handle(tracker.timeOut(formatInterval(flags.timeoutMs!))), flags.timeoutMs);
    const signalHandlers = Object.entries(SIGNAL_CODES).map(([signal, code]) => {
      const handler = () => finish(code);
      process.once(signal, handler);
      return [signal, handler] as const;
    });
    output.start();
    store.start();
    try {
      return await finished;
    } finally {
      closed = true;
      clearTimeout(timeout);
      for (const [signal, handler] of signalHandlers) process.removeListener(signal, handler);
      unsubscribe();
      for (const stop of details.values()) stop();
      store.stop();
      output.stop();
      await opened.close();
    }
  },
};
