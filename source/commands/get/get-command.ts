/**
 * `jobtop get SOURCE/ID`: everything the detail view shows about one job — fields, steps,
 * messages, result, outputs, children — as sanitized text, or exactly as JSON.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { openFromFlags } from '../shared/open-sources.js';
import type { Command, CommandIo } from '../command.js';
import { VENDOR_NAMES } from '../../domain/job.js';
import { formatSize } from '../../domain/format.js';
import { toSourceError } from '../../adapters/errors.js';
import { EXIT_CODES } from '../shared/exit-codes.js';
import { parseTargets, resolveTargets, type ResolvedTarget } from '../shared/job-selector.js';
import { childIdsOf, createListCache, lookUpJob } from '../shared/look-up-job.js';
import { detailToJson } from './detail-json.js';
import { renderJobText } from './job-text.js';
import { toTerminalSafeJson } from '../shared/terminal-safe-json.js';

/** `jobtop get`. */
export const getCommand: Command = {
  name: 'get',
  usage: 'get SOURCE/ID [--json] [--raw] [--result FILE]',
  summary:
    "Print everything about one job: its fields, steps, messages, result and outputs (what the monitor's detail view shows), as text or --json. Exit 0 when found, 6 when the job does not exist, 7 when its source cannot be reached.",
  flags: {
    json: {
      type: 'boolean',
      description:
        'print the job as one JSON object: the list --json fields plus steps, messages, result, outputs, childIds',
    },
    raw: { type: 'boolean', description: "also print the vendor's own record (a Raw section, or raw in --json)" },
    result: {
      type: 'string',
      value: 'FILE',
      description: "stream the job's whole result into FILE, whatever its size (MCRIT), and print only where it went",
    },
  },
  async run(args, io) {
    const [target] = parseTargets(args.positionals, 'get', { max: 1 });
    // why: not oneShot: a one-shot Alteryx list fetches every finished job's disposition, and get needs one job.
    const opened = await openFromFlags(args.flags, {
      demoWhenMissing: false,
      oneShot: false,
      env: io.env,
      closeOnSignals: true,
    });
    try {
      for (const warning of opened.config.warnings) io.stderr.write(`jobtop: warning: ${warning}\n`);
      const [resolved] = resolveTargets([target], opened);
      if (typeof args.flags.result === 'string') return await saveResult(resolved, args.flags.result, io);
      const listOf = createListCache();
      const found = await lookUpJob(resolved, resolved.jobSource, listOf, true);
      if (found.kind !== 'found') {
        io.stderr.write(
          `jobtop: ${sanitizeInline(found.kind === 'not-found' ? `${target.key}: ${found.message}` : found.message, 1000)}\n`,
        );
        return found.kind === 'not-found' ? EXIT_CODES.notFound : EXIT_CODES.unreachable;
      }
      const detail = found.job;
      const children = detail.childIds === undefined ? await childIdsOf(detail, resolved.jobSource, listOf) : null;
      if (children) detail.childIds = children;
      if (args.flags.json === true) {
        io.stdout.write(`${toTerminalSafeJson(detailToJson(detail, args.flags.raw === true))}\n`);
      } else {
        const width = io.stdout.isTTY ? (io.stdout.columns ?? 100) : Infinity;
        io.stdout.write(
          renderJobText(detail, {
            capabilities: resolved.jobSource.capabilities,
            now: Date.now(),
            width,
            includeRaw: args.flags.raw === true,
          }),
        );
      }
      return EXIT_CODES.ok;
    } finally {
      await opened.close();
    }
  },
};

/** `get --result FILE`: streams the whole result to FILE (exit 0), or says why it cannot (9 unsupported, 7 failed). */
async function saveResult(target: ResolvedTarget, file: string, io: CommandIo): Promise<number> {
  const source = target.jobSource;
  if (!source.saveResult) {
    io.stderr.write(
      `jobtop: ${sanitizeInline(target.key, 300)}: ${VENDOR_NAMES[source.vendor]} jobs have no result value to save; jobtop get ${sanitizeInline(target.key, 300)} shows what the job has\n`,
    );
    return EXIT_CODES.refused;
  }
  try {
    const { bytes } = await source.saveResult(target.id, file);
    io.stderr.write(
      `jobtop: wrote the result of ${sanitizeInline(target.key, 300)} to ${sanitizeInline(file, 1000)} (${formatSize(bytes)}, as the server sent it)\n`,
    );
    return EXIT_CODES.ok;
  } catch (error) {
    const failure = toSourceError(source.name, error);
    io.stderr.write(`jobtop: ${sanitizeInline(failure.message, 1000)}\n`);
    return failure.kind === 'not-found'
      ? EXIT_CODES.notFound
      : failure.kind === 'config'
        ? EXIT_CODES.usage
        : EXIT_CODES.unreachable;
  }
}
