/**
 * What the fault tests share: demo fleets on loopback with a frozen clock (so the jobs do not
 * move under the assertions), real adapters built through the config layer, a store watcher
 * that records every snapshot and the exact delay of each scheduled poll, and a recorder of
 * unhandled rejections.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { JobSource } from '../../source/adapters/contract.js';
import { createSource } from '../../source/adapters/registry.js';
import { parseConfigText } from '../../source/config/load-config.js';
import type { Vendor } from '../../source/domain/job.js';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import type { FleetStore } from '../../source/store/fleet-store.js';
import type { FleetSnapshot } from '../../source/store/types.js';
import type { DemoRequest } from '../../source/demo/kit.js';
import { pathWithQuery, startStubServer, type StubAnswer } from '../helpers/stub-server.js';

/** The demo clock of every fault test: nothing arrives or moves while a test runs. */
export const FROZEN_CLOCK = 1_790_000_000_000;

/** Starts a demo fleet that holds still (frozen clock, no ticking), with no fault whatever the environment says. */
export async function startStillFleet(
  options: { vendors?: readonly Vendor[]; seed?: number } = {},
): Promise<DemoFleet> {
  const fleet = await startDemoFleet({
    now: () => FROZEN_CLOCK,
    tickMs: 0,
    seed: options.seed ?? 42,
    vendors: options.vendors,
  });
  for (const server of Object.values(fleet.servers)) {
    await server.setFault(null);
    server.setHostile(false);
  }
  return fleet;
}

/** The fleet's config entries, renamed `<prefix>-<vendor>` (`<prefix>-legacy-vectorcharts` for the legacy server). */
export function renamed(fleet: DemoFleet, prefix: string): Record<string, unknown>[] {
  return fleet.sources.map((source) => ({ ...source, name: String(source.name).replace(/^demo-/, `${prefix}-`) }));
}

/** The renamed sources' names and vendors, in fleet order (every vendor, then the legacy VectorCharts server). */
export function renamedSources(fleet: DemoFleet, prefix: string): { name: string; vendor: Vendor }[] {
  return renamed(fleet, prefix).map((source) => ({ name: String(source.name), vendor: source.type as Vendor }));
}

/**
 * Builds real adapters for config entries through the config layer, with global settings
 * (`timeout: 1s`, …). `oneShot`: as `jobtop list` does, Alteryx looks up every disposition in one poll.
 */
export function buildSources(
  entries: Record<string, unknown>[],
  settings: Record<string, unknown> = {},
  options: { oneShot?: boolean } = {},
): JobSource[] {
  const config = parseConfigText(stringify({ ...settings, sources: entries }), '(fault test)', {});
  for (const source of config.sources)
    if (options.oneShot && source.spec.type === 'alteryx') source.spec.enrichPerPoll = source.spec.limit;
  return config.sources.map((source) => createSource(source.spec));
}

/** Writes a config file (mode 0600) and returns its path. */
export function writeConfig(content: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jobtop-faults-')), 'config.yaml');
  writeFileSync(path, stringify(content), { mode: 0o600 });
  return path;
}

/** A store's history: every snapshot, and per source the exact delay of every poll it scheduled. */
export interface StoreWatch {
  snapshots: FleetSnapshot[];
  /** Source name → every scheduled delay (ms) with the consecutive failures it was scheduled after. */
  delays: Map<string, { failures: number; delayMs: number }[]>;
  /** The delays scheduled after failure 1, 2, 3… of a source. */
  failureDelays(name: string): number[];
  /** Resolves once `predicate` holds for the latest snapshot; rejects after `limitMs` naming `what` (a diagnostic, not a timing assertion). */
  until(what: string, predicate: (snapshot: FleetSnapshot) => boolean, limitMs?: number): Promise<FleetSnapshot>;
  dispose(): void;
}

/**
 * Watches a store. A publish whose `nextPollAt` changed for a
 * source carries the delay the store scheduled for it (`nextPollDelayMs`).
 */
export function watchStore(store: FleetStore): StoreWatch {
  const snapshots: FleetSnapshot[] = [store.getSnapshot()];
  const delays = new Map<string, { failures: number; delayMs: number }[]>();
  const lastNextPoll = new Map<string, number | null>();
  const waiters = new Set<() => void>();
  const unsubscribe = store.subscribe(() => {
    const snapshot = store.getSnapshot();
    snapshots.push(snapshot);
    for (const source of snapshot.sources) {
      if (source.nextPollAt !== null && source.nextPollAt !== lastNextPoll.get(source.name)) {
        const list = delays.get(source.name) ?? [];
        list.push({ failures: source.consecutiveFailures, delayMs: source.nextPollDelayMs ?? Number.NaN });
        delays.set(source.name, list);
      }
      lastNextPoll.set(source.name, source.nextPollAt);
    }
    for (const wake of [...waiters]) wake();
  });
  return {
    snapshots,
    delays,
    failureDelays: (name) =>
      (delays.get(name) ?? []).filter((entry) => entry.failures > 0).map((entry) => entry.delayMs),
    until(what, predicate, limitMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const latest = store.getSnapshot();
          if (!predicate(latest)) return;
          cleanup();
          resolve(latest);
        };
        const timer = setTimeout(() => {
          cleanup();
          const states = store
            .getSnapshot()
            .sources.map((s) => `${s.name}: ${s.status} ×${s.consecutiveFailures} ${s.error?.short ?? ''}`);
          reject(new Error(`never saw ${what}; sources: ${states.join('; ')}`));
        }, limitMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    dispose: unsubscribe,
  };
}

/** A clock for the store that remembers its last reading. */
export function recordingClock(): { now: () => number; last: number } {
  const clock = {
    last: 0,
    now: () => {
      clock.last = Date.now();
      return clock.last;
    },
  };
  return clock;
}

/** Collects unhandled rejections and uncaught exceptions while installed. */
export function recordUnhandled(): { errors: unknown[]; dispose(): void } {
  const errors: unknown[] = [];
  const onError = (error: unknown) => errors.push(error);
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
  return {
    errors,
    dispose() {
      process.off('unhandledRejection', onError);
      process.off('uncaughtException', onError);
    },
  };
}

/** A request the fault proxy lets through to the demo server, or answers itself. */
export type ProxyIntercept = (request: DemoRequest) => StubAnswer | null | Promise<StubAnswer | null>;

/**
 * A real proxy on 127.0.0.1 in front of one demo server: each request goes to `intercept`
 * first, which may answer it (a per-job 500, a hold) or return null to pass it to the server
 * untouched. Returns the proxied base url (the demo url's path on the proxy's port).
 */
export async function startFaultProxy(
  upstreamUrl: string,
  intercept: ProxyIntercept,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(upstreamUrl);
  const proxy = await startStubServer(async (request) => {
    const answer = await intercept(request);
    if (answer) return answer;
    const response = await fetch(`${upstream.origin}${pathWithQuery(request)}`, {
      method: request.method,
      headers: Object.fromEntries(
        Object.entries(request.headers).filter(
          ([key, value]) => typeof value === 'string' && !['host', 'content-length', 'connection'].includes(key),
        ),
      ) as Record<string, string>,
      body: request.method === 'GET' ? undefined : request.body,
    });
    return {
      status: response.status,
      text: await response.text(),
      contentType: response.headers.get('content-type') ?? 'application/json',
    };
  });
  return { url: `${proxy.url}${upstream.pathname}`.replace(/\/$/, ''), close: () => proxy.close() };
}

/** True for Alteryx's per-job detail request, `GET /v3/jobs/{id}` (what the disposition look-ups ask). */
export function isAlteryxDetail(request: DemoRequest): boolean {
  return request.method === 'GET' && /\/v3\/jobs\/[^/]+$/.test(request.path);
}
