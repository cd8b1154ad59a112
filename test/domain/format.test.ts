import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatAgo,
  formatCount,
  formatDuration,
  formatInterval,
  formatListAge,
  formatPercent,
  formatTimestamp,
  listAgeChangesIn,
  jobAgeMs,
  jobDurationMs,
  progressBar,
  shortId,
  countOf,
} from '../../source/domain/format.js';

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [12_000, '12s'],
    [59_999, '59s'],
    [60_000, '1m00s'],
    [312_000, '5m12s'],
    [600_000, '10m'],
    [3_599_000, '59m'],
    [3_600_000, '1h00m'],
    [11_100_000, '3h05m'],
    [36_000_000, '10h'],
    [86_400_000, '1d00h'],
    [187_200_000, '2d04h'],
    [864_000_000, '10d'],
    [-5_000, '0s'],
    [Number.NaN, '0s'],
  ])('%d ms → %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});

describe('formatListAge', () => {
  it.each([
    [0, '<1m'],
    [59_999, '<1m'],
    [60_000, '1m'],
    [312_000, '5m'],
    [599_999, '9m'],
    [600_000, '10m'],
    [11_100_000, '3h05m'],
    [36_000_000, '10h'],
    [187_200_000, '2d04h'],
    [864_000_000, '10d'],
    [-5_000, '<1m'],
    [Number.NaN, '<1m'],
  ])('%d ms → %s', (ms, text) => expect(formatListAge(ms)).toBe(text));
});

describe('listAgeChangesIn', () => {
  // The text stays the same until exactly the instant listAgeChangesIn names, then differs.
  it.each([
    0, 1, 59_999, 60_000, 61_500, 599_999, 3_599_000, 11_100_123, 35_999_999, 36_000_000, 187_200_777, 863_999_999,
    900_000_001, -5_000,
  ])('elapsed %d ms: same text until the change, different at it', (elapsed) => {
    const delta = listAgeChangesIn(elapsed);
    expect(delta).toBeGreaterThan(0);
    expect(formatListAge(elapsed + delta - 1)).toBe(formatListAge(elapsed));
    expect(formatListAge(elapsed + delta)).not.toBe(formatListAge(elapsed));
  });
  it('never changes for a non-finite age', () => expect(listAgeChangesIn(Number.NaN)).toBe(Infinity));
});

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [0, '0ms'],
    [850, '850ms'],
    [1_000, '1.0s'],
    [12_345, '12s'],
    [9_950, '9.9s'],
    [312_000, '5m12s'],
    [11_100_000, '3h05m'],
  ])('%s → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatAgo', () => {
  it('says how long ago, or never', () => {
    expect(formatAgo(100_000, 88_000)).toBe('12s ago');
    expect(formatAgo(100_000, null)).toBe('never');
  });
});

describe('job timing', () => {
  const base = { createdAt: 1_000, startedAt: 2_000, finishedAt: null, updatedAt: 3_000, terminal: false };
  it('runs from start to now while active', () => expect(jobDurationMs(base, 10_000)).toBe(8_000));
  it('runs from start to finish when finished', () =>
    expect(jobDurationMs({ ...base, finishedAt: 5_000, terminal: true }, 10_000)).toBe(3_000));
  it('is unknown without a start or for a terminal job without an end', () => {
    expect(jobDurationMs({ ...base, startedAt: null }, 10_000)).toBeNull();
    expect(jobDurationMs({ ...base, terminal: true }, 10_000)).toBeNull();
  });
  it('ages from creation, else start, else update', () => {
    expect(jobAgeMs(base, 10_000)).toBe(9_000);
    expect(jobAgeMs({ ...base, createdAt: null }, 10_000)).toBe(8_000);
    expect(jobAgeMs({ createdAt: null, startedAt: null, updatedAt: null }, 10_000)).toBeNull();
  });
});

describe('shortId', () => {
  it.each([
    ['42', '42'],
    ['job_abc', 'job_abc'],
    ['5f1c2a3b-9d8e-4f00-a1b2-000000000001', '5f1c…00001'],
    ['65a1f0c2e4b0a1b2c3d4e5f6', '65a1…4e5f6'],
    ['65a1f0c2e4b0a1b2c3d4e5f7', '65a1…4e5f7'],
    ['JOB_STATE__QUEUED_LONG_NAME', 'JOB_STATE__QUEUED_LONG_NAME'],
  ])('%s → %s', (id, short) => expect(shortId(id)).toBe(short));
});

describe('numbers and instants', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [5_312, '5,312'],
    [1_234_567, '1,234,567'],
    [-5_312, '-5,312'],
  ])('formatCount(%d) = %s', (n, text) => expect(formatCount(n)).toBe(text));
  it('formats instants as UTC', () => {
    expect(formatTimestamp(Date.UTC(2024, 4, 1, 12, 3, 4))).toBe('2024-05-01 12:03:04Z');
    expect(formatTimestamp(null)).toBe('—');
  });
  it.each([
    [500, '500ms'],
    [2_000, '2s'],
    [1_500, '1.5s'],
    [60_000, '1m'],
    [90_000, '1m30s'],
  ])('formatInterval(%d) = %s', (ms, text) => expect(formatInterval(ms)).toBe(text));
  it('draws bars of exact width', () => {
    expect(progressBar(50, 10)).toBe('█████░░░░░');
    expect(progressBar(150, 4)).toBe('████');
    expect(progressBar(-3, 4)).toBe('░░░░');
    expect(progressBar(50, 0)).toBe('');
    expect(formatPercent(45.6)).toBe('46%');
  });
});

describe('countOf', () => {
  it.each<[number, string, string | undefined, string]>([
    [1, 'source', undefined, '1 source'],
    [0, 'source', undefined, '0 sources'],
    [5, 'source', undefined, '5 sources'],
    [1200, 'job', undefined, '1,200 jobs'],
    [2, 'entry', 'entries', '2 entries'],
  ])('%i %s reads %j', (count, one, many, expected) => expect(countOf(count, one, many)).toBe(expected));
});
