/**
 * The pure parts of `list`: flag syntax (durations, --since, --sort), matching, and the text
 * table's fitting in display cells.
 */
import { describe, expect, it } from 'vitest';
import {
  matchesState,
  matchesType,
  parseDurationText,
  parseSince,
  parseSortArgument,
  selectJobs,
  sortSpecFor,
  ANY_JOB,
} from '../../source/domain/job-query.js';
import { displayWidth } from '../../source/domain/text-width.js';
import { renderTextTable } from '../../source/commands/shared/text-table.js';
import { makeJob } from '../helpers/scripted-source.js';

describe('list query', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['500ms', 500],
    ['1w', 604_800_000],
    ['45', 45_000],
    ['1.5h', 5_400_000],
  ])('reads the duration %s as %i ms', (text, ms) => {
    expect(parseDurationText(text)).toBe(ms);
  });

  it.each(['', '0', '0s', 'soon', '5 minutes', '1h 30m', '-5m', 'm'])('rejects the duration %j', (text) => {
    expect(parseDurationText(text)).toBeNull();
  });

  it('reads --since as a duration back from now or as an ISO date or time', () => {
    const now = Date.parse('2026-11-22T08:00:00Z');
    expect(parseSince('2h', now)).toBe(Date.parse('2026-11-22T06:00:00Z'));
    expect(parseSince('2026-11-21', now)).toBe(Date.parse('2026-11-21T00:00:00Z'));
    expect(parseSince('2026-11-21T10:15:00+01:00', now)).toBe(Date.parse('2026-11-21T09:15:00Z'));
    expect(parseSince('yesterday', now)).toBeNull();
    expect(parseSince('2026-13-45', now)).toBeNull();
  });

  it('sorts ascending by default and descending with a leading -, nulls last either way', () => {
    expect(parseSortArgument('-Created')).toEqual({ field: 'created', descending: true });
    expect(parseSortArgument('age')).toBeNull();
    const jobs = [
      makeJob('s', 'a', 'succeeded', { createdAt: 2 }),
      makeJob('s', 'b', 'succeeded', { createdAt: null }),
      makeJob('s', 'c', 'succeeded', { createdAt: 1 }),
    ];
    expect(selectJobs(jobs, ANY_JOB, sortSpecFor('created', false), null).map((job) => job.id)).toEqual([
      'c',
      'a',
      'b',
    ]);
    expect(selectJobs(jobs, ANY_JOB, sortSpecFor('created', true), null).map((job) => job.id)).toEqual(['a', 'c', 'b']);
    const prioritized = [
      makeJob('s', 'x', 'queued', { priority: { rank: 'normal', value: 1, label: null } }),
      makeJob('s', 'y', 'queued', { priority: { rank: 'high', value: 3, label: null } }),
    ];
    expect(selectJobs(prioritized, ANY_JOB, sortSpecFor('priority', true), 1).map((job) => job.id)).toEqual(['y']);
  });

  it('matches states normalized, active, native (either half of Alteryx’s), and native-only', () => {
    const alteryx = makeJob('s', '1', 'failed', { nativeState: 'Completed/Error' });
    expect(
      ['failed', 'FAILED', 'completed', 'error', 'Completed/Error', 'native:error'].map((state) =>
        matchesState(alteryx, state),
      ),
    ).toEqual([true, true, true, true, true, true]);
    expect(['active', 'native:failed', 'succeeded'].map((state) => matchesState(alteryx, state))).toEqual([
      false,
      false,
      false,
    ]);
    const created = makeJob('s', '2', 'queued', { nativeState: 'Created' });
    expect([
      matchesState(created, 'queued'),
      matchesState(created, 'native:queued'),
      matchesState(created, 'active'),
    ]).toEqual([true, false, true]);
  });

  it('matches types exactly or with *, case-insensitively, treating other characters literally', () => {
    expect(matchesType('node.hostname.get', 'NODE.*')).toBe(true);
    expect(matchesType('node.hostname.get', 'node.*.get')).toBe(true);
    expect(matchesType('nodeXhostname', 'node.hostname')).toBe(false);
    expect(matchesType('Daily Sales (v2).yxmd', 'daily sales (v2)*')).toBe(true);
  });
});

describe('text table', () => {
  const columns = [
    { title: 'STATE', min: 9 },
    { title: 'TYPE', min: 4 },
    { title: 'ID', min: 6 },
    { title: 'CREATED', min: 19, dropOrder: 1 },
  ];
  const rows = [
    ['running', '東京のジョブ', 'abcdef0123456789', '2026-11-22 08:00:00'],
    ['failed', 'plain', 'x', '2026-11-22 08:01:00'],
  ];

  it('aligns in display cells, so wide characters do not push later columns', () => {
    const lines = renderTextTable(columns, rows, Infinity).trimEnd().split('\n');
    const cellsBefore = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    expect(cellsBefore(lines[1], 'abcdef')).toBe(cellsBefore(lines[0], 'ID'));
    expect(cellsBefore(lines[2], 'x')).toBe(cellsBefore(lines[0], 'ID'));
    expect(lines[1]).toContain('abcdef0123456789');
  });

  it('squeezes the widest columns, then drops optional ones, and never exceeds the width', () => {
    for (const width of [70, 50, 40, 30, 12]) {
      const lines = renderTextTable(columns, rows, width).trimEnd().split('\n');
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
    expect(renderTextTable(columns, rows, 50)).toContain('CREATED');
    expect(renderTextTable(columns, rows, 40)).not.toContain('CREATED');
    expect(renderTextTable(columns, rows, 40).split('\n')[1]).toBe('running  東京のジョブ  abcdef0123456789');
    const squeezed = renderTextTable(columns, rows, 30).split('\n');
    expect(squeezed[1]).toMatch(/^running {2}\S+…? +abcdef\w*…$/);
    expect(displayWidth(squeezed[1])).toBe(30);
  });
});
