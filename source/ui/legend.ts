/**
 * Every mark the screens draw and what it means: the end of the `?` help and docs/keys.md, so
 * no mark has to be guessed. A view that adds a mark adds its row here.
 */
import { JOB_STATES } from '../domain/job.js';
import { STATE_SYMBOLS } from './theme.js';

/** The marks and their meanings, in the order help lists them. */
export const LEGEND: readonly { mark: string; meaning: string }[] = [
  ...JOB_STATES.map((state) => ({ mark: STATE_SYMBOLS[state], meaning: `job state ${state}` })),
  { mark: '›', meaning: 'the selected row' },
  { mark: '*', meaning: "the job's state changed at the last refresh (for a few seconds)" },
  { mark: '◆', meaning: 'marked for a bulk action (Space marks, u unmarks)' },
  {
    mark: '⧗',
    meaning: 'stale: its source is failing, backing off or paused; AGE then shows how old the data is, not the job',
  },
  {
    mark: '!',
    meaning:
      'needs attention: slow, starved, failed in the last hour, or an action outcome unknown (! shows only these)',
  },
  {
    mark: '? unknown',
    meaning: 'an action was sent and no answer came; jobtop re-reads the job until the outcome is known',
  },
  { mark: '▼ ▲', meaning: 'the sorted column, descending or ascending' },
  { mark: 'N/M', meaning: 'in the counts: N jobs listed of M the vendor counts in that state' },
  {
    mark: 'showing X of Y',
    meaning: 'X jobs fetched of Y the vendors say exist (each source fetches its newest `limit`)',
  },
  { mark: '41–60 of 256', meaning: 'the rows in view when the list scrolls' },
  { mark: '✔ OK 3s ago', meaning: 'a source answering, and the age of its data' },
  {
    mark: '▲ degraded',
    meaning: 'a source that answered, but some jobs’ outcomes could not be fetched (their state is unknown)',
  },
  {
    mark: '✖ … ⧗ stale 21s',
    meaning: 'a failing source: the reason, and the age of the last good data still shown (S: full error)',
  },
  {
    mark: '✔ … ⧗ paused 12s',
    meaning: 'polling is paused (p): every source shows how old its data is, and its rows carry ⧗',
  },
  { mark: '◌ loading…', meaning: 'a source that has not answered yet' },
  { mark: 'RO  INSECURE', meaning: 'a read-only source; a source whose TLS certificate is not verified' },
  { mark: '↻ 2s  ⏸ paused', meaning: 'the poll interval; polling paused (p)' },
  { mark: '▁▃█  ·', meaning: 'sources screen: jobs finished or failed per minute; · none that minute' },
];

/** The legend as a Markdown table (docs/keys.md). */
export function renderLegendMarkdown(): string {
  return ['| Mark | Meaning |', '| --- | --- |', ...LEGEND.map((row) => `| \`${row.mark}\` | ${row.meaning} |`)].join(
    '\n',
  );
}
