/**
 * Probes one source the way `check` reports it: one real poll, timed, and what its outcome
 * says about each step (reachable → TLS → authenticated), the adapter's capabilities and a
 * hint for a failure.
 */
import type { JobSource } from '../../adapters/contract.js';
import { redactText } from '../../domain/redact.js';
import { toSourceError, type SourceError } from '../../adapters/errors.js';
import type { ConfiguredSource } from '../../config/load-config.js';
import { hintFor } from './check-hints.js';
import { beforeDeadline, isDeadlineError, type Deadline } from '../../store/deadline.js';
import { proxyFor } from './check-proxy.js';
import { notesFor } from './check-warnings.js';
import { resolveFirstItem, type ResolvedField } from './check-mapping.js';

/** One step's outcome: n/a is TLS on a plain-http url; skipped means an earlier step failed. */
export type StepStatus = 'ok' | 'failed' | 'skipped' | 'n/a';

/** What `check` found about one source. */
export interface CheckResult {
  name: string;
  type: string;
  url: string;
  ok: boolean;
  reachable: StepStatus;
  tls: StepStatus;
  authenticated: StepStatus;
  /** detail, steps, messages, result, stats: what the adapter can show. */
  capabilities: string[];
  /** cancel, delete, retry: what it can do (none when read-only). */
  actions: string[];
  readonly: boolean;
  insecure: boolean;
  /** The proxy requests go through (HTTP(S)_PROXY minus NO_PROXY), without credentials, or null. */
  proxy: string | null;
  jobs: number | null;
  total: number | null;
  /** The list answered, but this many jobs have an unknown outcome because per-job requests failed (not a pass). */
  incomplete: { jobs: number; reason: string } | null;
  requests: number | null;
  elapsedMs: number;
  tokenExpiresAt: number | null;
  tokenNote: string | null;
  error: { kind: string; short: string; message: string; status: number | null } | null;
  hint: string | null;
  warnings: string[];
  /** http-json: the first listed item with each declared field resolved (null otherwise). */
  firstItem: { key: string; fields: ResolvedField[] } | null;
}

const CREDENTIAL_KEYS = [
  'token',
  'username',
  'password',
  'apiKey',
  'customerId',
  'clientId',
  'clientSecret',
  'apiToken',
];

/**
 * Polls the source once and describes the outcome; never rejects. With a `deadline` (the
 * command's `--deadline`), a poll still running when it passes is reported timed out.
 */
export async function probeSource(
  source: JobSource,
  configured: ConfiguredSource,
  secrets: readonly string[],
  env: NodeJS.ProcessEnv,
  clock: () => number = Date.now,
  deadline?: Deadline,
): Promise<CheckResult> {
  const spec = configured.spec as unknown as Record<string, unknown>;
  const https = configured.spec.url.startsWith('https:');
  const notes = notesFor(configured, clock());
  const capabilities = (['detail', 'steps', 'messages', 'result', 'stats'] as const).filter(
    (key) => source.capabilities[key],
  );
  const base = {
    name: source.name,
    type: source.vendor,
    url: source.url,
    capabilities,
    actions: configured.readonly ? [] : Object.keys(source.capabilities.actions),
    readonly: configured.readonly,
    insecure: configured.insecure,
    proxy: proxyFor(configured.spec.url, env),
    tokenExpiresAt: notes.tokenExpiresAt,
    tokenNote: notes.tokenNote,
    warnings: notes.warnings,
  };
  const started = performance.now();
  try {
    const result = deadline
      ? await beforeDeadline(deadline, source.name, (signal) => source.list(signal))
      : await source.list();
    const elapsedMs = Math.round(performance.now() - started);
    const warnings = [...base.warnings, ...(result.warnings ?? [])];
    const firstItem = resolveFirstItem(configured, result.jobs);
    return {
      ...base,
      warnings,
      firstItem,
      // why: a list whose jobs' outcomes could not be fetched is degraded, not a pass (docs/faults.md).
      ok: result.incomplete === undefined,
      incomplete: result.incomplete ?? null,
      reachable: 'ok',
      tls: https ? 'ok' : 'n/a',
      authenticated: 'ok',
      jobs: result.jobs.length,
      total: result.total,
      requests: result.requests,
      elapsedMs,
      error: null,
      hint: null,
    };
  } catch (thrown) {
    const elapsedMs = Math.round(performance.now() - started);
    const error = toSourceError(source.name, thrown);
    const steps = stepsFor(error, https);
    const credentials = new Set(CREDENTIAL_KEYS.filter((key) => spec[key] !== undefined));
    const hint = hintFor(error, {
      vendor: source.vendor,
      url: source.url,
      credentials,
      timeoutMs: Number(spec.timeoutMs),
      connectTimeoutMs: Number(spec.connectTimeoutMs),
      proxy: base.proxy,
    });
    const clean = (text: string) => redactText(text, secrets);
    return {
      ...base,
      ok: false,
      firstItem: null,
      incomplete: null,
      ...steps,
      jobs: null,
      total: null,
      requests: null,
      elapsedMs,
      error: {
        kind: error.kind,
        short: clean(error.short),
        message: clean(error.message),
        status: error.status ?? null,
      },
      hint: clean(hint),
    };
  }
}

/** Which steps a failure of this kind proves passed, failed or could not be reached. */
function stepsFor(error: SourceError, https: boolean): Pick<CheckResult, 'reachable' | 'tls' | 'authenticated'> {
  const tlsOk: StepStatus = https ? 'ok' : 'n/a';
  // why: at the deadline the poll was abandoned wherever it was: no step is known to have passed or failed.
  if (isDeadlineError(error)) return { reachable: 'skipped', tls: 'skipped', authenticated: 'skipped' };
  switch (error.kind) {
    case 'refused':
    case 'dns':
      return { reachable: 'failed', tls: 'skipped', authenticated: 'skipped' };
    case 'timeout':
      return error.short === 'connect timeout'
        ? { reachable: 'failed', tls: 'skipped', authenticated: 'skipped' }
        : { reachable: 'ok', tls: tlsOk, authenticated: 'skipped' };
    case 'network':
      return {
        reachable: error.short === 'connection reset' ? 'ok' : 'failed',
        tls: 'skipped',
        authenticated: 'skipped',
      };
    case 'tls':
      return { reachable: 'ok', tls: 'failed', authenticated: 'skipped' };
    case 'auth':
    case 'forbidden':
      return { reachable: 'ok', tls: tlsOk, authenticated: 'failed' };
    case 'config':
      return { reachable: 'skipped', tls: 'skipped', authenticated: 'skipped' };
    default:
      return { reachable: 'ok', tls: tlsOk, authenticated: 'skipped' };
  }
}
