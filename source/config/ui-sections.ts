/**
 * The config's screen sections (docs/configuration.md): `views:` (named queries for `:view`
 * and keys 1–9), `columns:` (the table's columns in order), `keys:` (action → keys; their
 * meaning is checked against the key table when the monitor starts, with these lines) and
 * `triage:` (when a job counts as slow or starved). Problems name file:line.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { describeQueryError, parseJobQuery } from '../domain/query-parse.js';
import { parseColumnList } from '../domain/table-columns.js';
import { parseDuration } from './values.js';

/** A named query. */
export interface ConfiguredView {
  name: string;
  query: string;
}

/** One `keys:` entry: the action, its keys as written, and where (file:line). */
export interface ConfiguredKeys {
  action: string;
  keys: string[];
  at: string;
}

/** Triage thresholds from `triage:`. */
export interface ConfiguredTriage {
  percentile?: number;
  minSamples?: number;
  starvedAfterMs?: number;
}

/** The screen sections of a config. */
export interface UiSections {
  views: ConfiguredView[];
  columns: string[] | null;
  keys: ConfiguredKeys[];
  triage: ConfiguredTriage;
}

/** Top-level keys these sections own (the generic field reader skips them). */
export const UI_SECTION_KEYS = ['views', 'columns', 'keys', 'triage'] as const;

const scalarText = (node: unknown): string | null =>
  isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : null;

/** Reads the sections from the root mapping; problems are pushed as `file:line: field: why`. */
export function readUiSections(root: Node, at: (node: unknown) => string, problems: string[]): UiSections {
  const out: UiSections = { views: [], columns: null, keys: [], triage: {} };
  if (!isMap(root)) return out;
  const views = root.get('views', true) as Node | undefined;
  if (views !== undefined) {
    if (!isMap(views))
      problems.push(`${at(views)}: views: expected a mapping of name: query ("failed-etl: state:failed type:ETL*")`);
    else
      for (const pair of views.items) {
        const name = scalarText(pair.key) ?? '';
        const query = scalarText(pair.value);
        if (query === null) {
          problems.push(`${at(pair.value ?? pair.key)}: views.${name}: expected a query string`);
          continue;
        }
        const parsed = parseJobQuery(query);
        if (!parsed.ok) problems.push(`${at(pair.value)}: views.${name}: ${describeQueryError(parsed.error)}`);
        else out.views.push({ name, query });
      }
  }
  const columns = root.get('columns', true) as Node | undefined;
  if (columns !== undefined) {
    const list = isSeq(columns) ? columns.items.map((item) => scalarText(item) ?? '') : scalarText(columns);
    const parsed = list === null ? { error: 'expected a list of column names' } : parseColumnList(list);
    if ('error' in parsed) problems.push(`${at(columns)}: columns: ${parsed.error}`);
    else out.columns = parsed.columns;
  }
  const keys = root.get('keys', true) as Node | undefined;
  if (keys !== undefined) {
    if (!isMap(keys))
      problems.push(`${at(keys)}: keys: expected a mapping of action: key or [keys] ("sources-open: S")`);
    else
      for (const pair of keys.items) {
        const action = scalarText(pair.key) ?? '';
        const value = pair.value as Node | null;
        const list = isSeq(value) ? value.items.map((item) => scalarText(item)) : [scalarText(value)];
        if (list.length === 0 || list.some((key) => key === null || key === '')) {
          problems.push(`${at(value ?? pair.key)}: keys.${action}: expected a key or a list of keys`);
          continue;
        }
        out.keys.push({ action, keys: list as string[], at: at(pair.key) });
      }
  }
  const triage = root.get('triage', true) as Node | undefined;
  if (triage !== undefined) readTriage(triage, at, problems, out.triage);
  return out;
}

function readTriage(node: Node, at: (node: unknown) => string, problems: string[], out: ConfiguredTriage): void {
  if (!isMap(node)) {
    problems.push(`${at(node)}: triage: expected a mapping (percentile, minSamples, starvedAfter)`);
    return;
  }
  for (const pair of node.items) {
    const key = scalarText(pair.key) ?? '';
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (key === 'percentile' && typeof value === 'number' && value > 0 && value <= 1) out.percentile = value;
    else if (key === 'minSamples' && typeof value === 'number' && Number.isInteger(value) && value >= 1)
      out.minSamples = value;
    else if (key === 'starvedAfter' && parseDuration(value) !== null)
      out.starvedAfterMs = parseDuration(value) as number;
    else if (['percentile', 'minSamples', 'starvedAfter'].includes(key))
      problems.push(
        `${at(pair.value ?? pair.key)}: triage.${key}: expected ${key === 'percentile' ? 'a fraction above 0 and at most 1 (0.9)' : key === 'minSamples' ? 'a whole number of at least 1' : 'a duration (5m)'}`,
      );
    else
      problems.push(
        `${at(pair.key)}: triage.${key}: unknown key (expected one of percentile, minSamples, starvedAfter)`,
      );
  }
}
