/**
 * `jobtop list`: one poll of the chosen sources, filtered, sorted and printed once as an
 * aligned table (fitted to the terminal), TSV, JSON or bare job keys.
 * Exit code 0 when every polled source answered, 2 when some failed (their errors in
 * `sources` and on stderr), so scripts can tell a partial answer from a whole one.
 */
import { priorityCell } from '../../domain/priority.js';
import { JOB_STATES, type Job } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { toIso } from '../../domain/time.js';
import type { SortSpec } from '../../domain/sort.js';
import { isNormalizedStateName, matchesState, selectJobs, type JobQuery } from '../../domain/job-query.js';
import { DEFAULT_DEADLINE_MS, fetchOnce, outcomeNotes, type SourceOutcome } from '../../store/fetch-once.js';
import { startDeadlineProgress } from '../shared/deadline-flag.js';
import { openFromFlags, type OpenedSources } from '../shared/open-sources.js';
import { EXIT, type Command } from '../command.js';
import { jobToJson, sourceToJson } from '../shared/job-json.js';
import { renderTextTable, type TextColumn } from '../shared/text-table.js';
import { checkSourceNames } from '../shared/job-selector.js';
import { LIST_FLAGS, parseListFlags, type ListFormat } from './list-flags.js';
import { toTerminalSafeJson } from '../shared/terminal-safe-json.js';
import type { JobQueryAst } from '../../domain/query-parse.js';
import { matchesJobQuery } from '../../domain/query-match.js';
import { computeTriage, expectedRunMs, triageFlagNames, TRIAGE_DEFAULTS } from '../../domain/triage.js';
import { NO_SAMPLES, recordFinishedDurations } from '../../domain/duration-samples.js';
import { triageToJson } from '../shared/job-json.js';

/** What `list` prints and where. */
export interface ListOptions {
  format: ListFormat;
  raw: boolean;
  query: JobQuery;
  /** The `--query` (the monitor's query language), or null. */
  filter?: JobQueryAst | null;
  sort: SortSpec;
  limit: number | null;
  /** How long to wait for every source together (default 20 s). */
  deadlineMs?: number;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  /** The instant queries and triage measure from; Date.now() when absent. */
  now?: number;
}

/** `jobtop list`. */
export const listCommand: Command = {
  name: 'list',
  usage: 'list [options]',
  summary:
    'Print the merged job list of the configured sources once: an aligned table fitted to the terminal, TSV, JSON or job keys. Filters combine (every one must match; a repeated flag or a comma list means any of). Exit 0 when every polled source answered whole, 2 when some failed, timed out at --deadline or answered incompletely (their errors on stderr, the other jobs still printed).',
  flags: LIST_FLAGS,
  async run(args, io) {
    const parsed = parseListFlags(args, Date.now());
    const opened = await openFromFlags(args.flags, {
      demoWhenMissing: false,
      oneShot: true,
      env: io.env,
      closeOnSignals: true,
    });
    try {
      for (const warning of opened.config.warnings) io.stderr.write(`jobtop: warning: ${warning}\n`);
      checkSourceNames(parsed.query.sources, opened);
      return await runList(opened, { ...parsed, stdout: io.stdout, stderr: io.stderr });
    } finally {
      await opened.close();
    }
  },
};

/** Runs `list` and returns the exit code. Only the sources the query names are polled. */
export async function runList(opened: OpenedSources, options: ListOptions): Promise<number> {
  const wanted = options.query.sources;
  const sources = opened.sources.filter((source) => wanted.length === 0 || wanted.includes(source.name));
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const progress = startDeadlineProgress({ stderr: options.stderr, names: sources.map((s) => s.name), deadlineMs });
  const outcomes = await fetchOnce(sources, { deadlineMs, onSettled: progress.settled }).finally(progress.stop);
  const typeOf = new Map(opened.config.sources.map((source) => [source.spec.name, source.spec.type]));
  const fetched = outcomes.flatMap((outcome) => outcome.jobs);
  const now = options.now ?? Date.now();
  // One poll: the finished jobs it lists are the only run-time samples triage has.
  const samples = recordFinishedDurations(NO_SAMPLES, fetched);
  const triage = computeTriage(fetched, now, { samples });
  const filter = options.filter;
  const queried = filter
    ? fetched.filter((job) =>
        matchesJobQuery(job, filter, { now, flagsOf: (each) => triageFlagNames(triage.get(each.key)) }),
      )
    : fetched;
  const jobs = selectJobs(queried, options.query, options.sort, options.limit);
  warnAboutStates(options.query.states, fetched, options.stderr);
  const out = options.stdout;
  if (options.format === 'json') {
    const body = {
      jobs: jobs.map((job) => ({
        ...jobToJson(job, options.raw),
        triage: triageToJson(
          triage.get(job.key),
          expectedRunMs(samples, job, TRIAGE_DEFAULTS.minSamples, TRIAGE_DEFAULTS.percentile),
        ),
      })),
      sources: outcomes.map((outcome) => sourceToJson(outcome, typeOf.get(outcome.name) ?? outcome.vendor)),
    };
    out.write(`${toTerminalSafeJson(body)}\n`);
  } else if (options.format === 'tsv') {
    out.write(renderTsv(jobs));
  } else if (options.format === 'ids') {
    out.write(jobs.map((job) => `${sanitizeInline(job.key, 1000)}\n`).join(''));
  } else {
    out.write(renderJobTable(jobs, out.isTTY ? (out.columns ?? 100) : Infinity));
  }
  for (const outcome of outcomes) {
    if (outcome.error) options.stderr.write(`jobtop: ${sanitizeInline(outcome.error.message, 1000)}\n`);
    for (const warning of outcome.warnings)
      options.stderr.write(`jobtop: warning: ${sanitizeInline(outcome.name, 200)}: ${sanitizeInline(warning, 1000)}\n`);
    for (const note of outcomeNotes(outcome)) options.stderr.write(`jobtop: ${sanitizeInline(note, 1000)}\n`);
  }
  warnAboutMissedJobs(options.query, outcomes, options.stderr);
  return outcomes.every((outcome) => outcome.complete) ? EXIT.ok : EXIT.partial;
}

/** A state filter over a source that answered incompletely may leave out jobs that match: say which source and how many could be missing. */
function warnAboutMissedJobs(query: JobQuery, outcomes: readonly SourceOutcome[], stderr: NodeJS.WritableStream): void {
  if (query.states.length === 0) return;
  for (const outcome of outcomes) {
    if (!outcome.incomplete) continue;
    stderr.write(
      `jobtop: warning: --state may miss jobs of ${sanitizeInline(outcome.name, 200)}: ${outcome.incomplete.jobs} of its jobs have an unknown outcome and are listed as unknown\n`,
    );
  }
}

/** Says so when a `--state` value is no state at all: neither normalized nor any fetched job's native state. */
function warnAboutStates(states: readonly string[], jobs: readonly Job[], stderr: NodeJS.WritableStream): void {
  for (const state of states) {
    if (isNormalizedStateName(state) || jobs.some((job) => matchesState(job, state))) continue;
    stderr.write(
      `jobtop: warning: --state ${sanitizeInline(state, 100)} is not a normalized state (${[...JOB_STATES, 'active'].join(', ')}) and no fetched job has it as its native state\n`,
    );
  }
}

const priorityText = (job: Job) => priorityCell(job.priority);

const TABLE_COLUMNS: readonly (TextColumn & { value(job: Job): string })[] = [
  { title: 'STATE', min: 9, value: (job) => job.state },
  { title: 'SOURCE', min: 8, value: (job) => job.source },
  { title: 'TYPE', min: 10, value: (job) => job.type },
  { title: 'ID', min: 12, value: (job) => job.id },
  { title: 'PRIO', min: 4, dropOrder: 3, value: priorityText },
  {
    title: 'PROG',
    min: 4,
    dropOrder: 2,
    align: 'right',
    value: (job) => (job.progress === null ? '' : `${Math.round(job.progress)}%`),
  },
  {
    title: 'CREATED',
    min: 19,
    dropOrder: 1,
    value: (job) => toIso(job.createdAt)?.slice(0, 19).replace('T', ' ') ?? '',
  },
];

/** The aligned, sanitized table; fitted to `width` cells (Infinity: nothing is cut). */
export function renderJobTable(jobs: readonly Job[], width: number): string {
  return renderTextTable(
    TABLE_COLUMNS,
    jobs.map((job) => TABLE_COLUMNS.map((column) => sanitizeInline(column.value(job), 200))),
    width,
  );
}

const TSV_FIELDS: readonly [string, (job: Job) => string | number | null][] = [
  ['key', (job) => job.key],
  ['source', (job) => job.source],
  ['id', (job) => job.id],
  ['state', (job) => job.state],
  ['native_state', (job) => job.nativeState],
  ['type', (job) => job.type],
  ['priority', priorityText],
  ['progress', (job) => job.progress],
  ['created', (job) => toIso(job.createdAt)],
  ['started', (job) => toIso(job.startedAt)],
  ['finished', (job) => toIso(job.finishedAt)],
  ['updated', (job) => toIso(job.updatedAt)],
  ['owner', (job) => job.owner],
  ['host', (job) => job.host],
  ['error', (job) => job.error],
];

/** One header line, then one line per job; fields sanitized (tabs and newlines cannot split a record), null as empty. */
export function renderTsv(jobs: readonly Job[]): string {
  const lines = [TSV_FIELDS.map(([name]) => name).join('\t')];
  for (const job of jobs)
    lines.push(TSV_FIELDS.map(([, value]) => sanitizeInline(value(job) ?? '', 10_000)).join('\t'));
  return `${lines.join('\n')}\n`;
}
