/**
 * Actions end to end in process: the real store over the real adapters against the demo
 * fleet's simulators on loopback HTTP. The oracle is each server's request log: exactly which
 * requests reached it (method, path, credentials), once, and none in read-only mode.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSource, type SourceSpec } from '../../source/adapters/registry.js';
import { SourceError } from '../../source/adapters/errors.js';
import type { ActionKind, JobSource } from '../../source/adapters/contract.js';
import type { Job } from '../../source/domain/job.js';
import { createFleetStore, type FleetStore } from '../../source/store/fleet-store.js';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import type { AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import { ALTERYX_DEMO_USER, ALTERYX_PROTECTED_OWNER, type AlteryxJobSeed } from '../../source/demo/alteryx-server.js';
import { signOsapiDemoToken, type OsapiSimulator } from '../../source/demo/osapi-server.js';
import { MCRIT_DEMO_TOKEN } from '../../source/demo/mcrit-server.js';
import type { RecordedRequest } from '../../source/demo/kit.js';
import { App } from '../../source/ui/app.js';
import { KEYS, renderAt, waitFor, type Rendered } from '../helpers/render.js';

let fleet: DemoFleet;
let sources: JobSource[] = [];
let store: FleetStore | undefined;
let rendered: Rendered | undefined;

beforeEach(async () => {
  fleet = await startDemoFleet({ vendors: ['osapi', 'mcrit', 'alteryx'], tickMs: 0, arrivals: false });
});
afterEach(async () => {
  rendered?.unmount();
  rendered = undefined;
  store?.stop();
  store = undefined;
  await Promise.all(sources.map((source) => source.close()));
  sources = [];
  await fleet.close();
});

const spec = (vendor: 'osapi' | 'mcrit' | 'alteryx', patch: Record<string, unknown> = {}) =>
  ({ ...fleet.sources.find((entry) => entry.type === vendor), ...patch }) as unknown as SourceSpec;

/** A started store over the given config entries (store-level read-only separate from the adapter's). */
async function open(entries: { spec: SourceSpec; readonly?: boolean }[]): Promise<FleetStore> {
  sources = entries.map((entry) => createSource(entry.spec));
  store = createFleetStore(
    entries.map((entry, index) => ({ source: sources[index], readonly: entry.readonly })),
    { intervalMs: 60_000 },
  );
  store.start();
  await store.firstRound();
  return store;
}

/** Requests that could change something: everything but reads and token requests. */
const mutating = (requests: readonly RecordedRequest[]) =>
  requests
    .filter((request) => request.method !== 'GET' && !request.path.endsWith('/oauth2/token'))
    .map((request) => ({
      method: request.method,
      path: request.path,
      auth: request.headers.authorization ?? request.headers.apitoken,
    }));

const alteryxSim = () => fleet.servers.alteryx.simulator as AlteryxSimulator;
/** A job of the demo user (jobs of the protected run-as account refuse the cancel). */
const injectAlteryx = (seed: AlteryxJobSeed) => alteryxSim().inject({ submittedBy: ALTERYX_DEMO_USER, ...seed });
const osapiSim = () => fleet.servers.osapi.simulator as OsapiSimulator;

/** Refreshes until the store lists `key`. */
async function listed(current: FleetStore, key: string): Promise<Job> {
  current.refreshNow();
  return (await waitFor(() => current.findJob(key), { describe: () => `${key} never listed` })) as Job;
}

/** The bearer token the Alteryx adapter used for its reads. */
const alteryxBearer = () =>
  fleet.servers.alteryx.requests.find((request) => request.path === '/webapi/v3/jobs')?.headers.authorization;

describe('Alteryx cancel', () => {
  it('cancels a running job with one DELETE carrying the bearer token, and the refresh shows it cancelled', async () => {
    const current = await open([{ spec: spec('alteryx') }]);
    const job = injectAlteryx({ status: 'Running', runMs: 3_600_000 });
    const key = `demo-alteryx/${job.id}`;
    expect((await listed(current, key)).state).toBe('running');
    const bearer = alteryxBearer();
    expect(bearer).toMatch(/^Bearer \S+$/);
    fleet.servers.alteryx.clearRequests();
    const [result] = await current.runAction('cancel', [key]);
    expect(result).toMatchObject({
      status: 'done',
      stateAtRequest: 'running',
      outcome: { effect: 'cancelled', message: 'Cancelled Successfully.' },
    });
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([
      { method: 'DELETE', path: `/webapi/v3/jobs/${job.id}`, auth: bearer },
    ]);
    await waitFor(() => current.findJob(key)?.state === 'cancelled');
  });

  it('reports a queued job as deleted (not cancelled), and the refresh no longer lists it', async () => {
    const current = await open([{ spec: spec('alteryx') }]);
    const job = injectAlteryx({ status: 'Queued' });
    const key = `demo-alteryx/${job.id}`;
    await listed(current, key);
    const bearer = alteryxBearer();
    fleet.servers.alteryx.clearRequests();
    const [result] = await current.runAction('cancel', [key]);
    expect(result).toMatchObject({
      status: 'done',
      stateAtRequest: 'queued',
      outcome: { effect: 'deleted', message: 'Deleted Successfully.' },
    });
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([
      { method: 'DELETE', path: `/webapi/v3/jobs/${job.id}`, auth: bearer },
    ]);
    await waitFor(() => current.findJob(key) === undefined);
  });

  it("shows the server's 400 when the job completed before the cancel arrived, and sends it only once", async () => {
    const current = await open([{ spec: spec('alteryx') }]);
    const job = injectAlteryx({ status: 'Running', runMs: 60_000 });
    const key = `demo-alteryx/${job.id}`;
    await listed(current, key);
    fleet.tick(Date.now() + 3_600_000); // the job finishes on the server; the store still shows it running
    fleet.servers.alteryx.clearRequests();
    const [result] = await current.runAction('cancel', [key]);
    expect(result.status).toBe('failed');
    expect(result.error).toBe(
      `demo-alteryx: cancel refused (HTTP 400): This job is not in 'Queued' or 'Running' state. (DELETE /webapi/v3/jobs/${job.id})`,
    );
    expect(mutating(fleet.servers.alteryx.requests)).toHaveLength(1);
  });

  it("shows the server's permission refusal for a job of a protected run-as account", async () => {
    const current = await open([{ spec: spec('alteryx') }]);
    const job = injectAlteryx({ status: 'Running', runMs: 3_600_000, submittedBy: ALTERYX_PROTECTED_OWNER });
    const key = `demo-alteryx/${job.id}`;
    await listed(current, key);
    fleet.servers.alteryx.clearRequests();
    const [result] = await current.runAction('cancel', [key]);
    expect(result).toMatchObject({ status: 'failed' });
    expect(result.error).toContain('You do not have permission to cancel this job.');
    expect(mutating(fleet.servers.alteryx.requests)).toHaveLength(1);
  });
});

describe('OSAPI delete and retry', () => {
  const failedJob = () => osapiSim().inject({ agents: [{ host: 'web-01', outcome: 'failed', error: 'disk full' }] });

  it('deletes with one DELETE and retries with one POST, with the configured token; the retry names and lists the new job', async () => {
    const current = await open([{ spec: spec('osapi') }]);
    const token = `Bearer ${(spec('osapi') as { token?: string }).token}`;
    expect(token).toMatch(/^Bearer ey/);
    const retried = failedJob();
    const deleted = failedJob();
    await listed(current, `demo-osapi/${retried}`);
    await listed(current, `demo-osapi/${deleted}`);
    fleet.servers.osapi.clearRequests();
    const [retry] = await current.runAction('retry', [`demo-osapi/${retried}`]);
    const [remove] = await current.runAction('delete', [`demo-osapi/${deleted}`]);
    expect(mutating(fleet.servers.osapi.requests)).toEqual([
      { method: 'POST', path: `/api/job/${retried}/retry`, auth: token },
      { method: 'DELETE', path: `/api/job/${deleted}`, auth: token },
    ]);
    expect(remove).toMatchObject({
      status: 'done',
      outcome: { effect: 'deleted', message: `OSAPI forgot job ${deleted}; agents already working on it keep working` },
    });
    expect(retry.status).toBe('done');
    const newId = retry.outcome?.newJobId as string;
    expect(osapiSim().statusOf(newId)).toBeDefined();
    expect(retry.outcome?.message).toMatch(new RegExp(`^Retried as job ${newId} \\(status created, revision \\d+\\)$`));
    await waitFor(
      () =>
        current.findJob(`demo-osapi/${newId}`) !== undefined && current.findJob(`demo-osapi/${deleted}`) === undefined,
    );
  });

  it("shows the server's 403 for a token without job:write, one request per action", async () => {
    const readToken = signOsapiDemoToken({ roles: ['read'] });
    const current = await open([{ spec: spec('osapi', { token: readToken }) }]);
    const id = failedJob();
    const key = `demo-osapi/${id}`;
    await listed(current, key);
    fleet.servers.osapi.clearRequests();
    const [remove] = await current.runAction('delete', [key]);
    const [retry] = await current.runAction('retry', [key]);
    for (const result of [remove, retry]) {
      expect(result.status).toBe('failed');
      expect(result.error).toMatch(
        /^demo-osapi: 403 forbidden: Insufficient permissions\. Required: \[job:write\], resolved: /,
      );
    }
    expect(mutating(fleet.servers.osapi.requests)).toEqual([
      { method: 'DELETE', path: `/api/job/${id}`, auth: `Bearer ${readToken}` },
      { method: 'POST', path: `/api/job/${id}/retry`, auth: `Bearer ${readToken}` },
    ]);
    expect(osapiSim().statusOf(id)).toBe('failed');
  });
});

describe('MCRIT delete', () => {
  it('sends one DELETE /jobs/{id} with the apitoken header and reports what MCRIT removed', async () => {
    const current = await open([{ spec: spec('mcrit') }]);
    const job = current.getSnapshot().jobs.find((candidate) => candidate.state === 'succeeded')!;
    fleet.servers.mcrit.clearRequests();
    const [result] = await current.runAction('delete', [job.key]);
    expect(result).toMatchObject({
      status: 'done',
      outcome: { effect: 'deleted', message: 'MCRIT deleted the job and its result (num_deleted: 1)' },
    });
    expect(mutating(fleet.servers.mcrit.requests)).toEqual([
      { method: 'DELETE', path: `/jobs/${job.id}`, auth: MCRIT_DEMO_TOKEN },
    ]);
    await waitFor(() => current.findJob(job.key) === undefined);
  });
});

describe('read-only', () => {
  const actionsOf: [string, ActionKind][] = [
    ['alteryx', 'cancel'],
    ['osapi', 'delete'],
    ['osapi', 'retry'],
    ['mcrit', 'delete'],
  ];

  it('--readonly (every source read-only, store and adapters): no action sends anything', async () => {
    const vendors = ['osapi', 'mcrit', 'alteryx'] as const;
    const current = await open(vendors.map((vendor) => ({ spec: spec(vendor, { readonly: true }), readonly: true })));
    const running = injectAlteryx({ status: 'Running', runMs: 3_600_000 });
    const failed = osapiSim().inject({ agents: [{ host: 'web-01', outcome: 'failed' }] });
    await listed(current, `demo-alteryx/${running.id}`);
    await listed(current, `demo-osapi/${failed}`);
    const mcritJob = current.getSnapshot().jobs.find((job) => job.vendor === 'mcrit')!;
    const keys: Record<string, string> = {
      alteryx: `demo-alteryx/${running.id}`,
      osapi: `demo-osapi/${failed}`,
      mcrit: mcritJob.key,
    };
    for (const [vendor, kind] of actionsOf) {
      const [result] = await current.runAction(kind, [keys[vendor]]);
      expect(result).toMatchObject({
        status: 'failed',
        error: `demo-${vendor} is read-only: actions are off and nothing is sent`,
      });
    }
    for (const vendor of vendors) expect(mutating(fleet.servers[vendor].requests)).toEqual([]);
  });

  it('the HTTP layer refuses a mutating request even when the UI and the store are bypassed', async () => {
    const vendors = ['osapi', 'mcrit', 'alteryx'] as const;
    const current = await open(vendors.map((vendor) => ({ spec: spec(vendor, { readonly: true }) })));
    const running = injectAlteryx({ status: 'Running', runMs: 3_600_000 });
    const failed = osapiSim().inject({ agents: [{ host: 'web-01', outcome: 'failed' }] });
    const jobs = {
      alteryx: await listed(current, `demo-alteryx/${running.id}`),
      osapi: await listed(current, `demo-osapi/${failed}`),
      mcrit: current.getSnapshot().jobs.find((job) => job.vendor === 'mcrit')!,
    };
    for (const [vendor, kind] of actionsOf) {
      const source = sources[vendors.indexOf(vendor as (typeof vendors)[number])];
      const error = await source.act(kind, jobs[vendor as keyof typeof jobs]).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error, `${vendor} ${kind}`).toBeInstanceOf(SourceError);
      expect((error as SourceError).kind).toBe('readonly');
    }
    for (const vendor of vendors) expect(mutating(fleet.servers[vendor].requests)).toEqual([]);
  });

  it('a per-source readonly: true refuses that source only', async () => {
    const current = await open([
      { spec: spec('osapi', { readonly: true }), readonly: true },
      { spec: spec('alteryx') },
    ]);
    const failed = osapiSim().inject({ agents: [{ host: 'web-01', outcome: 'failed' }] });
    const running = injectAlteryx({ status: 'Running', runMs: 3_600_000 });
    await listed(current, `demo-osapi/${failed}`);
    await listed(current, `demo-alteryx/${running.id}`);
    const [refused] = await current.runAction('delete', [`demo-osapi/${failed}`]);
    const [cancelled] = await current.runAction('cancel', [`demo-alteryx/${running.id}`]);
    expect(refused).toMatchObject({
      status: 'failed',
      error: 'demo-osapi is read-only: actions are off and nothing is sent',
    });
    expect(cancelled).toMatchObject({ status: 'done', outcome: { effect: 'cancelled' } });
    expect(mutating(fleet.servers.osapi.requests)).toEqual([]);
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([
      { method: 'DELETE', path: `/webapi/v3/jobs/${running.id}`, auth: alteryxBearer() },
    ]);
  });
});

describe('the App over the real store', () => {
  async function selectJob(view: Rendered, id: string) {
    await view.press('/');
    await view.type(id);
    await view.press(KEYS.enter);
    await view.waitFor((frame) =>
      frame.split('\n').some((line) => line.startsWith('›') && line.includes(id.slice(-5))),
    );
  }

  it('c, y on a running Alteryx job sends one DELETE and the row becomes cancelled', async () => {
    const current = await open([{ spec: spec('alteryx') }]);
    const job = injectAlteryx({ status: 'Running', runMs: 3_600_000 });
    await listed(current, `demo-alteryx/${job.id}`);
    rendered = await renderAt(<App store={current} onExit={() => undefined} write={() => undefined} />, {
      columns: 120,
      rows: 30,
    });
    await selectJob(rendered, job.id);
    const bearer = alteryxBearer();
    fleet.servers.alteryx.clearRequests();
    await rendered.press('c');
    await rendered.waitFor('Cancel this job?');
    await rendered.press('y', 'y');
    // why: demo Alteryx ids start with the creation time in hex seconds, so no literal prefix is stable
    await rendered.waitFor(`✔ Cancel demo-alteryx/${job.id.slice(0, 4)}`);
    await rendered.waitFor((frame) =>
      frame.split('\n').some((line) => line.startsWith('›') && line.includes('⊘ cancelled')),
    );
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([
      { method: 'DELETE', path: `/webapi/v3/jobs/${job.id}`, auth: bearer },
    ]);
  });

  it('in read-only mode c explains and nothing reaches the server', async () => {
    const current = await open([{ spec: spec('alteryx', { readonly: true }), readonly: true }]);
    const job = injectAlteryx({ status: 'Running', runMs: 3_600_000 });
    await listed(current, `demo-alteryx/${job.id}`);
    rendered = await renderAt(<App store={current} readonly onExit={() => undefined} write={() => undefined} />, {
      columns: 120,
      rows: 30,
    });
    await selectJob(rendered, job.id);
    await rendered.press('c');
    const frame = await rendered.waitFor('read-only: actions are off and nothing is sent');
    expect(frame).not.toContain('Cancel this job?');
    await rendered.press('y'); // no dialog to confirm: y only copies the id
    await rendered.waitFor('copied');
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([]);
  });
});
