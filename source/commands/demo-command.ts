/**
 * `jobtop demo`: serves the embedded demo fleet alone, printing a config that monitors it,
 * until interrupted.
 */
import { stringify } from 'yaml';
import { startDemoFleet } from '../demo/fleet.js';

/** Runs the demo fleet in the foreground; resolves with -1 (keep running) after printing its config. */
export async function runDemoServer(options: { port?: number; stdout: NodeJS.WritableStream }): Promise<number> {
  const fleet = await startDemoFleet({ port: options.port });
  options.stdout.write(`jobtop demo fleet running on 127.0.0.1 (Ctrl-C to stop). A config that monitors it:\n\n${stringify({ sources: fleet.sources })}\n`);
  const stop = () => void fleet.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
