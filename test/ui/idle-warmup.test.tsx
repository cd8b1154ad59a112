import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import type { Job } from '../../source/domain/job.js';
import { rowSearchReady } from '../../source/ui/row-search.js';
import { jobsByKey, warmJobsByKey } from '../../source/ui/select.js';
import { useIdleWarmup } from '../../source/ui/use-idle-warmup.js';
import { waitFor } from '../helpers/render.js';
import { makeJob } from '../helpers/jobs.js';

function Warm({ rows, jobs }: { rows: readonly Job[]; jobs: readonly Job[] }) {
  useIdleWarmup(rows, jobs);
  return <Text>{rows.length}</Text>;
}

/** True when the jobs-by-key map is complete (a budget of 0 adds nothing). */
const byKeyReady = (jobs: readonly Job[]) => warmJobsByKey(jobs, 0);

describe('what the first keys need is built ahead of them', () => {
  const many = (prefix: string) => Array.from({ length: 2500 }, (_, index) => makeJob({ id: `${prefix}${index}` }));

  it('in slices after the list is drawn, for each new row list and jobs array', async () => {
    const first = many('a');
    const rows = first.slice(0, 2000);
    const view = render(<Warm rows={rows} jobs={first} />);
    // Nothing is built while rendering: the frame comes first.
    expect(rowSearchReady(rows)).toBe(false);
    expect(byKeyReady(first)).toBe(false);
    await waitFor(() => rowSearchReady(rows) && byKeyReady(first));
    const second = many('b');
    view.rerender(<Warm rows={second} jobs={second} />);
    await waitFor(() => rowSearchReady(second) && byKeyReady(second));
    view.unmount();
  });

  it('stops when the list is replaced or the screen closes before it finished', async () => {
    const first = many('c');
    const view = render(<Warm rows={first} jobs={first} />);
    view.unmount();
    // More event-loop turns than the slices 2,500 rows and 2,500 jobs take.
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(rowSearchReady(first)).toBe(false);
    expect(byKeyReady(first)).toBe(false);
  });

  it('a map finished in slices is the map built at once', () => {
    const jobs = [...many('d'), makeJob({ id: 'd7' })];
    let slices = 0;
    while (!warmJobsByKey(jobs, 333)) slices += 1;
    expect(slices).toBe(Math.ceil(jobs.length / 333) - 1);
    expect([...jobsByKey(jobs)]).toEqual([...new Map(jobs.map((job) => [job.key, job]))]);
  });
});
