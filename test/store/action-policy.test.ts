/**
 * The one action policy as tables: (vendor × fresh state × action) → effect, wording and
 * confirmation level, with the real adapters' capabilities (no source is contacted).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSource } from '../../source/adapters/registry.js';
import type { ActionKind, JobSource } from '../../source/adapters/contract.js';
import type { JobState, Vendor } from '../../source/domain/job.js';
import { judgeAction, noActionReason, sourceRefusal, type PolicySource } from '../../source/store/action-policy.js';
import { makeJob } from '../helpers/jobs.js';

const adapters: Record<Vendor, JobSource> = {
  alteryx: createSource({
    type: 'alteryx',
    name: 'alteryx',
    url: 'http://127.0.0.1:9/webapi',
    clientId: 'id',
    clientSecret: 'secret',
  } as never),
  osapi: createSource({ type: 'osapi', name: 'osapi', url: 'http://127.0.0.1:9', token: 'token' } as never),
  mcrit: createSource({ type: 'mcrit', name: 'mcrit', url: 'http://127.0.0.1:9', token: 'token' } as never),
  vectara: createSource({ type: 'vectara', name: 'vectara', url: 'http://127.0.0.1:9', apiKey: 'key' } as never),
  vectorcharts: createSource({
    type: 'vectorcharts',
    name: 'vectorcharts',
    url: 'http://127.0.0.1:9',
    token: 'token',
  } as never),
};
afterAll(() => Promise.all(Object.values(adapters).map((source) => source.close())));

const policySource = (vendor: Vendor, readonly = false): PolicySource => ({
  name: vendor,
  vendor,
  readonly,
  capabilities: adapters[vendor].capabilities,
});
const MCRIT_ID = '65f0c0ffee0123456789abcd';
const job = (vendor: Vendor, state: JobState, nativeState: string) =>
  makeJob({
    id: vendor === 'mcrit' ? MCRIT_ID : `${vendor}-1`,
    source: vendor,
    vendor,
    state,
    nativeState,
    raw: vendor === 'alteryx' ? { status: nativeState.split('/')[0] } : {},
  });

describe('what an action does to a job in its state now', () => {
  it.each<[Vendor, JobState, string, ActionKind, string, 'yes-no' | 'typed']>([
    ['alteryx', 'running', 'Running', 'cancel', 'running → cancelled', 'yes-no'],
    ['alteryx', 'queued', 'Queued', 'cancel', 'queued → deleted', 'typed'],
    ['osapi', 'failed', 'failed', 'retry', 'failed → retried as a new job', 'yes-no'],
    ['osapi', 'failed', 'failed', 'delete', 'failed → deleted', 'typed'],
    ['osapi', 'running', 'processing', 'delete', 'running → deleted', 'typed'],
    ['mcrit', 'succeeded', 'finished', 'delete', 'succeeded → deleted', 'typed'],
    ['mcrit', 'queued', 'queued', 'delete', 'queued → deleted', 'typed'],
  ])('%s %s (%s) %s: %s, confirmed %s', (vendor, state, native, kind, transition, confirmation) => {
    const verdict = judgeAction(policySource(vendor), job(vendor, state, native), kind);
    expect(verdict).toMatchObject({
      ok: true,
      transition,
      confirmation,
      effect: transition.includes('deleted') ? 'deleted' : kind === 'retry' ? 'retried' : 'cancelled',
    });
  });

  it.each<[Vendor, JobState, string, ActionKind, RegExp, string]>([
    [
      'alteryx',
      'succeeded',
      'Completed/Success',
      'cancel',
      /only Queued or Running jobs can be cancelled/,
      'succeeded → nothing to do, skipped',
    ],
    ['alteryx', 'queued', 'Created', 'cancel', /this one is Created/, 'queued → nothing to do, skipped'],
    [
      'osapi',
      'running',
      'processing',
      'retry',
      /only failed, partially failed or skipped jobs are retried/,
      'running → nothing to do, skipped',
    ],
    ['osapi', 'failed', 'failed', 'cancel', /^OSAPI's API has no cancel — it offers Delete, Retry$/, 'skipped'],
    ['vectara', 'running', 'running', 'cancel', /^Vectara's API has no cancel$/, 'skipped'],
    ['vectorcharts', 'failed', 'failed', 'retry', /^VectorCharts' API has no retry$/, 'skipped'],
    ['mcrit', 'running', 'running', 'cancel', /^MCRIT's API has no cancel — it offers Delete$/, 'skipped'],
  ])('%s %s (%s) %s is refused: %s', (vendor, state, native, kind, reason, transition) => {
    const verdict = judgeAction(policySource(vendor), job(vendor, state, native), kind);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toMatch(reason);
    expect(verdict.transition).toBe(transition);
  });

  it('refuses everything on a read-only source first, before its capabilities or the job', () => {
    for (const vendor of ['alteryx', 'osapi', 'mcrit'] as const) {
      expect(judgeAction(policySource(vendor, true), job(vendor, 'running', 'Running'), 'cancel')).toMatchObject({
        ok: false,
        sourceWide: true,
        reason: `${vendor} is read-only: actions are off and nothing is sent`,
      });
    }
    expect(sourceRefusal(policySource('osapi'), 'delete', { readonly: true })).toBe(
      'osapi is read-only: actions are off and nothing is sent',
    );
  });

  it('names the way to the other actions in the words of each caller (keys in the monitor, commands in the CLI)', () => {
    expect(noActionReason(policySource('osapi'), 'cancel', (kind) => `jobtop ${kind}`)).toBe(
      "OSAPI's API has no cancel — it offers Delete (jobtop delete), Retry (jobtop retry)",
    );
    expect(
      noActionReason(policySource('osapi'), 'cancel', (kind) => ({ delete: 'D', retry: 'R', cancel: 'c' })[kind]),
    ).toBe("OSAPI's API has no cancel — it offers Delete (D), Retry (R)");
  });

  it('says a job that vanished is skipped, not sent', () => {
    expect(judgeAction(policySource('osapi'), null, 'delete')).toMatchObject({
      ok: false,
      reason: 'no longer listed',
      transition: 'gone → nothing to do, skipped',
    });
  });
});
