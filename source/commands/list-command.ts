/**
 * `jobtop list`: one poll of every source, printed once as a table or as JSON.
 * Exit code 0 when every source answered, 2 when some failed (their errors in `sources`
 * and on stderr), so scripts can tell a partial answer from a whole one.
 */
import type { Job } from '../domain/job.js';
import { displayWidth, fitToWidth, sanitizeInline, truncateToWidth } from '../domain/sanitize.js';
import { toIso } from '../domain/time.js';
import { fetchOnce } from '../store/fetch-once.js';
import { openFromFlags, type OpenedSources } from './open-sources.js';
import { EXIT, type Command } from './command.js';
import { jobToJson, sourceToJson } from './job-json.js';

/** Output streams and format flags of `list`. */
export interface ListOptions {
  json: boolean;
  raw: boolean;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
}

/** `jobtop list`. */
export const listCommand: Command = {
  name: 'list',
  usage: 'list [options]',
  summary: 'Print the merged job list of every source once. Exit 0 when every source answered, 2 when some failed.',
  flags: {
    json: { type: 'boolean', description: 'print {"jobs": [...], "sources": [...]} as JSON' },
    raw: { type: 'boolean', description: "with --json, include each job's vendor record" },
  },
  async run(args, io) {
    const opened = await openFromFlags(args.flags, { demoWhenMissing: false, oneShot: true, env: io.env });
    try {
      for (const warning of opened.config.warnings) io.stderr.write(`jobtop: warning: ${warning}\n`);
      return await runList(opened, { json: args.flags.json === true, raw: args.flags.raw === true, stdout: io.stdout, stderr: io.stderr });
    } finally {
      await opened.close();
    }
  },
};

/** Runs `list` and returns the exit code. */
export async function runList(opened: OpenedSources, options: ListOptions): Promise<number> {
  const outcomes = await fetchOnce(opened.sources);
  const typeOf = new Map(opened.config.sources.map((source) => [source.spec.name, source.spec.type]));
  const jobs = outcomes.flatMap((outcome) => outcome.jobs);
  if (options.json) {
    const body = { jobs: jobs.map((job) => jobToJson(job, options.raw)), sources: outcomes.map((outcome) => sourceToJson(outcome, typeOf.get(outcome.name) ?? outcome.vendor)) };
    options.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    options.stdout.write(renderTable(jobs, options.stdout.isTTY ? options.stdout.columns ?? 100 : Infinity));
  }
  for (const outcome of outcomes) {
    if (outcome.error) options.stderr.write(`jobtop: ${sanitizeInline(outcome.error.message, 1000)}\n`);
  }
  return outcomes.every((outcome) => outcome.ok) ? EXIT.ok : EXIT.partial;
}

interface Column {
  title: string;
  width: number;
  value(job: Job): string;
}

const COLUMNS: readonly Column[] = [
  { title: 'STATE', width: 9, value: (job) => job.state },
  { title: 'SOURCE', width: 16, value: (job) => job.source },
  { title: 'TYPE', width: 28, value: (job) => job.type },
  { title: 'ID', width: 36, value: (job) => job.id },
  { title: 'PRIO', width: 8, value: (job) => job.priority.label ?? (job.priority.value === null ? '' : String(job.priority.value)) },
  { title: 'PROG', width: 4, value: (job) => (job.progress === null ? '' : `${job.progress}%`) },
  { title: 'CREATED', width: 19, value: (job) => toIso(job.createdAt)?.slice(0, 19).replace('T', ' ') ?? '' },
];

/** An aligned, sanitized table; cut to the terminal width on a TTY. */
function renderTable(jobs: readonly Job[], width: number): string {
  const rows = [COLUMNS.map((column) => column.title), ...jobs.map((job) => COLUMNS.map((column) => sanitizeInline(column.value(job), 200)))];
  const widths = COLUMNS.map((column, index) => Math.min(column.width, Math.max(...rows.map((row) => displayWidth(row[index])))));
  const lines = rows.map((row) => {
    const text = row.map((cell, index) => fitToWidth(cell, widths[index])).join('  ').trimEnd();
    return Number.isFinite(width) ? truncateToWidth(text, width) : text;
  });
  return `${lines.join('\n')}\n`;
}
