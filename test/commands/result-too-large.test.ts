import { describe, expect, it } from 'vitest';
import { renderJobText } from '../../source/commands/get/job-text.js';
import { detailToJson } from '../../source/commands/get/detail-json.js';
import { describeProgress, describeTooLargeResult, formatSize } from '../../source/domain/format.js';
import { buildMcritCapabilities } from '../../source/adapters/mcrit/actions.js';
import type { JobDetail } from '../../source/domain/job.js';
import { makeJob } from '../helpers/jobs.js';

const finished = (extra: Partial<JobDetail>): JobDetail => ({
  ...makeJob({
    id: '6a74660af8b8d2c6f83664f1',
    source: 'malware',
    vendor: 'mcrit',
    state: 'succeeded',
    terminal: true,
  }),
  steps: null,
  messages: null,
  result: undefined,
  outputs: null,
  ...extra,
});

describe('a result too large to show', () => {
  it.each([
    [812, '812 B'],
    [64_000, '64.0 kB'],
    [4_200_000, '4.2 MB'],
  ])('sizes %j bytes as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it('says its size and how to get it whole, in get and its JSON, never "no result"', () => {
    const detail = finished({ resultTooLarge: { bytes: 4_200_000, limitBytes: 4 * 1024 * 1024 } });
    const text = renderJobText(detail, {
      capabilities: buildMcritCapabilities(false),
      now: 0,
      width: 200,
      includeRaw: false,
    });
    expect(text).toContain(
      'Result\n  result is 4.2 MB — too large to show; `jobtop get malware/6a74660af8b8d2c6f83664f1 --result FILE` saves it whole',
    );
    expect(text).not.toMatch(/no result/i);
    expect(detailToJson(detail, false)).toMatchObject({
      result: null,
      resultTooLarge: { bytes: 4_200_000, limitBytes: 4 * 1024 * 1024 },
    });
  });

  it('names the limit when the server did not say the size', () => {
    expect(describeTooLargeResult('m/1', { bytes: null, limitBytes: 4_000_000 })).toBe(
      'result is over 4.0 MB — too large to show; `jobtop get m/1 --result FILE` saves it whole',
    );
  });
});

describe('progress as the vendor reports it', () => {
  it('shows a percentage, a step count without a total, or nothing', () => {
    expect(describeProgress({ progress: 45, progressSteps: undefined })).toBe('45%');
    expect(describeProgress({ progress: null, progressSteps: 1523 })).toBe('1,523 steps done (no total reported)');
    expect(describeProgress({ progress: null })).toBe('—');
  });
});
