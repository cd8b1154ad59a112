/**
 * An in-memory OSAPI controller speaking the job API of shared/apis.md §2 (osapi-io/osapi
 * `internal/controller/api/job`, `internal/job/client/jobs.go`, `internal/controller/api/middleware.go`).
 *
 * What it reproduces:
 * - Paths `{prefix}/job`, `{prefix}/job/{id}`, `{prefix}/job/{id}/retry` with prefix `/api` (HEAD) or
 *   `""` (servers before April 2026); unknown routes are Echo's `{"message":"Not Found"}` 404 and
 *   wrong methods its 405. With the `/api` prefix other GET paths answer the embedded web UI (HTML).
 * - Echo binding runs BEFORE auth: a non-integer `limit`/`offset` or a non-UUID id is a 400
 *   `{"message":"Invalid format for parameter …"}` even without a token. Validation runs after auth:
 *   `limit` 0 or 101, negative `offset` or an unknown `status` is a 400 `{"error":"Key: '…' Error:…"}`.
 * - HS256 JWT auth verified with node:crypto (`exp`, `iat`, `nbf`, roles `read|write|admin`,
 *   `permissions` overriding roles) with the middleware's exact 401/403 bodies.
 * - Jobs whose status is derived from per-agent events (submitted → processing → completed |
 *   failed | partial_failure | skipped), broadcasts over several hosts, a FreeBSD agent that skips
 *   unsupported operations, an offline host whose jobs stay submitted, timelines, agent_states with
 *   Go durations, responses, `result` only for single-agent jobs, `changed` null in list items.
 * - `created` at RFC 3339 seconds, agent event times at RFC 3339 nanoseconds (Go's RFC3339Nano).
 * - Every KV key expires after the TTL (1 h): records vanish, and events (hence `status_counts`)
 *   outlive a DELETE until they expire. `status_counts` is `null` when the bucket holds no keys.
 * - DELETE (204) forgets only the record while agents keep working; retry (201) creates a new job on
 *   `_any` agent (or the body's `target_hostname`) and writes `retried` on the original.
 * Deterministic for a given seed and sequence of tick() times; bounded (TTL plus a record cap).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRandom, pick, randomUuid, type DemoRequest, type DemoResponse, type SimulatorOptions, type VendorSimulator } from './kit.js';

/** The HS256 signing key the demo controller verifies tokens with (its `controller.api.signing_key`). */
export const OSAPI_DEMO_SIGNING_KEY = 'jobtop-demo-osapi-signing-key';

/** The `sub` claim of demo tokens. */
export const OSAPI_DEMO_SUBJECT = 'jobtop-demo';

/** The KV bucket TTL (`nats.kv.ttl`, default 1 h): every record and event expires this long after it was written. */
export const OSAPI_JOB_TTL_MS = 3_600_000;

/** How long the token in sourceConfig() stays valid: ten years. */
const DEMO_TOKEN_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

/** Mean time between arriving jobs (an exponential draw). */
const ARRIVAL_MEAN_MS = 10_000;

/** Default lifetime of minted tokens: three months, like `osapi token generate`. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 90 * 24 * 3600;

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/** Claims and signing options of a demo token. */
export interface OsapiTokenOptions {
  /** Built-in roles (`read`, `write`, `admin`); default `['admin']`. */
  roles?: string[];
  /** Direct permissions; when given they override the roles (IdP override). */
  permissions?: string[];
  /** Lifetime from `issuedAt` (default three months). Negative values mint expired tokens. */
  expiresInSeconds?: number;
  signingKey?: string;
  subject?: string;
  /** Epoch ms of `iat` (default Date.now()); pass the simulator's clock in tests. */
  issuedAt?: number;
}

/** Mints an HS256 JWT shaped like `osapi token generate` output (roles, iss, sub, aud, exp, iat). */
export function signOsapiDemoToken(options: OsapiTokenOptions = {}): string {
  const issuedAt = Math.floor((options.issuedAt ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = { roles: options.roles ?? ['admin'] };
  if (options.permissions && options.permissions.length > 0) claims.permissions = options.permissions;
  Object.assign(claims, {
    iss: 'osapi',
    sub: options.subject ?? OSAPI_DEMO_SUBJECT,
    aud: ['https://localhost', 'http://localhost'],
    exp: issuedAt + (options.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS),
    iat: issuedAt,
  });
  const signingInput = `${encodeSegment({ alg: 'HS256', typ: 'JWT' })}.${encodeSegment(claims)}`;
  return `${signingInput}.${hmac('HS256', options.signingKey ?? OSAPI_DEMO_SIGNING_KEY, signingInput).toString('base64url')}`;
}

const HMAC_HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
const OTHER_ALGORITHMS = new Set(['none', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']);
const ROLE_NAMES = new Set(['read', 'write', 'admin']);

/** Built-in role → permissions (internal/authtoken/permissions.go). */
const ROLE_PERMISSIONS: Record<string, string[]> = {
  admin: ['agent:read', 'agent:write', 'node:read', 'network:read', 'network:write', 'job:read', 'job:write', 'health:read', 'audit:read', 'command:execute', 'file:read', 'file:write', 'container:read', 'container:write', 'container:execute'],
  write: ['agent:read', 'node:read', 'network:read', 'network:write', 'job:read', 'job:write', 'health:read', 'file:read', 'file:write', 'container:read', 'container:write'],
  read: ['agent:read', 'node:read', 'network:read', 'job:read', 'health:read', 'file:read', 'container:read'],
};

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function hmac(algorithm: string, key: string, input: string): Buffer {
  return createHmac(HMAC_HASHES[algorithm], key).update(input).digest();
}

type TokenCheck = { ok: true; permissions: Set<string> } | { ok: false; reason: string };

/** Decodes one JWT segment the way golang-jwt v4 does, returning Go's error text on failure. */
function decodeSegment(segment: string): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  const bad = /[^A-Za-z0-9_-]/.exec(segment);
  if (bad) return { ok: false, reason: `illegal base64 data at input byte ${bad.index}` };
  const text = Buffer.from(segment, 'base64url').toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
    return { ok: false, reason: 'json: cannot unmarshal into Go value of type map[string]interface {}' };
  } catch {
    const first = text.trim()[0];
    return { ok: false, reason: first ? `invalid character '${first}' looking for beginning of value` : 'unexpected end of JSON input' };
  }
}

/** golang-jwt v4 `RegisteredClaims.Valid`: exp, then iat, then nbf; the last failure wins. */
function claimsProblem(claims: Record<string, unknown>, nowMs: number): string | null {
  let problem: string | null = null;
  if (typeof claims.exp === 'number' && nowMs >= claims.exp * 1000) problem = `token is expired by ${formatGoDuration((nowMs - claims.exp * 1000) * 1e6)}`;
  if (typeof claims.iat === 'number' && nowMs < claims.iat * 1000) problem = 'token used before issued';
  if (typeof claims.nbf === 'number' && nowMs < claims.nbf * 1000) problem = 'token is not valid yet';
  return problem;
}

/** go-playground validation of `CustomClaims.Roles` (`required,dive,oneof=read write admin`). */
function rolesProblem(roles: unknown): string | null {
  if (!Array.isArray(roles) || roles.length === 0) return "Key: 'CustomClaims.Roles' Error:Field validation for 'Roles' failed on the 'required' tag";
  const index = roles.findIndex((role) => !ROLE_NAMES.has(String(role)));
  return index === -1 ? null : `Key: 'CustomClaims.Roles[${index}]' Error:Field validation for 'Roles[${index}]' failed on the 'oneof' tag`;
}

/** Verifies a bearer token like `authtoken.Validate` and resolves its permissions. */
function verifyToken(token: string, signingKey: string, nowMs: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'token contains an invalid number of segments' };
  const header = decodeSegment(parts[0]);
  if (!header.ok) return header;
  const payload = decodeSegment(parts[1]);
  if (!payload.ok) return payload;
  const algorithm = header.value.alg;
  if (typeof algorithm !== 'string') return { ok: false, reason: 'signing method (alg) is unspecified.' };
  if (!HMAC_HASHES[algorithm]) return { ok: false, reason: OTHER_ALGORITHMS.has(algorithm) ? 'unexpected signing method' : 'signing method (alg) is unavailable.' };
  let problem = claimsProblem(payload.value, nowMs);
  const expected = hmac(algorithm, signingKey, `${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) problem = 'signature is invalid';
  problem ??= rolesProblem(payload.value.roles);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, permissions: resolvePermissions(payload.value.roles, payload.value.permissions) };
}

function resolvePermissions(roles: unknown, permissions: unknown): Set<string> {
  if (Array.isArray(permissions) && permissions.length > 0) return new Set(permissions.map(String));
  return new Set((roles as string[]).flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
}

/** Go's `%v` of a `map[string]bool`: sorted keys, `map[a:true b:true]`. */
function formatGoPermissionMap(permissions: Set<string>): string {
  return `map[${[...permissions].sort().map((permission) => `${permission}:true`).join(' ')}]`;
}

// ---------------------------------------------------------------------------------------------
// Go-style time formatting
// ---------------------------------------------------------------------------------------------

/** RFC 3339 at seconds in UTC (`time.RFC3339`). */
export function formatRfc3339Seconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Go's `time.RFC3339Nano` in UTC: up to nine fraction digits, trailing zeros dropped. */
export function formatRfc3339Nano(ms: number, extraNanos = 0): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const nanos = (ms - whole) * 1e6 + extraNanos;
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${formatRfc3339Seconds(whole)}`.replace(/Z$/, `${fraction}Z`);
}

/** Go's `time.Duration.String()` for a non-negative number of nanoseconds (`1.5s`, `2m3s`, `350µs`). */
export function formatGoDuration(nanoseconds: number): string {
  const ns = Math.round(nanoseconds);
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trimDecimal(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trimDecimal(ns / 1e6)}ms`;
  const hours = Math.floor(ns / 3.6e12);
  const minutes = Math.floor((ns - hours * 3.6e12) / 6e10);
  const seconds = (ns - hours * 3.6e12 - minutes * 6e10) / 1e9;
  return `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${trimDecimal(seconds)}s`;
}

function trimDecimal(value: number): string {
  return value.toFixed(9).replace(/\.?0+$/, '');
}

// ---------------------------------------------------------------------------------------------
// The simulated world
// ---------------------------------------------------------------------------------------------

/** A per-agent event name. */
export type OsapiAgentEvent = 'acknowledged' | 'started' | 'completed' | 'failed' | 'skipped';

/** One `status.<job>.<event>.<host>.<nanos>` KV entry. */
export interface OsapiStatusEvent {
  event: 'submitted' | OsapiAgentEvent | 'retried';
  hostname: string;
  /** Epoch ms of the write. */
  at: number;
  /** Nanoseconds beyond `at`, for RFC3339Nano stamps. */
  nanos: number;
  /** The stored raw timestamp string. */
  timestamp: string;
  error?: string;
  /** Agent response data (completed events). */
  data?: unknown;
  changed?: boolean | null;
  newJobId?: string;
}

/** One job of the simulated controller, for tests that inspect the world. */
export interface OsapiSimulatedJob {
  id: string;
  /** Epoch ms, truncated to the second like `created`. */
  createdAt: number;
  operation: { type: string; data?: unknown } | null;
  target: string;
  /** Written events (visible), in write order. */
  events: OsapiStatusEvent[];
  /** Planned events the agents will write later. */
  pending: OsapiStatusEvent[];
  /** False once deleted or expired: the `jobs.<id>` key is gone. */
  recordAlive: boolean;
  deleted: boolean;
  /** The status the plan leads to, and when the last agent finishes. */
  plannedStatus: string;
  plannedEndAt: number;
  retriedAs: string | null;
}

/** An agent of an injected job: how far it got. */
export interface OsapiInjectedAgent {
  host: string;
  outcome: OsapiAgentEvent;
  error?: string;
  data?: unknown;
  changed?: boolean | null;
  /** From `started` to the terminal event (default 1234 ms). */
  durationMs?: number;
}

/** A job written straight into the world, with all its events already visible (tests). */
export interface OsapiInjectedJob {
  id?: string;
  /** Epoch ms (default: one minute before the clock). */
  createdAt?: number;
  /** `null` writes a record without operation data (retry then answers 400). */
  operation?: { type: string; data?: unknown } | null;
  agents?: OsapiInjectedAgent[];
}

/** Options of the OSAPI simulator beyond the common ones. */
export interface OsapiSimulatorOptions extends SimulatorOptions {
  /** `/api` (default, current servers) or `""` (the old `/job` paths). */
  pathPrefix?: string;
  signingKey?: string;
  /** KV TTL in ms (default 1 h). */
  ttlMs?: number;
}

/** The OSAPI simulator with test hooks. */
export interface OsapiSimulator extends VendorSimulator {
  readonly pathPrefix: string;
  /** Every job still in memory (records alive or with lingering events), oldest first. */
  readonly jobs: readonly OsapiSimulatedJob[];
  /** The job-level status the API reports now, or undefined when the record is gone. */
  statusOf(id: string): string | undefined;
  /** Writes a job with its events at once; returns its id. */
  inject(job: OsapiInjectedJob): string;
  /** Empties the KV bucket (no keys at all). */
  clear(): void;
  /** Mints a token with the simulator's clock and signing key. */
  mintToken(options?: OsapiTokenOptions): string;
}

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

type Random = () => number;

interface OperationKind {
  type: string;
  weight: number;
  durationMs: [number, number];
  failRate: number;
  mutates: boolean;
  unsupportedOn?: string[];
  errors: string[];
  data(random: Random): Record<string, unknown>;
  result(host: string, random: Random): unknown;
}

const between = (random: Random, low: number, high: number) => low + random() * (high - low);
const integer = (random: Random, low: number, high: number) => Math.floor(between(random, low, high + 1));
const GENERIC_ERRORS = ['context deadline exceeded', 'permission denied', 'no space left on device'];

const OPERATIONS: OperationKind[] = [
  { type: 'node.hostname.get', weight: 10, durationMs: [40, 400], failRate: 0.04, mutates: false, errors: GENERIC_ERRORS, data: () => ({}), result: (host) => ({ hostname: host }) },
  {
    type: 'node.status.get', weight: 8, durationMs: [200, 1500], failRate: 0.06, mutates: false, errors: GENERIC_ERRORS, data: () => ({}),
    result: (host, random) => ({ hostname: host, uptime: `${integer(random, 1, 90)} days, ${integer(random, 0, 23)} hours`, load_average: { '1min': +between(random, 0, 4).toFixed(2), '5min': +between(random, 0, 3).toFixed(2), '15min': +between(random, 0, 2).toFixed(2) } }),
  },
  {
    type: 'node.disk.get', weight: 6, durationMs: [100, 900], failRate: 0.08, mutates: false, unsupportedOn: ['freebsd'], errors: GENERIC_ERRORS, data: () => ({}),
    result: (_host, random) => {
      const total = integer(random, 40, 500) * 1_073_741_824;
      const used = Math.floor(total * between(random, 0.2, 0.95));
      return [{ name: '/', total, used, free: total - used }];
    },
  },
  { type: 'node.memory.get', weight: 6, durationMs: [60, 500], failRate: 0.03, mutates: false, errors: GENERIC_ERRORS, data: () => ({}), result: (_host, random) => ({ total: 16_777_216_000, free: integer(random, 1, 12) * 1_048_576_000, cached: integer(random, 1, 4) * 1_048_576_000 }) },
  { type: 'node.load.get', weight: 5, durationMs: [50, 400], failRate: 0.03, mutates: false, unsupportedOn: ['freebsd'], errors: GENERIC_ERRORS, data: () => ({}), result: (_host, random) => ({ '1min': +between(random, 0, 4).toFixed(2), '5min': +between(random, 0, 3).toFixed(2), '15min': +between(random, 0, 2).toFixed(2) }) },
  { type: 'node.uptime.get', weight: 4, durationMs: [40, 300], failRate: 0.02, mutates: false, errors: GENERIC_ERRORS, data: () => ({}), result: (_host, random) => ({ uptime: `${integer(random, 1, 200)} days, ${integer(random, 0, 23)} hours, ${integer(random, 0, 59)} minutes` }) },
  { type: 'network.dns.get', weight: 5, durationMs: [80, 600], failRate: 0.04, mutates: false, errors: GENERIC_ERRORS, data: () => ({ interface_name: 'eth0' }), result: () => ({ servers: ['10.0.0.2', '1.1.1.1'], search_domains: ['corp.example'] }) },
  {
    type: 'network.dns.update', weight: 3, durationMs: [400, 3000], failRate: 0.2, mutates: true, unsupportedOn: ['freebsd'],
    errors: ['failed to set DNS servers: permission denied', 'resolvectl: Failed to set DNS configuration: Unit dbus-org.freedesktop.resolve1.service not found.'],
    data: (random) => ({ servers: ['10.0.0.2', pick(random, ['1.1.1.1', '8.8.8.8', '9.9.9.9'])], search_domains: ['corp.example'], interface_name: 'eth0' }), result: () => ({}),
  },
  {
    type: 'network.ping.do', weight: 4, durationMs: [2000, 6000], failRate: 0.15, mutates: false, errors: ['ping: 100% packet loss to 10.0.4.12', 'context deadline exceeded'],
    data: (random) => ({ address: pick(random, ['10.0.4.12', '10.0.0.2', '8.8.8.8']) }),
    result: (_host, random) => ({ packets_sent: 3, packets_received: 3, packet_loss: 0, min_rtt: `${between(random, 0.2, 0.5).toFixed(3)}ms`, avg_rtt: `${between(random, 0.5, 0.9).toFixed(3)}ms`, max_rtt: `${between(random, 0.9, 2).toFixed(3)}ms` }),
  },
  {
    type: 'command.exec.do', weight: 7, durationMs: [3000, 180000], failRate: 0.2, mutates: true, errors: ['exit status 1', 'exit status 100', 'context deadline exceeded'],
    data: (random) => pick(random, [{ command: 'apt-get', args: ['update'] }, { command: 'systemctl', args: ['restart', 'nginx'] }, { command: 'journalctl', args: ['--vacuum-time=7d'] }]),
    result: (_host, random) => ({ stdout: 'Reading package lists... Done\n', stderr: '', exit_code: 0, duration_ms: integer(random, 1500, 90000) }),
  },
  {
    type: 'command.shell.do', weight: 4, durationMs: [500, 60000], failRate: 0.2, mutates: true, errors: ['exit status 1', 'exit status 2', 'context deadline exceeded'],
    data: (random) => ({ command: pick(random, ['df -h /var', 'find /tmp -mtime +7 -delete', 'logrotate -f /etc/logrotate.conf']) }),
    result: (_host, random) => ({ stdout: '', stderr: '', exit_code: 0, duration_ms: integer(random, 300, 40000) }),
  },
];

function pickOperation(random: Random): OperationKind {
  const total = OPERATIONS.reduce((sum, operation) => sum + operation.weight, 0);
  let roll = random() * total;
  for (const operation of OPERATIONS) {
    roll -= operation.weight;
    if (roll < 0) return operation;
  }
  return OPERATIONS[0];
}

function operationKind(type: string): OperationKind | undefined {
  return OPERATIONS.find((operation) => operation.type === type);
}

function pickTarget(random: Random): string {
  const roll = random();
  if (roll < 0.65) return '_any';
  if (roll < 0.77) return '_all';
  if (roll < 0.85) return 'group:web';
  if (roll < 0.89) return 'group:db';
  if (roll < 0.97) return pick(random, OSAPI_DEMO_HOSTS).name;
  return OFFLINE_HOST;
}

/** The online agents that pick a job up for a target (`_any` → one of them). */
function resolveTarget(target: string, random: Random): string[] {
  if (target === '_any') return [pick(random, OSAPI_DEMO_HOSTS).name];
  if (target === '_all') return OSAPI_DEMO_HOSTS.map((host) => host.name);
  if (target.startsWith('group:')) return GROUPS[target.slice(6)] ?? [];
  return OSAPI_DEMO_HOSTS.some((host) => host.name === target) ? [target] : [];
}

function isValidTarget(target: string): boolean {
  return target === '_any' || target === '_all' || target === OFFLINE_HOST || (target.startsWith('group:') && target.length > 6) || OSAPI_DEMO_HOSTS.some((host) => host.name === target);
}

function agentEvent(event: OsapiAgentEvent, hostname: string, at: number, nanos: number, extra: Partial<OsapiStatusEvent> = {}): OsapiStatusEvent {
  return { event, hostname, at, nanos, timestamp: formatRfc3339Nano(at, nanos), ...extra };
}

/** What the agents will do with a job: their events, the job's final status and when it ends. */
function planAgents(kind: OperationKind | undefined, hosts: string[], createdAt: number, random: Random): { events: OsapiStatusEvent[]; status: string; endAt: number } {
  const events: OsapiStatusEvent[] = [];
  const outcomes: string[] = [];
  let endAt = createdAt;
  const queueDelay = random() < 0.08 ? between(random, 15_000, 90_000) : between(random, 150, 2500);
  for (const host of hosts) {
    const nanos = () => Math.floor(random() * 1e6);
    const acknowledgedAt = Math.round(createdAt + queueDelay + between(random, 0, 400));
    events.push(agentEvent('acknowledged', host, acknowledgedAt, nanos()));
    const osFamily = OSAPI_DEMO_HOSTS.find((spec) => spec.name === host)?.osFamily ?? 'debian';
    if (kind?.unsupportedOn?.includes(osFamily)) {
      const skippedAt = acknowledgedAt + integer(random, 5, 60);
      events.push(agentEvent('skipped', host, skippedAt, nanos(), { error: `unsupported OS family: ${osFamily}` }));
      outcomes.push('skipped');
      endAt = Math.max(endAt, skippedAt);
      continue;
    }
    const startedAt = acknowledgedAt + integer(random, 20, 300);
    events.push(agentEvent('started', host, startedAt, nanos()));
    const [low, high] = kind?.durationMs ?? [100, 1000];
    const finishedAt = Math.round(startedAt + between(random, low, high));
    const failed = random() < (kind?.failRate ?? 0.1);
    const terminal = failed
      ? agentEvent('failed', host, finishedAt, nanos(), { error: pick(random, kind?.errors ?? GENERIC_ERRORS), changed: null })
      : agentEvent('completed', host, finishedAt, nanos(), { data: kind?.result(host, random) ?? {}, changed: kind?.mutates ? random() < 0.6 : false });
    events.push(terminal);
    outcomes.push(terminal.event);
    endAt = Math.max(endAt, finishedAt);
  }
  return { events: events.sort(byTime), status: statusFromOutcomes(outcomes), endAt };
}

function statusFromOutcomes(outcomes: string[]): string {
  const failed = outcomes.filter((outcome) => outcome === 'failed').length;
  const completed = outcomes.filter((outcome) => outcome === 'completed').length;
  if (outcomes.length === 0) return 'submitted';
  if (failed > 0 && completed > 0) return 'partial_failure';
  if (failed > 0) return 'failed';
  if (completed === 0) return 'skipped';
  return 'completed';
}

function byTime(left: OsapiStatusEvent, right: OsapiStatusEvent): number {
  return left.at - right.at || left.nanos - right.nanos;
}

// ---------------------------------------------------------------------------------------------
// Views: what the API derives from the KV entries (job client computeStatusFromEvents)
// ---------------------------------------------------------------------------------------------

interface AgentView {
  status: string;
  error?: string;
  duration?: string;
}

interface JobView {
  status: string;
  hostname: string | null;
  error: string | null;
  updatedAt: string | null;
  agents: Map<string, AgentView>;
  responses: Map<string, OsapiStatusEvent>;
}

/** Derives status, agent states and responses from a job's live events, like the controller does. */
function viewOf(job: OsapiSimulatedJob): JobView {
  const last = new Map<string, OsapiStatusEvent>();
  const firstStart = new Map<string, OsapiStatusEvent>();
  const lastEnd = new Map<string, OsapiStatusEvent>();
  const errors = new Map<string, string>();
  const responses = new Map<string, OsapiStatusEvent>();
  let hostname: string | null = null;
  let latestError: string | null = null;
  let latest: OsapiStatusEvent | null = null;
  for (const event of job.events) {
    if (event.error && (event.event === 'failed' || event.event === 'skipped')) {
      errors.set(event.hostname, event.error);
      latestError = event.error;
    }
    if (!latest || byTime(event, latest) > 0) latest = event;
    if (event.hostname === '_api') continue;
    last.set(event.hostname, event);
    if (event.event === 'started' && !firstStart.has(event.hostname)) firstStart.set(event.hostname, event);
    if (event.event === 'completed' || event.event === 'failed') {
      lastEnd.set(event.hostname, event);
      hostname = event.hostname;
    }
    if (event.event === 'completed' || event.event === 'failed' || event.event === 'skipped') responses.set(event.hostname, event);
  }
  const agents = new Map<string, AgentView>();
  for (const [host, event] of last) {
    const start = firstStart.get(host);
    const end = lastEnd.get(host);
    const duration = start && end ? formatGoDuration((end.at - start.at) * 1e6 + (end.nanos - start.nanos)) : undefined;
    agents.set(host, { status: event.event, error: errors.get(host), duration });
  }
  const status = jobStatus([...agents.values()].map((agent) => agent.status));
  const error = status === 'failed' || status === 'skipped' ? latestError : null;
  return { status, hostname, error, updatedAt: latest?.timestamp ?? null, agents, responses };
}

function jobStatus(agentStatuses: string[]): string {
  if (agentStatuses.length === 0) return 'submitted';
  if (agentStatuses.some((status) => status === 'started' || status === 'acknowledged')) return 'processing';
  return statusFromOutcomes(agentStatuses);
}

/** A list item: no timeline, agent_states or responses; `changed` always null; `result` for single-agent jobs. */
function listItem(job: OsapiSimulatedJob): Record<string, unknown> {
  const view = viewOf(job);
  const item: Record<string, unknown> = { changed: null, created: formatRfc3339Seconds(job.createdAt) };
  if (view.error) item.error = view.error;
  if (view.hostname) item.hostname = view.hostname;
  item.id = job.id;
  if (job.operation) item.operation = sortKeysDeep(job.operation);
  const single = singleResponse(view);
  if (single?.data !== undefined) item.result = sortKeysDeep(single.data);
  item.status = view.status;
  if (view.updatedAt) item.updated_at = view.updatedAt;
  return item;
}

/** Go marshals maps (operation, result, agent_states, responses) with sorted keys. */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)).map(([key, item]) => [key, sortKeysDeep(item)]));
}

function singleResponse(view: JobView): OsapiStatusEvent | undefined {
  return view.responses.size === 1 ? [...view.responses.values()][0] : undefined;
}

/** `changed`: the single agent's value, or for broadcasts true when any agent changed something, else null. */
function changedOf(view: JobView): boolean | null {
  const single = singleResponse(view);
  if (single) return single.changed ?? null;
  return [...view.responses.values()].some((response) => response.changed === true) ? true : null;
}

/** The `GET /job/{id}` body (fields in the generated struct's order). */
function detailBody(job: OsapiSimulatedJob): Record<string, unknown> {
  const view = viewOf(job);
  const body: Record<string, unknown> = {};
  if (view.agents.size > 0) body.agent_states = sortKeysDeep(Object.fromEntries([...view.agents].map(([host, agent]) => [host, agentStateBody(agent)])));
  body.changed = changedOf(view);
  body.created = formatRfc3339Seconds(job.createdAt);
  if (view.error) body.error = view.error;
  if (view.hostname) body.hostname = view.hostname;
  body.id = job.id;
  if (job.operation) body.operation = sortKeysDeep(job.operation);
  if (view.responses.size > 0) body.responses = sortKeysDeep(Object.fromEntries([...view.responses].map(([host, event]) => [host, responseBody(event)])));
  const single = singleResponse(view);
  if (single?.data !== undefined) body.result = sortKeysDeep(single.data);
  body.status = view.status;
  if (job.events.length > 0) body.timeline = [...job.events].sort(byTime).map(timelineEntry);
  if (view.updatedAt) body.updated_at = view.updatedAt;
  return body;
}

function agentStateBody(agent: AgentView): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (agent.duration) body.duration = agent.duration;
  if (agent.error) body.error = agent.error;
  body.status = agent.status;
  return body;
}

function responseBody(event: OsapiStatusEvent): Record<string, unknown> {
  const body: Record<string, unknown> = { changed: event.changed ?? null };
  if (event.data !== undefined) body.data = event.data;
  if (event.error) body.error = event.error;
  body.hostname = event.hostname;
  body.status = event.event;
  return body;
}

const EVENT_MESSAGES: Record<OsapiStatusEvent['event'], (event: OsapiStatusEvent) => string> = {
  submitted: () => 'Job submitted to queue',
  acknowledged: (event) => `Job acknowledged by agent ${event.hostname}`,
  started: (event) => `Job processing started on ${event.hostname}`,
  completed: (event) => `Job completed successfully on ${event.hostname}`,
  skipped: (event) => `Job skipped on ${event.hostname} (unsupported OS family)`,
  failed: (event) => `Job failed on ${event.hostname}`,
  retried: (event) => (event.newJobId ? `Job retried as ${event.newJobId}` : 'Job retried'),
};

function timelineEntry(event: OsapiStatusEvent): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  if (event.error && (event.event === 'failed' || event.event === 'skipped')) entry.error = event.error;
  entry.event = event.event;
  entry.hostname = event.hostname;
  entry.message = EVENT_MESSAGES[event.event](event);
  // why: the API re-formats timeline stamps at seconds precision (apis.md §2.2).
  entry.timestamp = formatRfc3339Seconds(event.at);
  return entry;
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

/** Echo writes JSON with json.Encoder: a trailing newline. */
function goJson(status: number, body: unknown): DemoResponse {
  return { status, text: `${JSON.stringify(body)}\n`, headers: { 'content-type': 'application/json' } };
}

const errorBody = (status: number, error: string) => goJson(status, { error });
const echoError = (status: number, message: string) => goJson(status, { message });

const UI_PAGE = '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>OSAPI</title></head><body><div id="root"></div></body></html>\n';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_STATUSES = new Set(['submitted', 'processing', 'completed', 'failed', 'partial_failure']);

type Route = { kind: 'list' } | { kind: 'job' | 'retry'; rawId: string };

function matchRoute(path: string, prefix: string): Route | null {
  const base = `${prefix}/job`;
  if (path === base) return { kind: 'list' };
  if (!path.startsWith(`${base}/`)) return null;
  const rest = path.slice(base.length + 1).split('/');
  if (rest.length === 1) return { kind: 'job', rawId: rest[0] };
  if (rest.length === 2 && rest[1] === 'retry') return { kind: 'retry', rawId: rest[0] };
  return null;
}

const ROUTE_METHODS: Record<Route['kind'], string[]> = { list: ['GET'], job: ['GET', 'DELETE'], retry: ['POST'] };

/** oapi-codegen's UUID path binding: the canonical id, or Echo's 400. */
function bindJobId(rawId: string): { id: string } | { response: DemoResponse } {
  let value = rawId;
  try {
    value = decodeURIComponent(rawId);
  } catch {
    // keep the raw text: Echo reports what it got
  }
  if (value === '') return { response: echoError(400, "Invalid format for parameter id: parameter 'id' is empty, can't bind its value") };
  if (UUID_PATTERN.test(value)) return { id: value.toLowerCase() };
  const reason = [32, 36, 38, 45].includes(value.length) ? 'invalid UUID format' : `invalid UUID length: ${value.length}`;
  return { response: echoError(400, `Invalid format for parameter id: error unmarshaling '${value}' text as *uuid.UUID: ${reason}`) };
}

/** Echo query binding of an optional integer (runs before auth). */
function bindInteger(query: URLSearchParams, name: string): { value: number | undefined } | { response: DemoResponse } {
  const raw = query.get(name);
  if (raw === null) return { value: undefined };
  if (/^[+-]?\d+$/.test(raw) && Math.abs(Number(raw)) <= Number.MAX_SAFE_INTEGER) return { value: Number(raw) };
  return { response: echoError(400, `Invalid format for parameter ${name}: error binding string parameter: strconv.ParseInt: parsing "${raw}": invalid syntax`) };
}

// ---------------------------------------------------------------------------------------------
// The simulator
// ---------------------------------------------------------------------------------------------

/** Creates an in-memory OSAPI controller (see the header for what it simulates). */
export function createOsapiSimulator(options: OsapiSimulatorOptions = {}): OsapiSimulator {
  const now = options.now ?? Date.now;
  const random = createRandom(options.seed ?? 1);
  const prefix = options.pathPrefix ?? '/api';
  const signingKey = options.signingKey ?? OSAPI_DEMO_SIGNING_KEY;
  const ttlMs = options.ttlMs ?? OSAPI_JOB_TTL_MS;
  const startCount = options.jobCount ?? 40;
  const recordCap = Math.max(2 * startCount, 20);
  const paramsStruct = prefix === '' ? 'GetJobsParams' : 'GetApiJobParams';
  let jobs: OsapiSimulatedJob[] = [];
  let revision = 0;
  let nextArrivalAt = 0;

  const liveRecords = () => jobs.filter((job) => job.recordAlive);
  const findRecord = (id: string) => jobs.find((job) => job.id === id && job.recordAlive);

  function writeEvent(job: OsapiSimulatedJob, event: OsapiStatusEvent): void {
    job.events.push(event);
    revision += event.event === 'completed' || event.event === 'failed' || event.event === 'skipped' ? 2 : 1;
  }

  /** CreateJob: the record and its `submitted` event, then the agents' plan. */
  function createJob(createdAtMs: number, operation: OsapiSimulatedJob['operation'], target: string): OsapiSimulatedJob {
    const createdAt = Math.floor(createdAtMs / 1000) * 1000;
    const kind = operation ? operationKind(operation.type) : undefined;
    const plan = planAgents(kind, resolveTarget(target, random), createdAtMs, random);
    const job: OsapiSimulatedJob = {
      id: randomUuid(random),
      createdAt,
      operation,
      target,
      events: [],
      pending: plan.events,
      recordAlive: true,
      deleted: false,
      plannedStatus: plan.status,
      plannedEndAt: plan.endAt,
      retriedAs: null,
    };
    revision++;
    jobs.push(job);
    writeEvent(job, { event: 'submitted', hostname: '_api', at: createdAt, nanos: 0, timestamp: formatRfc3339Seconds(createdAt) });
    return job;
  }

  /** RetryJob: a new job with the same operation, and `retried` on the original. */
  function retryJob(original: OsapiSimulatedJob, at: number, target: string): OsapiSimulatedJob {
    const created = createJob(at, original.operation, target);
    const nanos = Math.floor(random() * 1e6);
    // why: written at once, like the controller does; agent events of the original that are still
    // pending keep their own (earlier) stamps, and every reader orders by time.
    writeEvent(original, { event: 'retried', hostname: '_api', at, nanos, timestamp: formatRfc3339Nano(at, nanos), newJobId: created.id });
    original.retriedAs = created.id;
    return created;
  }

  /** An operator at work: mostly new jobs, sometimes a retry of a recently failed one. */
  function arrive(at: number): void {
    const candidate = random() < 0.2 ? retryCandidate(at) : undefined;
    if (candidate) {
      retryJob(candidate, at, '_any');
      return;
    }
    const kind = pickOperation(random);
    createJob(at, { type: kind.type, data: kind.data(random) }, pickTarget(random));
  }

  function retryCandidate(at: number): OsapiSimulatedJob | undefined {
    return [...jobs].reverse().find((job) => job.recordAlive && job.operation && !job.retriedAs && job.plannedEndAt < at && (job.plannedStatus === 'failed' || job.plannedStatus === 'partial_failure'));
  }

  function materialize(at: number): void {
    for (const job of jobs) {
      if (job.pending.length === 0) continue;
      job.pending.sort(byTime);
      while (job.pending.length > 0 && job.pending[0].at <= at) writeEvent(job, job.pending.shift()!);
    }
  }

  /** Every KV key lives `ttlMs` after its write; records past the cap go, oldest finished first. */
  function expire(at: number): void {
    for (const job of jobs) {
      job.events = job.events.filter((event) => event.at + ttlMs > at);
      if (job.createdAt + ttlMs <= at) {
        job.recordAlive = false;
        job.pending = [];
      }
    }
    jobs = jobs.filter((job) => job.recordAlive || job.events.length > 0 || job.pending.length > 0);
    let excess = liveRecords().length - recordCap;
    for (const job of [...jobs]) {
      if (excess <= 0) break;
      if (!job.recordAlive || job.pending.length > 0 || !isFinished(viewOf(job).status)) continue;
      jobs.splice(jobs.indexOf(job), 1);
      excess--;
    }
  }

  function tick(at: number): void {
    if (options.arrivals !== false) {
      while (nextArrivalAt <= at) {
        arrive(nextArrivalAt);
        nextArrivalAt += Math.max(500, Math.round(-Math.log(1 - random()) * ARRIVAL_MEAN_MS));
      }
    }
    materialize(at);
    expire(at);
  }

  function seed(): void {
    const start = now();
    const ages = Array.from({ length: startCount }, () => seedAge(random()));
    for (const age of ages.sort((left, right) => right - left)) {
      const kind = pickOperation(random);
      if (random() < 0.15 && retryCandidate(start - age)) retryJob(retryCandidate(start - age)!, Math.round(start - age), '_any');
      else createJob(Math.round(start - age), { type: kind.type, data: kind.data(random) }, pickTarget(random));
    }
    nextArrivalAt = start + Math.max(500, Math.round(-Math.log(1 - random()) * ARRIVAL_MEAN_MS));
    materialize(start);
    expire(start);
  }

  // ---- handlers -------------------------------------------------------------------------------

  function authorize(request: DemoRequest, permission: string): DemoResponse | null {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return errorBody(401, 'Bearer token required');
    const check = verifyToken(header.slice(7), signingKey, now());
    if (!check.ok) return errorBody(401, `Invalid token: ${check.reason}`);
    if (check.permissions.has(permission)) return null;
    return errorBody(403, `Insufficient permissions. Required: [${permission}], resolved: ${formatGoPermissionMap(check.permissions)}`);
  }

  function validateListParams(status: string | null, limit: number | undefined, offset: number | undefined): string | null {
    const field = (name: string, tag: string) => `Key: '${paramsStruct}.${name}' Error:Field validation for '${name}' failed on the '${tag}' tag`;
    const problems: string[] = [];
    if (status !== null && !LIST_STATUSES.has(status)) problems.push(field('Status', 'oneof'));
    if (limit !== undefined && limit < 1) problems.push(field('Limit', 'min'));
    if (limit !== undefined && limit > 100) problems.push(field('Limit', 'max'));
    if (offset !== undefined && offset < 0) problems.push(field('Offset', 'min'));
    return problems.length > 0 ? problems.join('; ') : null;
  }

  /** `status_counts` from key names over every job with live events (deleted ones included). */
  function statusCounts(): Record<string, number> {
    const counts: Record<string, number> = { submitted: 0, processing: 0, completed: 0, failed: 0, partial_failure: 0 };
    const withEvents = jobs.filter((job) => job.events.length > 0);
    for (const job of withEvents) {
      const status = viewOf(job).status;
      counts[status] = (counts[status] ?? 0) + 1;
    }
    const submittedOnly = liveRecords().length - withEvents.length;
    if (submittedOnly > 0) counts.submitted += submittedOnly;
    return Object.fromEntries(Object.entries(counts).sort(([left], [right]) => left.localeCompare(right)));
  }

  function handleList(request: DemoRequest): DemoResponse {
    const limitParam = bindInteger(request.query, 'limit');
    if ('response' in limitParam) return limitParam.response;
    const offsetParam = bindInteger(request.query, 'offset');
    if ('response' in offsetParam) return offsetParam.response;
    const denied = authorize(request, 'job:read');
    if (denied) return denied;
    const status = request.query.get('status');
    const problem = validateListParams(status, limitParam.value, offsetParam.value);
    if (problem) return errorBody(400, problem);
    if (jobs.every((job) => !job.recordAlive && job.events.length === 0)) return goJson(200, { items: [], status_counts: null, total_items: 0 });
    const newestFirst = liveRecords().reverse();
    const matching = status === null ? newestFirst : newestFirst.filter((job) => viewOf(job).status === status);
    const offset = offsetParam.value ?? 0;
    const page = matching.slice(offset, offset + (limitParam.value ?? 10));
    return goJson(200, { items: page.map(listItem), status_counts: statusCounts(), total_items: matching.length });
  }

  function handleDetail(id: string): DemoResponse {
    const job = findRecord(id);
    return job ? goJson(200, detailBody(job)) : errorBody(404, `job not found: ${id}`);
  }

  function handleDelete(id: string): DemoResponse {
    const job = findRecord(id);
    if (!job) return errorBody(404, `job not found: ${id}`);
    // why: DELETE removes only `jobs.<id>`; agents keep writing events, which stay counted until TTL.
    job.recordAlive = false;
    job.deleted = true;
    revision++;
    return { status: 204 };
  }

  function parseRetryBody(body: string): { target: string | undefined } | { response: DemoResponse } {
    if (body.trim() === '') return { target: undefined };
    try {
      const parsed = JSON.parse(body) as { target_hostname?: unknown };
      return { target: parsed && typeof parsed === 'object' && typeof parsed.target_hostname === 'string' ? parsed.target_hostname : undefined };
    } catch (error) {
      return { response: echoError(400, `Syntax error: offset=1, error=${(error as Error).message}`) };
    }
  }

  function handleRetry(request: DemoRequest, id: string): DemoResponse {
    const body = parseRetryBody(request.body);
    if ('response' in body) return body.response;
    const denied = authorize(request, 'job:write');
    if (denied) return denied;
    const target = body.target;
    if (target !== undefined && (target === '' || !isValidTarget(target))) {
      const tag = target === '' ? "'min' tag" : `'valid_target' tag: target agent "${target}" not found`;
      return errorBody(400, `Key: 'RetryJobRequest.TargetHostname' Error:Field validation for 'TargetHostname' failed on the ${tag}`);
    }
    const original = findRecord(id);
    if (!original) return errorBody(404, `job not found: ${id}`);
    if (!original.operation) return errorBody(400, `job has no operation data: ${id}`);
    const created = retryJob(original, now(), target ?? '_any');
    return goJson(201, { job_id: created.id, revision, status: 'created', timestamp: formatRfc3339Seconds(created.createdAt) });
  }

  function handleJobRoute(request: DemoRequest, route: Exclude<Route, { kind: 'list' }>): DemoResponse {
    const bound = bindJobId(route.rawId);
    if ('response' in bound) return bound.response;
    if (route.kind === 'retry') return handleRetry(request, bound.id);
    const denied = authorize(request, request.method === 'GET' ? 'job:read' : 'job:write');
    if (denied) return denied;
    return request.method === 'GET' ? handleDetail(bound.id) : handleDelete(bound.id);
  }

  function handle(request: DemoRequest): DemoResponse {
    const route = matchRoute(request.path, prefix);
    if (!route) {
      const isUiPath = prefix !== '' && request.method === 'GET' && request.path !== prefix && !request.path.startsWith(`${prefix}/`);
      return isUiPath ? { status: 200, text: UI_PAGE, headers: { 'content-type': 'text/html; charset=utf-8' } } : echoError(404, 'Not Found');
    }
    if (!ROUTE_METHODS[route.kind].includes(request.method)) return echoError(405, 'Method Not Allowed');
    return route.kind === 'list' ? handleList(request) : handleJobRoute(request, route);
  }

  // ---- test hooks -----------------------------------------------------------------------------

  function inject(spec: OsapiInjectedJob): string {
    const createdAt = Math.floor((spec.createdAt ?? now() - 60_000) / 1000) * 1000;
    const operation = spec.operation === undefined ? { type: 'node.hostname.get', data: {} } : spec.operation;
    const job: OsapiSimulatedJob = {
      id: spec.id ?? randomUuid(random),
      createdAt,
      operation,
      target: '_any',
      events: [],
      pending: [],
      recordAlive: true,
      deleted: false,
      plannedStatus: 'submitted',
      plannedEndAt: createdAt,
      retriedAs: null,
    };
    revision++;
    jobs.push(job);
    writeEvent(job, { event: 'submitted', hostname: '_api', at: createdAt, nanos: 0, timestamp: formatRfc3339Seconds(createdAt) });
    for (const event of injectedAgentEvents(spec.agents ?? [], createdAt).sort(byTime)) writeEvent(job, event);
    const view = viewOf(job);
    job.plannedStatus = view.status;
    job.plannedEndAt = Math.max(createdAt, ...job.events.map((event) => event.at));
    return job.id;
  }

  seed();

  return {
    vendor: 'osapi',
    pathPrefix: prefix,
    get jobs() {
      return jobs;
    },
    handle,
    tick,
    statusOf(id) {
      const job = findRecord(id);
      return job ? viewOf(job).status : undefined;
    },
    inject,
    clear() {
      jobs = [];
    },
    mintToken(tokenOptions = {}) {
      return signOsapiDemoToken({ signingKey, issuedAt: now(), ...tokenOptions });
    },
    sourceConfig(url, name) {
      const token = signOsapiDemoToken({ roles: ['admin'], signingKey, issuedAt: now(), expiresInSeconds: DEMO_TOKEN_LIFETIME_SECONDS });
      return { name, type: 'osapi', url, token, pathPrefix: prefix };
    },
  };
}

/** How long before the start a seeded job was created: most within the hour, a few just now (so some run). */
function seedAge(roll: number): number {
  if (roll < 0.7) return 120_000 + (roll / 0.7) * 3_180_000;
  if (roll < 0.9) return 20_000 + ((roll - 0.7) / 0.2) * 100_000;
  return ((roll - 0.9) / 0.1) * 20_000;
}

function isFinished(status: string): boolean {
  return status !== 'submitted' && status !== 'processing';
}

/** Events of injected agents at fixed offsets: acknowledged +1 s, started +1.1 s, end after `durationMs`. */
function injectedAgentEvents(agents: OsapiInjectedAgent[], createdAt: number): OsapiStatusEvent[] {
  const events: OsapiStatusEvent[] = [];
  agents.forEach((agent, index) => {
    const acknowledgedAt = createdAt + 1000 + index * 10;
    events.push(agentEvent('acknowledged', agent.host, acknowledgedAt, 0));
    if (agent.outcome === 'acknowledged') return;
    if (agent.outcome === 'skipped') {
      events.push(agentEvent('skipped', agent.host, acknowledgedAt + 50, 0, { error: agent.error ?? 'unsupported OS family: freebsd' }));
      return;
    }
    const startedAt = acknowledgedAt + 100;
    events.push(agentEvent('started', agent.host, startedAt, 0));
    if (agent.outcome === 'started') return;
    const endAt = startedAt + (agent.durationMs ?? 1234);
    const extra = agent.outcome === 'failed' ? { error: agent.error ?? 'exit status 1', changed: null } : { data: agent.data ?? {}, changed: agent.changed ?? false };
    events.push(agentEvent(agent.outcome, agent.host, endAt, 0, extra));
  });
  return events;
}
