/**
 * One list item (or detail body) → a Job, by the declaration's expressions. Fields that do not
 * resolve are tallied in a PollFindings, which becomes one warning per field and source, not
 * one per job and not a crash.
 */
import { isActiveState, jobKey, type Job, type JobState } from '../../domain/job.js';
import type { DeclaredField, HttpJsonDeclaration, TimeField } from './declaration.js';
import { evaluate } from './expression.js';
import { describeValue, readPriority, readProgress, readText, readTime } from './field-values.js';
import { NO_PRIORITY } from '../../domain/priority.js';

/** What went wrong with the fields of one poll's items, counted per field. */
export interface PollFindings {
  items: number;
  /** Items whose id, type or state (or created, when declared) resolved to nothing. */
  missing: Map<DeclaredField, number>;
  /** Values of the wrong kind, with one example each. */
  badValues: Map<DeclaredField, { count: number; example: string }>;
  /** Evaluation errors (e.g. arithmetic on a string), with the first message. */
  errors: Map<DeclaredField, { count: number; message: string }>;
  /** State words the declaration does not map, with how many items had each. */
  unmappedStates: Map<string, number>;
}

/** Fields whose absence on an item is worth a warning (others are legitimately null: finished on a running job). */
const EXPECTED_ON_EVERY_ITEM: readonly DeclaredField[] = ['id', 'type', 'state', 'created'];

/** An empty tally. */
export function newFindings(): PollFindings {
  return { items: 0, missing: new Map(), badValues: new Map(), errors: new Map(), unmappedStates: new Map() };
}

/** Normalizes one item; null when it has no id (it cannot be keyed, and is counted instead). */
export function normalizeItem(
  item: unknown,
  declaration: HttpJsonDeclaration,
  sourceName: string,
  findings: PollFindings,
): Job | null {
  findings.items += 1;
  const read = (field: DeclaredField): unknown => {
    const expression = declaration.fields[field];
    if (!expression) return null;
    const result = evaluate(expression, item);
    if (!result.ok) {
      const entry = findings.errors.get(field) ?? { count: 0, message: result.error };
      findings.errors.set(field, { ...entry, count: entry.count + 1 });
      return null;
    }
    if (result.value === null && EXPECTED_ON_EVERY_ITEM.includes(field))
      findings.missing.set(field, (findings.missing.get(field) ?? 0) + 1);
    return result.value;
  };
  const typed = <T>(field: DeclaredField, value: unknown, convert: (value: unknown) => T | null): T | null => {
    if (value === null) return null;
    const converted = convert(value);
    if (converted === null) {
      const entry = findings.badValues.get(field) ?? { count: 0, example: describeValue(value) };
      findings.badValues.set(field, { ...entry, count: entry.count + 1 });
    }
    return converted;
  };
  const time = (field: TimeField) =>
    typed(field, read(field), (value) => readTime(value, declaration.timeFormats[field]));
  const id = typed('id', read('id'), readText);
  if (id === null) return null;
  const nativeState = typed('state', read('state'), readText);
  const state = mapState(nativeState, declaration, findings);
  const terminal = isTerminal(state);
  const progress = read('progress');
  const priority = read('priority');
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'http-json',
    type: typed('type', read('type'), readText) ?? 'Unknown',
    state,
    nativeState: nativeState ?? '',
    terminal,
    flags: [],
    priority: priority === null ? NO_PRIORITY : readPriority(priority),
    progress: typed('progress', progress, readProgress),
    // why always present (undefined here): every vendor's Job has one shape (domain/job.ts).
    progressSteps: undefined,
    createdAt: time('created'),
    startedAt: time('started'),
    finishedAt: time('finished'),
    updatedAt: time('updated'),
    owner: typed('owner', read('owner'), readText),
    host: typed('host', read('host'), readText),
    parentId: typed('parent', read('parent'), readText),
    error: typed('error', read('error'), readText),
    raw: item,
  };
}

/** A vendor word → its declared state; an undeclared word is unknown (and counted). */
function mapState(word: string | null, declaration: HttpJsonDeclaration, findings: PollFindings): JobState {
  if (word === null) return 'unknown';
  const state = declaration.states.get(word);
  if (state !== undefined) return state;
  findings.unmappedStates.set(word, (findings.unmappedStates.get(word) ?? 0) + 1);
  return 'unknown';
}

/** Every state but queued, running and unknown is an end state (derived from the domain, so new states follow). */
export function isTerminal(state: JobState): boolean {
  return !isActiveState(state) && state !== 'unknown';
}
