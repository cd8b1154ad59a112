import { describe, expect, it } from 'vitest';
import { detailRows, detailRowText, priorityText } from '../../source/domain/detail-model.js';
import type { Priority } from '../../source/domain/job.js';
import { renderJobText } from '../../source/commands/get/job-text.js';
import { overviewLines } from '../../source/ui/content/overview-lines.js';
import { makeCapabilities, makeDetail, makeJob, T0 } from '../helpers/jobs.js';

const job = makeDetail({
  ...makeJob({
    id: 'job-7',
    state: 'failed',
    nativeState: 'partial_failure',
    priority: { rank: 'urgent', value: 3, label: 'Critical' },
    progress: 40,
    flags: ['had-error'],
  }),
});
const plain = (segments: readonly { text: string }[]) => segments.map((segment) => segment.text).join('');

describe('the one detail document', () => {
  it.each<[string, Priority, string]>([
    ["a rank and the vendor's name", { rank: 'urgent', value: 3, label: 'Critical' }, 'urgent (vendor: Critical)'],
    ["a rank and the vendor's number", { rank: 'normal', value: 0, label: null }, 'normal (vendor: 0)'],
    ['a vendor value without a rank', { rank: null, value: 5, label: null }, '— (vendor: 5, unmapped)'],
    ['neither', { rank: null, value: null, label: null }, '—'],
  ])('formats a priority with %s one way', (_name, priority, expected) =>
    expect(priorityText({ priority })).toBe(expected),
  );

  it('is printed by jobtop get and drawn by the Overview with the same rows, order and label width', () => {
    const rows = detailRows(job, T0).map(detailRowText);
    const text = renderJobText(job, { capabilities: makeCapabilities(), now: T0, width: 100, includeRaw: false }).split(
      '\n',
    );
    const overview = overviewLines({ job, childKeys: [], jobs: new Map(), now: T0, width: 200 }).map((line) =>
      plain(line.segments),
    );
    // why: the Overview draws a bar before the progress percent; every other row is the same text.
    const comparable = (line: string) => line.replace(/^(Progress\s+)(?:[^\d\s]*\s)?(\d+%)$/, '$1$2');
    expect(text.slice(1, 1 + rows.length).map(comparable)).toEqual(rows.map(comparable));
    expect(overview.slice(0, rows.length).map(comparable)).toEqual(rows.map(comparable));
  });

  it('says where the data comes from when it is stale or could not be fetched', () => {
    const rows = detailRows(job, T0, {
      stale: '⧗ last known, 1m04s old — updates are paused',
      fetchError: 'connection refused',
    });
    expect(rows.slice(0, 2).map(detailRowText)).toEqual([
      "Data       could not fetch the detail: connection refused; showing the list's record",
      'Data       ⧗ last known, 1m04s old — updates are paused',
    ]);
  });
});
