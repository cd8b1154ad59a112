/**
 * Every mark the screen uses besides the state symbols, with its meaning: shown at the end
 * of the `?` help and in docs/keys.md, so no mark has to be guessed.
 */

/** The marks of the screen and what each means. */
export const LEGEND: readonly { mark: string; meaning: string }[] = [
  { mark: '*', meaning: "the job's state changed at the last refresh (for a few seconds)" },
  { mark: '◆', meaning: 'the job is marked for a bulk action (space marks, u unmarks)' },
  { mark: '⧗', meaning: 'stale: its source is failing, backing off or paused; AGE then shows how old the data is, not the job' },
  { mark: 'N/M', meaning: 'in a count: N jobs fetched of M the vendor says exist in that state' },
  { mark: 'showing X of Y', meaning: 'X jobs fetched of Y the vendors report in all (the rest are beyond the fetch limit)' },
  { mark: '›', meaning: 'the selected row' },
  { mark: '? unknown', meaning: 'an action was sent and no answer came; jobtop re-reads the job until the outcome is known' },
];

/** The legend as a Markdown table (docs/keys.md). */
export function renderLegendMarkdown(): string {
  return ['| Mark | Meaning |', '| --- | --- |', ...LEGEND.map((row) => `| \`${row.mark}\` | ${row.meaning} |`)].join('\n');
}
