/**
 * Turns one YAML value into what its schema rule expects, after `${ENV}` interpolation, or
 * says what was expected. Messages never echo a value that could be a credential.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { FieldKind } from './schema.js';
import { PRIORITY_RANKS, isPriorityRank } from '../domain/priority.js';
import { interpolateEnv, parseBytes, parseDuration } from './values.js';

/** Context of a conversion: the environment and the directory relative file paths start from. */
export interface ConvertContext {
  env: NodeJS.ProcessEnv;
  baseDir: string;
}

/** A converted value or the reason it was refused. */
export type Converted = { value: unknown } | { error: string };

/** Converts a YAML node to the rule's kind. */
export function convertValue(node: Node | null, kind: FieldKind, context: ConvertContext): Converted {
  if (kind === 'labels') {
    if (!isMap(node)) return { error: 'expected a mapping of label: value' };
    const labels: Record<string, string> = {};
    for (const pair of node.items)
      labels[String(isScalar(pair.key) ? pair.key.value : pair.key)] = String(
        isScalar(pair.value) ? pair.value.value : '',
      );
    return { value: labels };
  }
  if (kind === 'string-list') return convertStringList(node, context);
  // why: a declaration's parts keep their YAML nodes, so its own validation can name each nested line.
  if (kind === 'declaration') return { value: node };
  if (kind === 'headers') return convertHeaders(node, context);
  if (kind === 'priority-map') return convertPriorityMap(node);
  if (!isScalar(node))
    return {
      error: `expected ${describeKind(kind)}, got a ${isMap(node) ? 'mapping' : isSeq(node) ? 'list' : 'nothing'}`,
    };
  let raw: unknown = node.value;
  if (typeof raw === 'string') {
    const { value, missing } = interpolateEnv(raw, context.env);
    if (missing.length > 0) return { error: `environment variable ${missing.join(', ')} is not set` };
    raw = value;
  }
  switch (kind) {
    case 'string':
      return typeof raw === 'string' || typeof raw === 'number'
        ? { value: String(raw) }
        : { error: 'expected a string' };
    case 'url':
      return convertUrl(raw);
    case 'file':
      return typeof raw === 'string' && raw !== '' ? readPemFile(raw, context) : { error: 'expected a file path' };
    case 'positive-integer': {
      const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
      return typeof n === 'number' && Number.isInteger(n) && n > 0
        ? { value: n }
        : { error: `expected a whole number above 0, got ${JSON.stringify(raw)}` };
    }
    case 'duration': {
      const ms = parseDuration(raw);
      return ms === null
        ? { error: `expected a duration such as 2s, 500ms or 1m, got ${JSON.stringify(raw)}` }
        : { value: ms };
    }
    case 'bytes': {
      const bytes = parseBytes(raw);
      return bytes === null
        ? { error: `expected a size such as 4MB or 512KB, got ${JSON.stringify(raw)}` }
        : { value: bytes };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return { error: `expected true or false, got ${JSON.stringify(raw)}` };
    }
    default:
      return kind.oneOf.includes(String(raw))
        ? { value: String(raw) }
        : { error: `expected one of ${kind.oneOf.join(', ')}, got "${String(raw)}"` };
  }
}

/** "a URL", "a duration", … for messages. */
export function describeKind(kind: FieldKind): string {
  if (typeof kind === 'object') return `one of ${kind.oneOf.join(', ')}`;
  const names: Record<Exclude<FieldKind, object>, string> = {
    string: 'a string',
    url: 'a URL',
    file: 'a file path',
    'positive-integer': 'a whole number',
    duration: 'a duration',
    boolean: 'true or false',
    bytes: 'a size',
    labels: 'a mapping',
    'string-list': 'a list of strings',
    headers: 'a mapping of header: value',
    declaration: 'a mapping',
    'priority-map': 'a mapping of vendor priority: rank',
  };
  return names[kind];
}

/** A YAML list of non-empty strings (each may be `${ENV}`), without repeats. */
function convertStringList(node: Node | null, context: ConvertContext): Converted {
  if (!isSeq(node)) return { error: 'expected a list such as [render, export]' };
  const values: string[] = [];
  for (const [index, item] of node.items.entries()) {
    const raw = isScalar(item) ? item.value : undefined;
    if ((typeof raw !== 'string' && typeof raw !== 'number') || String(raw).trim() === '')
      return { error: `entry ${index + 1}: expected a non-empty string` };
    const { value, missing } = interpolateEnv(String(raw), context.env);
    if (missing.length > 0)
      return { error: `entry ${index + 1}: environment variable ${missing.join(', ')} is not set` };
    if (values.includes(value)) return { error: `entry ${index + 1}: "${value}" is listed twice` };
    values.push(value);
  }
  return { value: values };
}

/** Header name → value, each value after `${ENV}` interpolation; values are not echoed (they may be credentials). */
function convertHeaders(node: Node | null, context: ConvertContext): Converted {
  if (!isMap(node)) return { error: 'expected a mapping of header: value' };
  const headers: Record<string, string> = {};
  for (const pair of node.items) {
    const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { error: `"${name}" is not a header name` };
    if (!isScalar(pair.value) || (typeof pair.value.value !== 'string' && typeof pair.value.value !== 'number'))
      return { error: `headers.${name}: expected a string value` };
    const { value, missing } = interpolateEnv(String(pair.value.value), context.env);
    if (missing.length > 0) return { error: `headers.${name}: environment variable ${missing.join(', ')} is not set` };
    if (/[\r\n]/.test(value)) return { error: `headers.${name}: a header value must be one line` };
    headers[name] = value;
  }
  return { value: headers };
}

/** `priorityMap`: the vendor's own values (as text) → a rank of the shared scale. */
function convertPriorityMap(node: Node | null): Converted {
  if (!isMap(node)) return { error: `expected a mapping of vendor priority: rank (${PRIORITY_RANKS.join(', ')})` };
  const map: Record<string, string> = {};
  for (const pair of node.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const rank = String(isScalar(pair.value) ? pair.value.value : '')
      .trim()
      .toLowerCase();
    if (!isPriorityRank(rank))
      return { error: `priority "${key}": expected one of ${PRIORITY_RANKS.join(', ')}, got "${rank}"` };
    map[key] = rank;
  }
  return { value: map };
}

function convertUrl(raw: unknown): Converted {
  if (typeof raw !== 'string') return { error: 'expected a URL such as https://host:port' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // why: the text is not echoed: a mistyped url may hold a credential pasted into it.
    return { error: 'expected a URL such as https://host:port' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `expected an http(s) URL, got "${url.protocol}"` };
  if (url.username || url.password) return { error: 'credentials in the URL are not allowed; use the credential keys' };
  if (url.search)
    return { error: 'a query string is not allowed in the url (it would be sent with, and logged by, every request)' };
  return { value: raw.replace(/\/+$/, '') };
}

/** Resolves `~/` and relative paths (against the config file's directory) and checks the file holds a PEM certificate. */
function readPemFile(raw: string, context: ConvertContext): Converted {
  const home = context.env.HOME;
  const expanded = raw.startsWith('~/') && home ? `${home}${raw.slice(1)}` : raw;
  const path = isAbsolute(expanded) ? expanded : resolve(context.baseDir, expanded);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      error: `cannot read ${path} (${code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (code ?? String(error))})`,
    };
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    return { error: `${path} holds no PEM certificate (expected a "-----BEGIN CERTIFICATE-----" block)` };
  return { value: path };
}
