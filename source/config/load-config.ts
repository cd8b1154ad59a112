/**
 * Loads and validates the config file. Every problem names the file, the line and the field
 * and says what was expected ("sources[2].type: expected one of vectorcharts, …"); unknown
 * keys are reported, not ignored; any string may be `${ENV_VAR}`; a secret may come from a
 * `<key>Command` run once, after the whole file validated.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { SOURCE_TYPES, type SourceType } from '../domain/job.js';
import { redactSecrets } from '../domain/redact.js';
import type { SourceSpec } from '../adapters/registry.js';
import { ConfigError } from './config-error.js';
import { readHttpJsonEntry } from './http-json-entry.js';
import { permissionWarnings, type PermissionFindings } from './config-permissions.js';
import { convertValue } from './convert-value.js';
import {
  EXPORTER_FIELDS,
  REQUIRED_CREDENTIALS,
  SHARED_FIELDS,
  SOURCE_FIELDS,
  anySourceKeys,
  commandKeyOf,
  sourceRulesOf,
  type FieldRule,
} from './schema.js';
import { runSecretCommand } from './secret-command.js';
import { suggestKey } from '../domain/suggest.js';
import { readUiSections, UI_SECTION_KEYS, type UiSections } from './ui-sections.js';
import { isPureEnvReference, parseBytes, parseDuration } from './values.js';

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
  /** Non-fatal findings (an inline secret in a group/world-readable file, …). */
  warnings: string[];
  /** Every secret value (from the file, the environment or a command), for redaction. */
  secrets: string[];
  /** Named queries, columns, key bindings and triage thresholds (ui-sections.ts); absent for the demo. */
  ui?: UiSections;
  /** The `exporter:` settings (jobtop exporter). */
  exporter: ExporterSettings;
}

/** What `exporter:` configures. */
export interface ExporterSettings {
  /** Job types that keep their own `type_group` label; every other type is `other`. */
  typeGroups: string[];
}

/** Options of parseConfigText. */
export interface ParseOptions {
  /** Where relative paths (caFile) and credential commands start; default: the config file's directory. */
  baseDir?: string;
}

/** Defaults applied when neither the file nor the source sets a value (from schema.ts). */
export const CONFIG_DEFAULTS = {
  intervalMs: parseDuration(SHARED_FIELDS.interval.default)!,
  timeoutMs: parseDuration(SHARED_FIELDS.timeout.default)!,
  connectTimeoutMs: parseDuration(SHARED_FIELDS.connectTimeout.default)!,
  commandTimeoutMs: parseDuration(SHARED_FIELDS.commandTimeout.default)!,
  maxBodyBytes: parseBytes(SHARED_FIELDS.maxBodySize.default)!,
  limit: Number(SHARED_FIELDS.limit.default),
  concurrency: Number(SHARED_FIELDS.concurrency.default),
} as const;

type Values = Record<string, unknown>;

/** Reads and validates a config file, runs its credential commands. Throws ConfigError naming file, line and field. */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const text = readConfigText(path);
  const { config, findings } = parseConfig(text, path, env, { baseDir: dirname(resolve(path)) });
  config.warnings.push(...permissionWarnings(path, findings));
  return config;
}

/** Largest config file read (a config of even a thousand sources is far smaller). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Most sources one config may list. */
export const MAX_SOURCES = 1_000;

/** Reads a config file as UTF-8 text: refuses what is too large, binary or not valid UTF-8, naming it as such. */
function readConfigText(path: string): string {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_CONFIG_BYTES) {
      throw new ConfigError([
        `${path}: the config file is ${(size / 1024 / 1024).toFixed(1)} MiB; the limit is ${MAX_CONFIG_BYTES / 1024 / 1024} MiB (is this the right file?)`,
      ]);
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error));
    throw new ConfigError([`${path}: cannot read the config file (${reason})`]);
  }
  // why: a binary file's bytes would otherwise come back in YAML errors, raw, by the kilobyte.
  if (bytes.includes(0))
    throw new ConfigError([`${path}: this is a binary file (it holds NUL bytes), not a YAML config`]);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError([
      `${path}: this file is not UTF-8 text (a binary file, or another encoding); a config is YAML in UTF-8`,
    ]);
  }
}

/** Validates config text (and runs its credential commands); `path` is used in messages. */
export function parseConfigText(
  text: string,
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  options: ParseOptions = {},
): LoadedConfig {
  return parseConfig(text, path, env, options).config;
}

/** A source entry that validated, waiting for its credential commands. */
interface PendingSource {
  vendor: SourceType;
  values: Values;
  commands: { key: string; field: string; at: string; command: string }[];
}

function parseConfig(
  text: string,
  path: string,
  env: NodeJS.ProcessEnv,
  options: ParseOptions,
): { config: LoadedConfig; findings: PermissionFindings } {
  const baseDir = options.baseDir ?? dirname(resolve(path));
  if (text.length > MAX_CONFIG_BYTES)
    throw new ConfigError([`${path}: the config is ${text.length} characters; the limit is ${MAX_CONFIG_BYTES}`]);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node: unknown) => {
    const range = (node as { range?: readonly number[] } | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : 0;
  };
  const at = (node: unknown) => (lineOf(node) ? `${path}:${lineOf(node)}` : path);
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map(
        (error) => `${path}:${lineCounter.linePos(error.pos[0]).line}: invalid YAML: ${error.message.split('\n')[0]}`,
      ),
    );
  }
  const problems: string[] = [];
  const secrets: string[] = [];
  const findings: PermissionFindings = { inlineSecrets: [], commands: [] };
  const root = document.contents;
  if (!isMap(root)) throw new ConfigError([`${path}: expected a mapping with a "sources:" list at the top level`]);
  const sourceOnlyKeys = anySourceKeys();

  const readFields = (
    map: Node,
    rules: Record<string, FieldRule>,
    prefix: string,
    skip: (key: string) => boolean,
  ): Values => {
    const values: Values = {};
    if (!isMap(map)) return values;
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const field = prefix ? `${prefix}.${key}` : key;
      const rule = rules[key];
      if (!rule) {
        if (!skip(key))
          problems.push(
            `${at(pair.key)}: ${field}: ${unknownKeyMessage(key, rules, prefix === '' && sourceOnlyKeys.has(key))}`,
          );
        continue;
      }
      const valueNode = pair.value as Node | null;
      const result = convertValue(valueNode, rule.kind, { env, baseDir });
      if ('error' in result) {
        problems.push(`${at(valueNode ?? pair.key)}: ${field}: ${result.error}`);
        continue;
      }
      if (rule.minMs !== undefined && typeof result.value === 'number' && result.value < rule.minMs) {
        problems.push(
          `${at(valueNode ?? pair.key)}: ${field}: expected at least ${rule.minMs}ms, got ${result.value}ms`,
        );
        continue;
      }
      if (rule.max !== undefined && typeof result.value === 'number' && result.value > rule.max) {
        problems.push(
          `${at(valueNode ?? pair.key)}: ${field}: expected a whole number from 1 to ${rule.max}, got ${result.value}`,
        );
        continue;
      }
      if (rule.maxItems !== undefined && Array.isArray(result.value) && result.value.length > rule.maxItems) {
        problems.push(
          `${at(valueNode ?? pair.key)}: ${field}: expected at most ${rule.maxItems} entries, got ${result.value.length}`,
        );
        continue;
      }
      values[key] = result.value;
      if (rule.secret && typeof result.value === 'string' && result.value !== '') {
        secrets.push(result.value);
        if (isScalar(valueNode) && typeof valueNode.value === 'string' && !isPureEnvReference(valueNode.value))
          findings.inlineSecrets.push({ field, line: lineOf(valueNode) });
      }
      if (rule.commandFor) findings.commands.push({ field, line: lineOf(valueNode ?? pair.key) });
    }
    return values;
  };

  const globals = readFields(
    root,
    SHARED_FIELDS,
    '',
    (key) => key === 'sources' || key === 'exporter' || (UI_SECTION_KEYS as readonly string[]).includes(key),
  );
  const ui = readUiSections(root, at, problems);
  const exporterNode = root.get('exporter', true) as Node | undefined;
  if (exporterNode !== undefined && !isMap(exporterNode))
    problems.push(`${at(exporterNode)}: exporter: expected a mapping (typeGroups: [...])`);
  const exporterValues =
    exporterNode === undefined ? {} : readFields(exporterNode, EXPORTER_FIELDS, 'exporter', () => false);
  const sourcesNode = root.get('sources', true) as Node | undefined;
  if (!sourcesNode || !isSeq(sourcesNode) || sourcesNode.items.length === 0) {
    problems.push(`${at(sourcesNode ?? root)}: sources: expected a non-empty list of sources`);
    throw new ConfigError(problems);
  }
  if (sourcesNode.items.length > MAX_SOURCES) {
    throw new ConfigError([
      `${at(sourcesNode)}: sources: ${sourcesNode.items.length} sources; at most ${MAX_SOURCES} are allowed in one config`,
    ]);
  }
  const names = new Set<string>();
  const pending: PendingSource[] = [];
  sourcesNode.items.forEach((item, index) => {
    const prefix = `sources[${index}]`;
    if (!isMap(item)) {
      problems.push(`${at(item)}: ${prefix}: expected a mapping with name, type and url`);
      return;
    }
    const typeNode = item.get('type', true) as Node | undefined;
    const type = isScalar(typeNode) ? String(typeNode.value) : undefined;
    const vendor = SOURCE_TYPES.includes(type as SourceType) ? (type as SourceType) : undefined;
    if (!typeNode) problems.push(`${at(item)}: ${prefix}.type: required (one of ${SOURCE_TYPES.join(', ')})`);
    const problemsBefore = problems.length;
    const rules = vendor ? sourceRulesOf(vendor) : { ...SOURCE_FIELDS, ...SHARED_FIELDS };
    // why: without a known type, vendor keys cannot be judged; the type error is reported instead.
    const values = readFields(item, rules, prefix, (key) => !vendor && sourceOnlyKeys.has(key));
    for (const required of ['name', 'url'] as const) {
      if (values[required] === undefined && !problems.some((p) => p.includes(`${prefix}.${required}:`)))
        problems.push(`${at(item)}: ${prefix}.${required}: required`);
    }
    if (typeof values.name === 'string') {
      if (names.has(values.name))
        problems.push(`${at(item.get('name', true))}: ${prefix}.name: "${values.name}" is used by another source`);
      if (values.name.includes('/'))
        problems.push(`${at(item.get('name', true))}: ${prefix}.name: must not contain "/" (job keys are name/id)`);
      names.add(values.name);
    }
    if (vendor === 'http-json') {
      const entry = readHttpJsonEntry(item, values, { prefix, at, env });
      problems.push(...entry.problems);
      secrets.push(...entry.secrets);
    }
    if (values.insecure === true && values.caFile !== undefined)
      problems.push(
        `${at(item.get('insecure', true))}: ${prefix}.insecure: caFile and insecure: true exclude each other (insecure skips verification, so caFile would be ignored)`,
      );
    if (!vendor || problems.length > problemsBefore) return;
    const commands: PendingSource['commands'] = [];
    for (const [key, rule] of Object.entries(rules)) {
      if (!rule.commandFor || typeof values[key] !== 'string') continue;
      const node = item.get(key, true);
      if (values[rule.commandFor] !== undefined)
        problems.push(`${at(node)}: ${prefix}.${key}: set ${rule.commandFor} or ${key}, not both`);
      else commands.push({ key: rule.commandFor, field: `${prefix}.${key}`, at: at(node), command: values[key] });
    }
    const present = (key: string) => values[key] !== undefined || values[commandKeyOf(key)] !== undefined;
    const groups = REQUIRED_CREDENTIALS[vendor];
    if (!groups.some((group) => group.every(present))) {
      problems.push(
        `${at(item)}: ${prefix}: ${vendor} needs ${groups.map((group) => group.join(' + ')).join(', or ')}`,
      );
    }
    pending.push({ vendor, values, commands });
  });
  if (problems.length > 0) throw new ConfigError(problems);

  // Credential commands run only once the whole file is valid: nothing prompts for a passphrase
  // for a config that cannot be used anyway.
  for (const source of pending) {
    const timeoutMs = (source.values.commandTimeout ??
      globals.commandTimeout ??
      CONFIG_DEFAULTS.commandTimeoutMs) as number;
    for (const command of source.commands) {
      const result = runSecretCommand({
        command: command.command,
        timeoutMs,
        cwd: baseDir,
        env,
        source: String(source.values.name),
        credential: command.key,
      });
      if (!result.ok) problems.push(`${command.at}: ${command.field}: the command ${redact(result.error, secrets)}`);
      else {
        source.values[command.key] = result.secret;
        secrets.push(result.secret);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const sources = pending.map((source) => toConfiguredSource(source.vendor, source.values, globals));
  const exporter = { typeGroups: (exporterValues.typeGroups as string[] | undefined) ?? [] };
  const config = {
    path,
    intervalMs: (globals.interval as number | undefined) ?? CONFIG_DEFAULTS.intervalMs,
    sources,
    warnings: [],
    secrets,
    exporter,
    ui,
  };
  return { config, findings };
}

/** Builds the store/registry view of one validated source (credential commands already replaced by their output). */
export function toConfiguredSource(vendor: SourceType, values: Values, globals: Values): ConfiguredSource {
  const pick = <T>(key: string, fallback: T): T => (values[key] ?? globals[key] ?? fallback) as T;
  const adapterValues = Object.fromEntries(
    Object.entries(values).filter(([key]) => !(key in SHARED_FIELDS) && !/Command$/.test(key)),
  );
  const spec = {
    ...adapterValues,
    type: vendor,
    limit: pick('limit', CONFIG_DEFAULTS.limit),
    concurrency: pick('concurrency', CONFIG_DEFAULTS.concurrency),
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

function unknownKeyMessage(key: string, rules: Record<string, FieldRule>, sourceOnly: boolean): string {
  if (sourceOnly)
    return key === 'insecure'
      ? 'only allowed per source: TLS verification is never switched off for every source at once'
      : 'only allowed inside a source entry (under sources:)';
  const suggestion = suggestKey(key, Object.keys(rules));
  return `unknown key${suggestion ? `, did you mean ${suggestion}?` : ''} (expected one of ${Object.keys(rules).join(', ')})`;
}

function redact(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets);
}
