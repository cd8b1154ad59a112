import { describe, expect, it } from 'vitest';
import {
  applyPriorityMap,
  describePriority,
  numericPriority,
  priorityCell,
  rankAlteryxPriority,
  rankNumericPriority,
} from '../../source/domain/priority.js';
import { parseAlteryxPriority } from '../../source/adapters/alteryx/field-parsers.js';
import { sortJobs } from '../../source/domain/sort.js';
import { makeJob } from '../helpers/jobs.js';

describe('one priority scale across vendors', () => {
  it.each([
    [-5, 'low'],
    [0, 'normal'],
    [1, 'high'],
    [9, 'high'],
    [10, 'urgent'],
    [250, 'urgent'],
    [null, null],
  ])('ranks the VectorCharts/MCRIT number %j as %j', (value, rank) => {
    expect(rankNumericPriority(value)).toBe(rank);
  });

  it.each([
    ['Low', 'low'],
    ['Default', 'normal'],
    ['Medium', 'normal'],
    ['High', 'high'],
    ['Critical', 'urgent'],
    ['critical', 'urgent'],
    ['0', 'normal'],
    ['2', 'high'],
    ['3', 'urgent'],
    ['6', 'low'],
    ['5', null],
    ['Whenever', null],
  ])('ranks the Alteryx value %j as %j through the explicit table', (label, rank) => {
    expect(rankAlteryxPriority(label)).toBe(rank);
  });

  it('sorts an Alteryx Critical above an MCRIT 5 and an Alteryx "6" below both', () => {
    const jobs = [
      makeJob({ id: 'mcrit-5', source: 'm', state: 'queued', priority: numericPriority(5) }),
      makeJob({ id: 'ayx-6', source: 'a', state: 'queued', priority: parseAlteryxPriority('6') }),
      makeJob({ id: 'ayx-critical', source: 'a', state: 'queued', priority: parseAlteryxPriority('Critical') }),
    ];
    expect(sortJobs(jobs, { key: 'priority', reverse: false }).map((job) => job.id)).toEqual([
      'ayx-critical',
      'mcrit-5',
      'ayx-6',
    ]);
  });

  it('keeps the vendor value beside the rank, and a priorityMap overrides by value, case-insensitively', () => {
    const six = parseAlteryxPriority('6');
    expect(six).toEqual({ rank: 'low', value: 6, label: '6' });
    expect(applyPriorityMap(six, { '6': 'high' })).toEqual({ rank: 'high', value: 6, label: '6' });
    expect(applyPriorityMap(parseAlteryxPriority('Critical'), { critical: 'normal' }).rank).toBe('normal');
    expect(applyPriorityMap(numericPriority(5), { '5': 'urgent' }).rank).toBe('urgent');
    expect(applyPriorityMap(numericPriority(5), { '7': 'urgent' }).rank).toBe('high');
  });

  it('shows both values in the detail and the rank in the table', () => {
    expect(describePriority(parseAlteryxPriority('Critical'))).toBe('urgent (vendor: Critical)');
    expect(describePriority(parseAlteryxPriority('5'))).toBe('— (vendor: 5, unmapped)');
    expect(describePriority(numericPriority(null))).toBe('—');
    expect([priorityCell(numericPriority(0)), priorityCell(parseAlteryxPriority('5'))]).toEqual(['normal', '5']);
  });
});
