/**
 * `jobtop check [--json]`: probes every configured source at once — reachable, TLS,
 * authenticated, capabilities, job count, response time — with a specific hint per failure
 * and warnings (OSAPI token expiring within a week, insecure, readable config file).
 * Exit 0 only when every source passed, 2 otherwise; config errors exit 1 (cli.ts).
 */
import { EXIT, type Command } from '../command.js';
import { probeSource } from './check-probe.js';
import { renderCheckJson, renderCheckText } from './check-render.js';
import { openFromFlags } from '../shared/open-sources.js';

/** `jobtop check`. */
export const checkCommand: Command = {
  name: 'check',
  usage: 'check [--json]',
  summary:
    'Probe each source: reachable, TLS, authenticated, capabilities, job count, response time. Exit 0 only when all pass, 2 otherwise.',
  flags: {
    json: { type: 'boolean', description: 'print {"ok", "sources": [...], "warnings": [...]} as JSON' },
  },
  async run(args, io) {
    // why oneShot false: check needs one honest poll, not Alteryx's disposition look-ups for every job.
    const opened = await openFromFlags(args.flags, {
      demoWhenMissing: false,
      oneShot: false,
      env: io.env,
      closeOnSignals: true,
    });
    try {
      const results = await Promise.all(
        opened.sources.map((source, index) =>
          probeSource(source, opened.config.sources[index], opened.config.secrets, io.env),
        ),
      );
      const report = { config: opened.config.path, results, warnings: opened.config.warnings };
      io.stdout.write(args.flags.json === true ? renderCheckJson(report) : renderCheckText(report));
      return results.every((result) => result.ok) ? EXIT.ok : EXIT.partial;
    } finally {
      await opened.close();
    }
  },
};
