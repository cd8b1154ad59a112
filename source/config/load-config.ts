/**
 * Loads and validates the config file. Every problem names the file, the line and the field
 * and says what was expected ("sources[2].type: expected one of vectorcharts, …"); unknown
 * keys are reported, not ignored; any string may be `${ENV_VAR}`.
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { VENDORS, type Vendor } from '../domain/job.js';
import type { SourceSpec } from '../adapters/registry.js';
import { ConfigError } from './config-error.js';
import { REQUIRED_CREDENTIALS, SHARED_FIELDS, SOURCE_FIELDS, VENDOR_FIELDS, type FieldKind, type FieldRule } from './schema.js';
import { interpolateEnv, isPureEnvReference, parseBytes, parseDuration } from './values.js';

/** One source, ready for the registry and the store. */
export interface ConfiguredSource {
  spec: SourceSpec;
  intervalMs: number;
  readonly: boolean;
  insecure: boolean;
  labels: Record<string, string>;
}

/** A loaded config. */
export interface LoadedConfig {
  /** File it came from (null for the demo fleet). */
  path: string | null;
  intervalMs: number;
  sources: ConfiguredSource[];
  /** Non-fatal findings (e.g. an inline secret in a group/world-readable file). */
  warnings: string[];
  /** Every secret value, for redaction. */
  secrets: string[];
}

/** Defaults applied when neither the file nor the source sets a value. */
export const CONFIG_DEFAULTS = { intervalMs: 2000, timeoutMs: 10_000, connectTimeoutMs: 5_000, limit: 200 } as const;

type Values = Record<string, unknown>;

/** Reads and validates a config file. Throws ConfigError naming file, line and field. */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([`${path}: cannot read the config file (${code === 'ENOENT' ? 'it does not exist' : code ?? String(error)})`]);
  }
  const config = parseConfigText(text, path, env);
  const mode = safeMode(path);
  if (mode !== null && (mode & 0o044) !== 0 && hasInlineSecret(text)) {
    config.warnings.push(`${path} holds a secret and is readable by ${mode & 0o004 ? 'others' : 'its group'} (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${path}, or use \${ENV_VAR} or tokenCommand`);
  }
  return config;
}

/** Validates config text; `path` is used in messages. */
export function parseConfigText(text: string, path: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (node: unknown) => {
    const range = (node as { range?: readonly number[] } | null | undefined)?.range;
    return range ? `${path}:${lineCounter.linePos(range[0]).line}` : path;
  };
  if (document.errors.length > 0) {
    throw new ConfigError(document.errors.map((error) => `${path}:${lineCounter.linePos(error.pos[0]).line}: invalid YAML: ${error.message.split('\n')[0]}`));
  }
  const problems: string[] = [];
  const secrets: string[] = [];
  const root = document.contents;
  if (!isMap(root)) throw new ConfigError([`${path}: expected a mapping with a "sources:" list at the top level`]);

  const readFields = (map: Node, rules: Record<string, FieldRule>, prefix: string, allowExtra: (key: string) => boolean): Values => {
    const values: Values = {};
    if (!isMap(map)) return values;
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const field = prefix ? `${prefix}.${key}` : key;
      const rule = rules[key];
      if (!rule) {
        if (!allowExtra(key)) problems.push(`${at(pair.key as Node)}: ${field}: unknown key (expected one of ${Object.keys(rules).join(', ')})`);
        continue;
      }
      const result = convert(pair.value as Node, rule.kind, env);
      if ('error' in result) problems.push(`${at((pair.value as Node) ?? (pair.key as Node))}: ${field}: ${result.error}`);
      else {
        values[key] = result.value;
        if (rule.secret && typeof result.value === 'string' && result.value !== '') secrets.push(result.value);
      }
    }
    return values;
  };

  const globals = readFields(root, SHARED_FIELDS, '', (key) => key === 'sources');
  const sourcesNode = root.get('sources', true) as Node | undefined;
  if (!sourcesNode || !isSeq(sourcesNode) || sourcesNode.items.length === 0) {
    problems.push(`${at(sourcesNode ?? root)}: sources: expected a non-empty list of sources`);
    throw new ConfigError(problems);
  }
  const names = new Set<string>();
  const sources: ConfiguredSource[] = [];
  sourcesNode.items.forEach((item, index) => {
    const prefix = `sources[${index}]`;
    if (!isMap(item)) {
      problems.push(`${at(item as Node)}: ${prefix}: expected a mapping with name, type and url`);
      return;
    }
    const typeNode = item.get('type', true) as Node | undefined;
    const type = isScalar(typeNode) ? String(typeNode.value) : undefined;
    const vendor = VENDORS.includes(type as Vendor) ? (type as Vendor) : undefined;
    if (!typeNode) problems.push(`${at(item)}: ${prefix}.type: required (one of ${VENDORS.join(', ')})`);
    const problemsBefore = problems.length;
    const rules = { ...SOURCE_FIELDS, ...SHARED_FIELDS, ...(vendor ? VENDOR_FIELDS[vendor] : {}) };
    const values = readFields(item, rules, prefix, (key) => !vendor && Object.values(VENDOR_FIELDS).some((fields) => key in fields));
    for (const required of ['name', 'url'] as const) {
      if (values[required] === undefined && !problems.some((p) => p.includes(`${prefix}.${required}:`))) {
        problems.push(`${at(item)}: ${prefix}.${required}: required`);
      }
    }
    if (typeof values.name === 'string') {
      if (names.has(values.name)) problems.push(`${at(item.get('name', true) as Node)}: ${prefix}.name: "${values.name}" is used by another source`);
      if (values.name.includes('/')) problems.push(`${at(item.get('name', true) as Node)}: ${prefix}.name: must not contain "/" (job keys are name/id)`);
      names.add(values.name);
    }
    if (!vendor || problems.length > problemsBefore) return;
    const groups = REQUIRED_CREDENTIALS[vendor];
    if (!groups.some((group) => group.every((key) => values[key] !== undefined))) {
      problems.push(`${at(item)}: ${prefix}: ${vendor} needs ${groups.map((group) => group.join(' + ')).join(', or ')}`);
    }
    sources.push(toConfiguredSource(vendor, values, globals));
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return { path, intervalMs: (globals.interval as number | undefined) ?? CONFIG_DEFAULTS.intervalMs, sources, warnings: [], secrets };
}

/** Builds the store/registry view of one validated source. */
export function toConfiguredSource(vendor: Vendor, values: Values, globals: Values): ConfiguredSource {
  const pick = <T>(key: string, fallback: T): T => (values[key] ?? globals[key] ?? fallback) as T;
  const { interval, timeout, connectTimeout, maxBodySize, labels, readonly, ...rest } = values;
  void interval, timeout, connectTimeout, maxBodySize, labels, readonly;
  const spec = {
    ...rest,
    type: vendor,
    limit: pick('limit', CONFIG_DEFAULTS.limit),
    timeoutMs: pick('timeout', CONFIG_DEFAULTS.timeoutMs),
    connectTimeoutMs: pick('connectTimeout', CONFIG_DEFAULTS.connectTimeoutMs),
    maxBodyBytes: pick<number | undefined>('maxBodySize', undefined),
    readonly: pick('readonly', false),
  } as SourceSpec;
  return {
    spec,
    intervalMs: pick('interval', CONFIG_DEFAULTS.intervalMs),
    readonly: pick('readonly', false),
    insecure: values.insecure === true,
    labels: pick('labels', {}),
  };
}

function convert(node: Node | null, kind: FieldKind, env: NodeJS.ProcessEnv): { value: unknown } | { error: string } {
  if (kind === 'labels') {
    if (!isMap(node)) return { error: 'expected a mapping of label: value' };
    const labels: Record<string, string> = {};
    for (const pair of node.items) labels[String(isScalar(pair.key) ? pair.key.value : pair.key)] = String(isScalar(pair.value) ? pair.value.value : '');
    return { value: labels };
  }
  if (!isScalar(node)) return { error: `expected ${describeKind(kind)}, got a ${isMap(node) ? 'mapping' : isSeq(node) ? 'list' : 'nothing'}` };
  let raw: unknown = node.value;
  if (typeof raw === 'string') {
    const { value, missing } = interpolateEnv(raw, env);
    if (missing.length > 0) return { error: `environment variable ${missing.join(', ')} is not set` };
    raw = value;
  }
  switch (kind) {
    case 'string':
      return typeof raw === 'string' || typeof raw === 'number' ? { value: String(raw) } : { error: 'expected a string' };
    case 'url': {
      if (typeof raw !== 'string') return { error: 'expected a URL such as https://host:port' };
      try {
        const url = new URL(raw);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `expected an http(s) URL, got "${url.protocol}"` };
        if (url.username || url.password) return { error: 'credentials in the URL are not allowed; use the credential keys' };
        return { value: raw.replace(/\/+$/, '') };
      } catch {
        return { error: `expected a URL such as https://host:port, got "${raw}"` };
      }
    }
    case 'positive-integer': {
      const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
      return typeof n === 'number' && Number.isInteger(n) && n > 0 ? { value: n } : { error: `expected a whole number above 0, got ${JSON.stringify(raw)}` };
    }
    case 'duration': {
      const ms = parseDuration(raw);
      return ms === null ? { error: `expected a duration such as 2s, 500ms or 1m, got ${JSON.stringify(raw)}` } : { value: ms };
    }
    case 'bytes': {
      const bytes = parseBytes(raw);
      return bytes === null ? { error: `expected a size such as 4MB or 512KB, got ${JSON.stringify(raw)}` } : { value: bytes };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return { error: `expected true or false, got ${JSON.stringify(raw)}` };
    }
    default:
      return kind.oneOf.includes(String(raw)) ? { value: String(raw) } : { error: `expected one of ${kind.oneOf.join(', ')}, got "${String(raw)}"` };
  }
}

function describeKind(kind: FieldKind): string {
  if (typeof kind === 'object') return `one of ${kind.oneOf.join(', ')}`;
  return { string: 'a string', url: 'a URL', 'positive-integer': 'a whole number', duration: 'a duration', boolean: 'true or false', bytes: 'a size', labels: 'a mapping' }[kind];
}

function safeMode(path: string): number | null {
  try {
    return statSync(path).mode;
  } catch {
    return null;
  }
}

function hasInlineSecret(text: string): boolean {
  const secretKeys = new Set(Object.values(VENDOR_FIELDS).flatMap((fields) => Object.entries(fields).filter(([, rule]) => rule.secret).map(([key]) => key)));
  const document = parseDocument(text);
  const sources = document.get('sources', true);
  if (!isSeq(sources)) return false;
  return sources.items.some(
    (item) => isMap(item) && item.items.some((pair) => isScalar(pair.key) && secretKeys.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === 'string' && !isPureEnvReference(pair.value.value)),
  );
}
