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
import { DEADLINE_FLAG, parseDeadline, startDeadlineProgress } from '../shared/deadline-flag.js';
import { startDeadline } from '../../store/deadline.js';

/** `jobtop check`. */
export const checkCommand: Command = {
  name: 'check',
  usage: 'check [--json] [--deadline DURATION]',
  summary:
    'Probe each source: reachable, TLS, authenticated, capabilities, job count, response time. Exit 0 only when all pass, 2 otherwise (also for a source still answering at --deadline, reported timed out).',
  flags: {
    json: { type: 'boolean', description: 'print {"ok", "sources": [...], "warnings": [...]} as JSON' },
    deadline: DEADLINE_FLAG,
  },
  async run(args, io) {
    const deadlineMs = parseDeadline(args.flags.deadline);
    // why oneShot false: check needs one honest poll, not Alteryx's disposition look-ups for every job.
    const opened = await openFromFlags(args.flags, {
      demoWhenMissing: false,
      oneShot: false,
      env: io.env,
      closeOnSignals: true,
    });
    try {
      const deadline = startDeadline(deadlineMs);
      const progress = startDeadlineProgress({
        stderr: io.stderr,
        names: opened.sources.map((source) => source.name),
        deadlineMs,
      });
      const results = await Promise.all(
        opened.sources.map((source, index) =>
          probeSource(source, opened.config.sources[index], opened.config.secrets, io.env, Date.now, deadline).finally(
            () => progress.settled(source.name),
          ),
        ),
      ).finally(() => {
        progress.stop();
        deadline.dispose();
      });
      const report = { config: opened.config.path, results, warnings: opened.config.warnings };
      io.stdout.write(args.flags.json === true ? renderCheckJson(report) : renderCheckText(report));
      return results.every((result) => result.ok) ? EXIT.ok : EXIT.partial;
    } finally {
      await opened.close();
    }
  },
};
