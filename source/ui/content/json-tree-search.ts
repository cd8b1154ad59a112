/**
 * Expand all, collapse all and search over the Result tab's JSON tree: the fold states and
 * child limits that open everything (bounded, so a huge value cannot freeze the screen) or
 * reveal one match. Node ids follow json-tree.ts (`$`, then `\u0000label` per level).
 */
import { CHILD_LIMIT } from './json-tree.js';

/** Containers opened at most by expand all; the rest stay as they are. */
export const EXPAND_ALL_LIMIT = 2000;

/** Matches searched at most. */
export const SEARCH_LIMIT = 1000;

interface Walked {
  id: string;
  label: string | null;
  value: unknown;
  /** (container id, position of the child on the path) from the root down. */
  path: readonly (readonly [string, number])[];
}

function* walk(value: unknown): Generator<Walked> {
  const stack: Walked[] = [{ id: '$', label: null, value, path: [] }];
  while (stack.length > 0) {
    const node = stack.pop() as Walked;
    yield node;
    if (node.value === null || typeof node.value !== 'object') continue;
    const entries: [string, unknown][] = Array.isArray(node.value)
      ? node.value.map((child, index) => [String(index), child])
      : Object.entries(node.value as Record<string, unknown>);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [label, child] = entries[index];
      stack.push({ id: `${node.id}\u0000${label}`, label, value: child, path: [...node.path, [node.id, index]] });
    }
  }
}

const isContainer = (value: unknown) => value !== null && typeof value === 'object' && Object.keys(value).length > 0;

/** Fold states that open every container (the first EXPAND_ALL_LIMIT, in order), or fold all but the root. */
export function foldAll(value: unknown, open: boolean): Map<string, boolean> {
  const toggles = new Map<string, boolean>();
  for (const node of walk(value)) {
    if (!isContainer(node.value)) continue;
    toggles.set(node.id, open || node.id === '$');
    if (toggles.size >= EXPAND_ALL_LIMIT) break;
  }
  return toggles;
}

/** A match: its node id and the path of containers to open (with the child positions to show). */
export interface TreeMatch {
  id: string;
  path: readonly (readonly [string, number])[];
}

/** Nodes whose key or scalar value contains `text` (case-insensitive), in display order. */
export function findInTree(value: unknown, text: string): TreeMatch[] {
  const needle = text.toLowerCase();
  if (needle === '') return [];
  const out: TreeMatch[] = [];
  for (const node of walk(value)) {
    const scalar = node.value === null || typeof node.value !== 'object' ? String(node.value) : '';
    if ((node.label ?? '').toLowerCase().includes(needle) || scalar.toLowerCase().includes(needle))
      out.push({ id: node.id, path: node.path });
    if (out.length >= SEARCH_LIMIT) break;
  }
  return out;
}

/** The fold states and limits that put `match` on screen, added to the current ones. */
export function reveal(
  match: TreeMatch,
  toggles: ReadonlyMap<string, boolean>,
  limits: ReadonlyMap<string, number>,
): { toggles: Map<string, boolean>; limits: Map<string, number> } {
  const nextToggles = new Map(toggles);
  const nextLimits = new Map(limits);
  for (const [id, position] of match.path) {
    nextToggles.set(id, true);
    const limit = nextLimits.get(id) ?? CHILD_LIMIT;
    if (position >= limit) nextLimits.set(id, Math.ceil((position + 1) / CHILD_LIMIT) * CHILD_LIMIT);
  }
  return { toggles: nextToggles, limits: nextLimits };
}
