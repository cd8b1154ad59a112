/**
 * `jobtop demo`: serves the embedded demo fleet alone, printing a config that monitors it,
 * until interrupted.
 */
import { stringify } from 'yaml';
import { UsageError, type Command } from '../command.js';

/** Runs the demo fleet in the foreground; resolves with -1 (keep running) after printing its config. */
export async function runDemoServer(options: { port?: number; stdout: NodeJS.WritableStream }): Promise<number> {
  // why: the simulators are a third of the bundle; only `demo` and --demo load their chunk.
  const { startDemoFleet } = await import('../../demo/fleet.js');
  const fleet = await startDemoFleet({ port: options.port });
  options.stdout.write(
    `jobtop demo fleet running on 127.0.0.1 (Ctrl-C to stop). A config that monitors it:\n\n${stringify({ sources: fleet.sources })}\n`,
  );
  const stop = () => void fleet.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

/** `jobtop demo`. */
export const demoCommand: Command = {
  name: 'demo',
  usage: 'demo [--port N]',
  summary:
    'Serve the embedded demo fleet (all five vendor APIs and a legacy VectorCharts server on 127.0.0.1) alone, printing a config that monitors it.',
  flags: {
    port: {
      type: 'string',
      value: 'N',
      description:
        'first port; server i listens on N+i, the legacy VectorCharts server last (default: ephemeral ports)',
    },
  },
  run(args, io) {
    const port = args.flags.port === undefined ? undefined : Number(args.flags.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65530))
      throw new UsageError('--port expects a port number (1-65530)');
    return runDemoServer({ port, stdout: io.stdout });
  },
};
