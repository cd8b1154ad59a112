/**
 * The exporter's memory between polls: state changes become transitions (the first list is
 * the baseline), finished jobs are counted once, jobs leaving the list are forgotten.
 */
import { describe, expect, it } from 'vitest';
import { createJobMemory, typeGroupOf } from '../../source/commands/exporter/job-memory.js';
import { T0, makeJob } from '../helpers/jobs.js';

describe('job memory', () => {
  it('takes the first list as the baseline, then reports each state change once', () => {
    const memory = createJobMemory(['render']);
    expect(memory.observe('osapi', [makeJob({ id: 'a', state: 'queued', type: 'render' })]).transitions).toEqual([]);
    expect(memory.observe('osapi', [makeJob({ id: 'a', state: 'running', type: 'render' })]).transitions).toEqual([
      { typeGroup: 'render', toState: 'running' },
    ]);
    expect(memory.observe('osapi', [makeJob({ id: 'a', state: 'running', type: 'render' })]).transitions).toEqual([]);
  });

  it('counts a job first listed after the baseline as entering its state, under other unless its type is configured', () => {
    const memory = createJobMemory(['render']);
    memory.observe('osapi', []);
    const changes = memory.observe('osapi', [
      makeJob({ id: 'new', state: 'failed', type: 'export' }),
      makeJob({ id: 'r', state: 'queued', type: 'render' }),
    ]);
    expect(changes.transitions).toEqual([
      { typeGroup: 'other', toState: 'failed' },
      { typeGroup: 'render', toState: 'queued' },
    ]);
  });

  it("keeps sources apart: one source's first list is its own baseline", () => {
    const memory = createJobMemory([]);
    memory.observe('osapi', [makeJob({ id: 'a', source: 'osapi' })]);
    expect(memory.observe('mcrit', [makeJob({ id: 'a', source: 'mcrit' })]).transitions).toEqual([]);
  });

  it("counts a finished job's duration once, with its end state, and none for active jobs", () => {
    const memory = createJobMemory([]);
    const done = makeJob({ id: 'd', state: 'failed', startedAt: T0, finishedAt: T0 + 90_000 });
    expect(memory.observe('osapi', [done, makeJob({ id: 'r', state: 'running' })]).finished).toEqual([
      { state: 'failed', seconds: 90 },
    ]);
    expect(memory.observe('osapi', [done]).finished).toEqual([]);
  });

  it('waits for the real outcome of a job listed as ended without a disposition', () => {
    const memory = createJobMemory([]);
    const pending = makeJob({
      id: 'x',
      source: 'alteryx',
      state: 'unknown',
      terminal: true,
      flags: ['needs-disposition'],
      startedAt: T0,
      finishedAt: T0 + 5000,
    });
    expect(memory.observe('alteryx', [pending]).finished).toEqual([]);
    const settled = { ...pending, state: 'succeeded' as const, flags: [] };
    expect(memory.observe('alteryx', [settled]).finished).toEqual([{ state: 'succeeded', seconds: 5 }]);
  });

  it('forgets jobs that leave the list, so memory stays within the listed window', () => {
    const memory = createJobMemory([]);
    const first = Array.from({ length: 1000 }, (_, n) => makeJob({ id: `a${n}` }));
    const second = Array.from({ length: 1000 }, (_, n) => makeJob({ id: `b${n}` }));
    memory.observe('osapi', first);
    memory.observe('osapi', second);
    expect(memory.size()).toBe(1000);
  });

  it.each([
    ['render', 'render'],
    ['Render', 'other'],
    ['export', 'other'],
  ])('type %s maps to type_group %s', (type, group) => {
    expect(typeGroupOf(type, new Set(['render']))).toBe(group);
  });
});
