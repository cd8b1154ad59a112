/**
 * The declaration of a `type: http-json` source, read from its YAML nodes: `${ENV}` interpolated,
 * compiled once (JMESPath, paging, state words, actions) by the adapter's compiler, and every
 * problem reported at its own file:line:field. Header values that use the environment are secrets.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { compileDeclaration, DECLARATION_KEYS } from '../adapters/http-json.js';
import { interpolateEnv } from './values.js';

/** What the loader needs to read one entry: its field prefix, a node's `file:line`, the environment. */
export interface EntryContext {
  prefix: string;
  at: (node: unknown) => string;
  env: NodeJS.ProcessEnv;
}

/**
 * Replaces the entry's declaration nodes in `values` by one compiled `declaration`, and adds
 * `secrets` (environment values used in headers). Returns the problems found.
 */
export function readHttpJsonEntry(
  item: YAMLMap,
  values: Record<string, unknown>,
  context: EntryContext,
): { problems: string[]; secrets: string[] } {
  const problems: string[] = [];
  const nodes = new Map<string, Node>();
  const raw: Record<string, unknown> = {};
  for (const pair of item.items) if (isScalar(pair.key)) nodes.set(String(pair.key.value), pair.key);
  for (const key of DECLARATION_KEYS) {
    const node = values[key] as Node | undefined;
    delete values[key];
    if (node !== undefined) raw[key] = toPlain(node, key, nodes, context, problems);
  }
  const compiled = compileDeclaration(raw);
  if (!compiled.ok) {
    for (const problem of compiled.problems)
      problems.push(
        `${context.at(nearestNode(problem.path, nodes) ?? item)}: ${context.prefix}.${problem.path}: ${problem.message}`,
      );
  } else {
    values.declaration = compiled.declaration;
  }
  const secrets = headerSecrets(item.get('headers', true), context.env);
  values.secrets = secrets;
  return { problems, secrets };
}

/** A YAML node as plain values, remembering each value's node by its key path; strings get `${ENV}` interpolated. */
function toPlain(
  node: Node | null,
  path: string,
  nodes: Map<string, Node>,
  context: EntryContext,
  problems: string[],
): unknown {
  if (node === null) return null;
  // why: a key's own line is where a mapping or list "starts" for the reader; its value node may begin a line later.
  if (!nodes.has(path)) nodes.set(path, node);
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      if (isScalar(pair.key)) nodes.set(`${path}.${key}`, pair.key);
      out[key] = toPlain(pair.value as Node | null, `${path}.${key}`, nodes, context, problems);
    }
    return out;
  }
  if (isSeq(node))
    return node.items.map((child, index) => toPlain(child as Node, `${path}[${index}]`, nodes, context, problems));
  if (!isScalar(node)) return null;
  if (typeof node.value !== 'string') return node.value;
  const { value, missing } = interpolateEnv(node.value, context.env);
  if (missing.length > 0)
    problems.push(
      `${context.at(node)}: ${context.prefix}.${path}: environment variable ${missing.join(', ')} is not set`,
    );
  return value;
}

/** The node of a key path, or of its nearest parent (`list.paging.kind` → `list.paging` → `list`). */
function nearestNode(path: string, nodes: Map<string, Node>): Node | undefined {
  for (let current = path; current !== ''; current = current.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
    const node = nodes.get(current);
    if (node) return node;
    if (!/(\.[^.[\]]*|\[\d+\])$/.test(current)) break;
  }
  return undefined;
}

/** The environment values header templates use, and the whole values they produce: redacted everywhere. */
function headerSecrets(headers: Node | undefined, env: NodeJS.ProcessEnv): string[] {
  if (!isMap(headers)) return [];
  const secrets: string[] = [];
  for (const pair of headers.items) {
    if (!isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
    const text = pair.value.value;
    const names = [...text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1]);
    if (names.length === 0) continue;
    for (const name of names) if (env[name]) secrets.push(env[name]);
    secrets.push(interpolateEnv(text, env).value);
  }
  return secrets;
}
