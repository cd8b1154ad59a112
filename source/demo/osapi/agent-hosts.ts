/** The demo fleet's agents and how a job's target (`_any`, `_all`, `group:…`, a hostname) resolves to them. */
import { pick } from '../kit.js';
import type { Random } from './random-draws.js';

/** An enrolled agent and its OS family (FreeBSD agents skip Linux-only operations). */
export interface HostSpec {
  name: string;
  osFamily: 'debian' | 'rhel' | 'freebsd';
}

/** The agents of the demo fleet; `web-04` is enrolled but offline, so jobs targeted at it never start. */
export const OSAPI_DEMO_HOSTS: readonly HostSpec[] = [
  { name: 'web-01', osFamily: 'debian' },
  { name: 'web-02', osFamily: 'debian' },
  { name: 'web-03', osFamily: 'debian' },
  { name: 'db-01', osFamily: 'rhel' },
  { name: 'db-02', osFamily: 'rhel' },
  { name: 'cache-01', osFamily: 'debian' },
  { name: 'worker-01', osFamily: 'rhel' },
  { name: 'worker-02', osFamily: 'rhel' },
  { name: 'bsd-01', osFamily: 'freebsd' },
];
const OFFLINE_HOST = 'web-04';
const GROUPS: Record<string, string[]> = {
  web: ['web-01', 'web-02', 'web-03'],
  db: ['db-01', 'db-02'],
  worker: ['worker-01', 'worker-02'],
};

/** The target an operator gives a new job: mostly `_any`, sometimes a broadcast, a group or one host. */
export function pickTarget(random: Random): string {
  const roll = random();
  if (roll < 0.65) return '_any';
  if (roll < 0.77) return '_all';
  if (roll < 0.85) return 'group:web';
  if (roll < 0.89) return 'group:db';
  if (roll < 0.97) return pick(random, OSAPI_DEMO_HOSTS).name;
  return OFFLINE_HOST;
}

/** The online agents that pick a job up for a target (`_any` → one of them). */
export function resolveTarget(target: string, random: Random): string[] {
  if (target === '_any') return [pick(random, OSAPI_DEMO_HOSTS).name];
  if (target === '_all') return OSAPI_DEMO_HOSTS.map((host) => host.name);
  if (target.startsWith('group:')) return GROUPS[target.slice(6)] ?? [];
  return onlineHost(target) ? [target] : [];
}

/** The retry body's `valid_target` check: a routing keyword, a non-empty group, or an enrolled agent. */
export function isValidTarget(target: string): boolean {
  return (
    target === '_any' ||
    target === '_all' ||
    target === OFFLINE_HOST ||
    (target.startsWith('group:') && target.length > 6) ||
    onlineHost(target) !== undefined
  );
}

/** The OS family an agent reports (unknown hosts count as Debian). */
export function osFamilyOf(hostname: string): HostSpec['osFamily'] {
  return onlineHost(hostname)?.osFamily ?? 'debian';
}

function onlineHost(hostname: string): HostSpec | undefined {
  return OSAPI_DEMO_HOSTS.find((host) => host.name === hostname);
}
