/**
 * `jobtop exporter`: the whole fleet's job health as Prometheus metrics (docs/exporter.md).
 * Polls like the monitor (same sources, intervals and backoff), always read-only, and serves
 * `/metrics` and `/healthz`; scrapes read what the polls stored. Runs until SIGTERM or SIGINT.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { EXIT, type Command } from '../command.js';
import { openFromFlags } from '../shared/open-sources.js';
import { DEFAULT_LISTEN, formatAddress, isLoopback, parseListenAddress } from './listen-address.js';
import type { RunningExporter } from './run-exporter.js';
import { tuneForLongRun } from '../../long-run.js';

/** `jobtop exporter`. */
export const exporterCommand: Command = {
  name: 'exporter',
  usage: 'exporter [--listen ADDR] [options]',
  summary:
    "Serve the fleet's job health as Prometheus metrics at /metrics (and /healthz): jobs by state, vendor counts, transitions, durations, oldest queued, slow jobs, source health. Polls like the monitor, always read-only; a scrape never reaches a vendor. Runs until SIGTERM or SIGINT; see docs/exporter.md.",
  flags: {
    listen: {
      type: 'string',
      value: 'ADDR',
      description: `address to serve on: HOST:PORT, [IPv6]:PORT or PORT (default ${DEFAULT_LISTEN}: loopback only; 0.0.0.0:9464 serves every interface)`,
    },
  },
  async run(args, io) {
    const listen = parseListenAddress(typeof args.flags.listen === 'string' ? args.flags.listen : DEFAULT_LISTEN);
    // Signals are handled from the start, so a SIGTERM while the sources open (credential
    // commands, logins) still ends in an orderly stop instead of the default abrupt exit.
    const signals = listenForStop();
    let exporter: RunningExporter;
    try {
      // The exporter never mutates: read-only is forced on, whatever the flags or the file say.
      const opened = await openFromFlags(
        { ...args.flags, readonly: true },
        { demoWhenMissing: false, oneShot: false, env: io.env },
      );
      for (const warning of opened.config.warnings) io.stderr.write(`jobtop: warning: ${warning}\n`);
      const { startExporter } = await import('./run-exporter.js');
      // An exporter runs for days, like the monitor: the same heap limits and optimisation threshold (source/long-run.ts).
      tuneForLongRun();
      try {
        exporter = await startExporter(opened, { listen, log: io.stderr });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        io.stderr.write(
          `jobtop: cannot listen on ${formatAddress(listen)}: ${code === 'EADDRINUSE' ? 'the address is already in use' : code === 'EACCES' ? 'permission denied' : sanitizeInline((error as Error).message, 300)}\n`,
        );
        signals.cancel();
        return EXIT.usage;
      }
    } catch (error) {
      signals.cancel();
      throw error;
    }
    if (!isLoopback(listen.host))
      io.stderr.write(
        `jobtop: warning: serving metrics on ${formatAddress(listen)}: anyone who can reach it can read the job counts and source names (no credentials are exposed)\n`,
      );
    const count = exporter.store.getSnapshot().sources.length;
    if (!signals.received())
      io.stdout.write(
        `jobtop exporter: serving ${exporter.server.url}/metrics for ${count} source${count === 1 ? '' : 's'} (read-only)\n`,
      );
    void signals.stopped.then((signal) =>
      exporter.close().then(() => {
        io.stdout.write(`jobtop exporter: stopped (${signal})\n`, () => process.exit(EXIT.ok));
      }),
    );
    return -1;
  },
};

/** SIGTERM and SIGINT, caught from now on: `stopped` resolves with the first one. */
function listenForStop(): { stopped: Promise<NodeJS.Signals>; received(): boolean; cancel(): void } {
  let received = false;
  let resolve!: (signal: NodeJS.Signals) => void;
  const stopped = new Promise<NodeJS.Signals>((done) => (resolve = done));
  const handler = (signal: NodeJS.Signals) => {
    received = true;
    cancel();
    resolve(signal);
  };
  const cancel = () => {
    process.removeListener('SIGINT', handler);
    process.removeListener('SIGTERM', handler);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return { stopped, received: () => received, cancel };
}
