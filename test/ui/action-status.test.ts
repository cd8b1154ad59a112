import { afterAll, describe, expect, it } from 'vitest';
import { createSource } from '../../source/adapters/registry.js';
import type { PendingAction } from '../../source/store/types.js';
import { busyReason, rowAction } from '../../source/ui/action-status.js';
import { confirmTextFor, noActionReason, planAction } from '../../source/ui/action-plan.js';
import { createNavigationState } from '../../source/ui/navigation.js';
import type { ActionTarget } from '../../source/ui/navigation-state.js';
import { fleetOf } from '../helpers/fake-store.js';
import { makeCapabilities, makeJob, makeSource, T0 } from '../helpers/jobs.js';

const osapiAdapter = createSource({ type: 'osapi', name: 'osapi', url: 'http://127.0.0.1:9', token: 'token' });
afterAll(() => osapiAdapter.close());

const job = makeJob({ id: 'j1', source: 'osapi', state: 'running' });
const action = (patch: Partial<PendingAction>): PendingAction => ({
  id: 1,
  kind: 'cancel',
  jobKey: 'osapi/j1',
  status: 'requested',
  stateAtRequest: 'running',
  jobType: 'node.exec',
  at: T0,
  ...patch,
});
const fleetWith = (jobs: ReturnType<typeof makeJob>[], actions: PendingAction[]) => ({ jobs, actions });

describe('what a row shows for its newest action', () => {
  it.each<[string, PendingAction, ReturnType<typeof makeJob>[], number, string | null]>([
    ['in flight', action({}), [job], T0, '⋯ cancelling'],
    [
      'done, the list still shows the old state',
      action({ status: 'done', outcome: { kind: 'cancel', effect: 'cancelled', message: 'ok' } }),
      [job],
      T0,
      '✔ cancelled',
    ],
    [
      'done, a queued Alteryx job deleted by its cancel',
      action({ status: 'done', outcome: { kind: 'cancel', effect: 'deleted', message: 'ok' } }),
      [job],
      T0,
      '✔ deleted',
    ],
    [
      'done and confirmed: the state changed',
      action({ status: 'done', outcome: { kind: 'cancel', effect: 'cancelled', message: 'ok' } }),
      [{ ...job, state: 'cancelled' }],
      T0,
      null,
    ],
    [
      'done and confirmed: the job vanished',
      action({ kind: 'delete', status: 'done', outcome: { kind: 'delete', effect: 'deleted', message: 'ok' } }),
      [],
      T0,
      null,
    ],
    [
      'failed a moment ago',
      action({ status: 'failed', error: 'HTTP 400', settledAt: T0 - 1_000 }),
      [job],
      T0,
      '✖ cancel err',
    ],
    ['failed long ago', action({ status: 'failed', error: 'HTTP 400', settledAt: T0 - 60_000 }), [job], T0, null],
    [
      'a retry, its new job not listed yet',
      action({
        kind: 'retry',
        status: 'done',
        outcome: { kind: 'retry', effect: 'retried', message: 'ok', newJobId: 'j2' },
      }),
      [job],
      T0,
      '✔ retried',
    ],
    [
      'a retry, its new job listed',
      action({
        kind: 'retry',
        status: 'done',
        outcome: { kind: 'retry', effect: 'retried', message: 'ok', newJobId: 'j2' },
      }),
      [job, makeJob({ id: 'j2', source: 'osapi' })],
      T0,
      null,
    ],
  ])('%s', (_name, pending, jobs, now, expected) =>
    expect(rowAction(fleetWith(jobs, [pending]), 'osapi/j1', now)?.text ?? null).toBe(expected),
  );

  it('fits every label in the 12-cell state column', () => {
    for (const kind of ['cancel', 'delete', 'retry'] as const) {
      for (const status of ['requested', 'failed'] as const)
        expect(
          [...(rowAction(fleetWith([job], [action({ kind, status, settledAt: T0 })]), 'osapi/j1', T0)?.text ?? '')]
            .length,
        ).toBeLessThanOrEqual(12);
    }
  });
});

describe('an action that must not be asked again yet', () => {
  const state = (actions: PendingAction[]) => ({
    ...createNavigationState(fleetOf([makeSource('osapi', [job])], { actions }), { columns: 100, rows: 30 }),
  });

  it('is busy while in flight and while done but unconfirmed, free once failed or confirmed', () => {
    expect(busyReason(state([action({})]), 'osapi/j1', 'cancel')).toContain('already in flight');
    expect(busyReason(state([action({ status: 'done' })]), 'osapi/j1', 'cancel')).toContain(
      'waiting for the next refresh',
    );
    expect(busyReason(state([action({ status: 'failed', settledAt: T0 })]), 'osapi/j1', 'cancel')).toBeNull();
    expect(busyReason(state([action({ status: 'done' })]), 'osapi/j1', 'delete')).toBeNull();
  });

  it('is busy between sending and the store reporting it', () => {
    const sent = {
      ...state([]),
      submissions: [
        {
          id: 1,
          kind: 'cancel' as const,
          label: 'Cancel',
          bulk: false,
          keys: ['osapi/j1'],
          skipped: [],
          afterActionId: 0,
          settled: false,
          selectKey: null,
        },
      ],
    };
    expect(busyReason(sent, 'osapi/j1', 'cancel')).toContain('was just sent');
  });
});

describe('planning an action', () => {
  const target = (id: string): ActionTarget => {
    const job = makeJob({ id, source: 's', state: 'failed' });
    return {
      key: `s/${id}`,
      source: 's',
      vendor: 'osapi',
      id,
      type: 't',
      state: 'failed',
      nativeState: 'failed',
      consequence: 'x',
      deletes: true,
      effect: 'deleted',
      transition: 'failed → deleted',
      wasState: null,
      listedState: 'failed',
      job,
    };
  };
  const listed = (...ids: string[]) => ids.map((id) => makeJob({ id, source: 's' }));

  it.each<[string, ActionTarget[], ReturnType<typeof listed>, string]>([
    [
      'the last 4 characters of one id when they are unique',
      [target('5f1c2a3b')],
      listed('5f1c2a3b', '5f1c9999'),
      '2a3b',
    ],
    [
      'a longer suffix when ids share their end',
      [target('6b14aa0001')],
      listed('6b14aa0001', '6b14bb0001', '6b14cc0002'),
      'a0001',
    ],
    ['a short id in full', [target('42')], listed('42'), '42'],
    ['"<action> 1" for an id that cannot be typed', [target('ジョブ番号')], listed('ジョブ番号'), 'delete 1'],
    ['"<action> N" for several jobs', [target('aaaa1'), target('bbbb2')], listed('aaaa1', 'bbbb2'), 'delete 2'],
  ])('asks for %s', (_name, targets, jobs, expected) => expect(confirmTextFor('delete', targets, jobs)).toBe(expected));

  it('names the vendor in possessive form and what it offers instead', () => {
    expect(noActionReason({ vendor: 'vectorcharts', capabilities: makeCapabilities() }, 'cancel')).toBe(
      "VectorCharts' API has no cancel",
    );
    expect(noActionReason({ vendor: 'osapi', capabilities: osapiAdapter.capabilities }, 'cancel')).toBe(
      "OSAPI's API has no cancel — it offers Delete (D), Retry (R)",
    );
  });

  it('splits marked jobs into targets and skipped jobs with their reasons', () => {
    const failed = makeJob({ id: 'f1', source: 'osapi', state: 'failed', nativeState: 'failed' });
    const running = makeJob({ id: 'r1', source: 'osapi', state: 'running', nativeState: 'processing' });
    const other = makeJob({ id: 'v1', source: 'vectara', state: 'failed' });
    const state = createNavigationState(
      fleetOf([
        makeSource('osapi', [failed, running], { capabilities: osapiAdapter.capabilities }),
        makeSource('vectara', [other]),
      ]),
      { columns: 100, rows: 30 },
    );
    const plan = planAction(state, 'retry', ['osapi/f1', 'osapi/r1', 'vectara/v1', 'osapi/gone'], true);
    if (!('dialog' in plan)) throw new Error(plan.refusal);
    expect(plan.dialog.targets.map((item) => item.key)).toEqual(['osapi/f1']);
    expect(plan.dialog.confirmText).toBeNull();
    expect(plan.dialog.skipped).toEqual([
      {
        key: 'osapi/r1',
        reason: 'only failed, partially failed or skipped jobs are retried; this one is processing',
        transition: 'running → nothing to do, skipped',
      },
      { key: 'vectara/v1', reason: "Vectara's API has no retry", transition: 'skipped' },
      { key: 'osapi/gone', reason: 'no longer listed', transition: 'gone → nothing to do, skipped' },
    ]);
  });
});
