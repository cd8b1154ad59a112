import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import { rowSearchReady } from '../../source/ui/row-search.js';
import { useSearchWarmup } from '../../source/ui/use-search-warmup.js';
import { waitFor } from '../helpers/render.js';
import { makeJob } from '../helpers/jobs.js';

function Warm({ rows }: { rows: readonly ReturnType<typeof makeJob>[] }) {
  useSearchWarmup(rows);
  return <Text>{rows.length}</Text>;
}

describe('the searched texts are built ahead of the first filter keystroke', () => {
  const many = (prefix: string) => Array.from({ length: 2500 }, (_, index) => makeJob({ id: `${prefix}${index}` }));

  it('in slices after the list is drawn, for each new row list', async () => {
    const first = many('a');
    const view = render(<Warm rows={first} />);
    // Nothing is built while rendering: the frame comes first.
    expect(rowSearchReady(first)).toBe(false);
    await waitFor(() => rowSearchReady(first));
    const second = many('b');
    view.rerender(<Warm rows={second} />);
    await waitFor(() => rowSearchReady(second));
    view.unmount();
  });

  it('stops when the list is replaced or the screen closes before it finished', async () => {
    const first = many('c');
    const view = render(<Warm rows={first} />);
    view.unmount();
    // More event-loop turns than the three slices 2,500 rows take.
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(rowSearchReady(first)).toBe(false);
  });
});
