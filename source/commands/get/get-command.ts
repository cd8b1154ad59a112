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
import { childIdsOf, createListCache, lookUpJob, type JobLookup, type PartialLookup } from '../shared/look-up-job.js';
import { DEADLINE_FLAG, parseDeadline, startDeadlineProgress } from '../shared/deadline-flag.js';
import { beforeDeadline, isDeadlineError, startDeadline } from '../../store/deadline.js';
import { detailToJson } from './detail-json.js';
import { renderJobText } from './job-text.js';
import { toTerminalSafeJson } from '../shared/terminal-safe-json.js';

/** `jobtop get`. */
export const getCommand: Command = {
  name: 'get',
  usage: 'get SOURCE/ID [--json] [--raw] [--result FILE] [--deadline DURATION]',
  summary:
    "Print everything about one job: its fields, steps, messages, result and outputs (what the monitor's detail view shows), as text or --json. Exit 0 when found whole, 2 when found only in part (its detail request failed: only the listed fields, the outcome maybe unknown; complete: false) or not answered within --deadline, 6 when the job does not exist, 7 when its source cannot be reached.",
  flags: {
    json: {
      type: 'boolean',
      description:
        'print the job as one JSON object: the list --json fields plus steps, messages, result, outputs, childIds, and complete (false with incomplete: {reason, outcomeUnknown} when only the listed fields are known)',
    },
    raw: { type: 'boolean', description: "also print the vendor's own record (a Raw section, or raw in --json)" },
    result: {
      type: 'string',
      value: 'FILE',
      description:
        "stream the job's whole result into FILE, whatever its size (MCRIT), and print only where it went (not bounded by --deadline)",
    },
    deadline: DEADLINE_FLAG,
  },
  async run(args, io) {
    const [target] = parseTargets(args.positionals, 'get', { max: 1 });
    const deadlineMs = parseDeadline(args.flags.deadline);
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
      const looked = await lookUpBeforeDeadline(resolved, deadlineMs, io.stderr);
      if (looked instanceof Error) {
        io.stderr.write(`jobtop: ${sanitizeInline(looked.message, 1000)}\n`);
        return EXIT_CODES.partial;
      }
      const { found, children } = looked;
      if (found.kind !== 'found') {
        io.stderr.write(
          `jobtop: ${sanitizeInline(found.kind === 'not-found' ? `${target.key}: ${found.message}` : found.message, 1000)}\n`,
        );
        return found.kind === 'not-found' ? EXIT_CODES.notFound : EXIT_CODES.unreachable;
      }
      const detail = found.job;
      if (children) detail.childIds = children;
      const incomplete = found.incomplete ?? null;
      if (args.flags.json === true) {
        io.stdout.write(`${toTerminalSafeJson(detailToJson(detail, args.flags.raw === true, incomplete))}\n`);
      } else {
        const width = io.stdout.isTTY ? (io.stdout.columns ?? 100) : Infinity;
        io.stdout.write(
          renderJobText(detail, {
            capabilities: resolved.jobSource.capabilities,
            now: Date.now(),
            width,
            includeRaw: args.flags.raw === true,
            incomplete: incomplete ? describePartial(incomplete) : undefined,
          }),
        );
      }
      if (!incomplete) return EXIT_CODES.ok;
      io.stderr.write(
        `jobtop: ${sanitizeInline(target.key, 300)}: incomplete: ${sanitizeInline(describePartial(incomplete), 1000)}\n`,
      );
      if (incomplete.error) io.stderr.write(`jobtop: ${sanitizeInline(incomplete.error, 1000)}\n`);
      return EXIT_CODES.partial;
    } finally {
      await opened.close();
    }
  },
};

/** The look-up of `get` (the job and, for job trees, its children) within the deadline; the deadline's error when it passed first. */
async function lookUpBeforeDeadline(
  target: ResolvedTarget,
  deadlineMs: number,
  stderr: CommandIo['stderr'],
): Promise<{ found: JobLookup; children: string[] | null } | Error> {
  const deadline = startDeadline(deadlineMs);
  const progress = startDeadlineProgress({ stderr, names: [target.source], deadlineMs });
  try {
    return await beforeDeadline(deadline, target.source, async (signal) => {
      const listOf = createListCache(signal);
      const found = await lookUpJob(target, target.jobSource, listOf, true, signal);
      const children =
        found.kind === 'found' && found.job.childIds === undefined
          ? await childIdsOf(found.job, target.jobSource, listOf)
          : null;
      return { found, children };
    });
  } catch (error) {
    if (isDeadlineError(error)) return error as Error;
    throw error;
  } finally {
    progress.stop();
    deadline.dispose();
  }
}

/** One sentence on what a partly known job lacks, for the text, stderr and nothing else (--json has the fields). */
function describePartial(incomplete: PartialLookup): string {
  return incomplete.outcomeUnknown
    ? `outcome unknown: ${incomplete.reason}; shown as its source lists it`
    : `${incomplete.reason}; only the fields its source lists are shown`;
}

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
