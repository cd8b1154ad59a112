import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { normalizeAlteryxJob } from '../../source/adapters/alteryx/normalize.js';
import { normalizeMcritJob } from '../../source/adapters/mcrit/normalize.js';
import { normalizeOsapiJob } from '../../source/adapters/osapi/normalize.js';
import { normalizeVectaraJob } from '../../source/adapters/vectara/normalize.js';
import { normalizeVectorChartsJob } from '../../source/adapters/vectorcharts/normalize.js';
import { restyle, seg, type Segment } from '../../source/ui/line.js';
import type { Job } from '../../source/domain/job.js';
import * as packageTokenize from '@alcalzone/ansi-tokenize';
// @ts-expect-error: the bundle's copy of the package is plain JavaScript (scripts/build.mjs aliases it).
import * as fastTokenize from '../../scripts/ansi-tokenize-fast.mjs';

// Objects read by optimised code on every poll and frame (Jobs, row segments, Ink's styled
// characters) must share V8 maps: an object with a map of its own deoptimises the code that meets
// it and, once collected, the code that embedded its map (docs/performance.md "Session 6:
// steady-state compiling"). %HaveSameMap asks V8 itself; natives syntax is switched on for the
// functions compiled below only.
v8.setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- natives syntax compiles only in code made after the flag
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const fixture = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures', path), 'utf8')) as Record<string, unknown>;
const records = (path: string, key: string): unknown[] => fixture(path)[key] as unknown[];

/** One Job per list record of every vendor's fixtures (MCRIT's with a fraction, a count, none). */
function everyVendorsJobs(): Job[] {
  return [
    ...records('vectorcharts/list.json', 'jobs').map((raw) => normalizeVectorChartsJob(raw, 'vc')),
    ...records('osapi/list.json', 'items').map((raw) => normalizeOsapiJob(raw, 'os')),
    ...records('vectara/v2-list-page-1.json', 'jobs').map((raw) => normalizeVectaraJob(raw, 'vt')),
    ...records('mcrit/list.json', 'data').map((raw) => normalizeMcritJob(raw, 'mc')),
    ...records('mcrit/list-edge-cases.json', 'data').map((raw) => normalizeMcritJob(raw, 'mc')),
    ...records('alteryx/list-page-1.json', 'data').map((raw) => normalizeAlteryxJob(raw, 'ax')),
  ];
}

describe('one V8 map per kind of hot object', () => {
  it('gives every vendor’s Jobs the same fields in the same order, a count of steps or not', () => {
    const jobs = everyVendorsJobs();
    expect(jobs.some((job) => job.progressSteps !== undefined)).toBe(true);
    const keys = Object.keys(jobs[0]).join(',');
    for (const job of jobs) expect(Object.keys(job).join(',')).toBe(keys);
  });

  it('gives every vendor’s Jobs one map', () => {
    // why twice: the first pass settles the fields' representations (a number, then null);
    // V8 replaces a map as it widens one, and only objects made after that share the final map.
    everyVendorsJobs();
    const jobs = everyVendorsJobs();
    for (const job of jobs) expect(haveSameMap(job, jobs[0])).toBe(true);
  });

  it('restyles segments of any shape into one map, with the values a spread gives', () => {
    const segments: Segment[] = [
      seg('a'),
      seg('b', { color: 'red' }),
      seg('c', { bold: true, dim: true }),
      seg('d', { underline: true, inverse: false }),
      { color: 'blue', text: 'e' },
      seg('f', { dim: true, color: 'green', bold: false }),
    ];
    for (const style of [{ inverse: true }, { dim: true }, { color: undefined }, {}]) {
      restyle(segments, style);
      const out = restyle(segments, style);
      for (let index = 0; index < segments.length; index++) {
        expect(out[index]).toEqual({ ...segments[index], ...style });
        expect(haveSameMap(out[index], out[0])).toBe(true);
      }
    }
  });

  it('builds Ink’s styled characters as the package does, all with one map', () => {
    const lines = ['\u001b[1mbold\u001b[22m plain', '\u001b[31;7mred 漢字\u001b[0m', 'e\u0301 👍🏽 x', ''];
    for (const line of lines) {
      const tokens = packageTokenize.tokenize(line);
      const ours = fastTokenize.styledCharsFromTokens([...tokens]) as object[];
      expect(JSON.stringify(ours)).toBe(JSON.stringify(packageTokenize.styledCharsFromTokens(tokens)));
      for (const char of ours) expect(haveSameMap(char, ours[0])).toBe(true);
    }
  });
});
