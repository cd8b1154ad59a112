/**
 * A foldable JSON tree that stays responsive on LARGE and DEEP values: only expanded nodes
 * are flattened (iteratively, so depth cannot overflow the stack), each node shows at most
 * `limit` children with a "… 9,950 more" line (Enter doubles the limit), strings are cut at
 * STRING_PREVIEW characters with the full text one Enter away, and by default only the first
 * two levels are open.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { formatCount } from '../../domain/format.js';
import { seg, type Segment } from '../line.js';
import { wrapLine } from './wrap.js';

/** Children shown per node before a "more" line. */
export const CHILD_LIMIT = 50;
/** Characters of a string shown before it is cut. */
export const STRING_PREVIEW = 200;
/** Nodes shallower than this are open until the user folds them. */
export const DEFAULT_OPEN_DEPTH = 2;
/** Deeper nodes are not indented further (the depth is printed instead). */
const MAX_INDENT_DEPTH = 24;

/** One flattened line of the tree. */
export interface TreeNodeLine {
  /** Node id (its path); the "more" line of a node has id `<node>\u0000…`. */
  id: string;
  kind: 'node' | 'more' | 'text';
  depth: number;
  /** Line index of the parent node, -1 at the root. */
  parent: number;
  /** Container or cut string: Enter folds/unfolds it. */
  expandable: boolean;
  expanded: boolean;
  segments: Segment[];
}

/** Fold state: explicit toggles over the default expansion, and per-node child limits. */
export interface TreeView {
  toggles: ReadonlyMap<string, boolean>;
  limits: ReadonlyMap<string, number>;
  width: number;
}

const keysCache = new WeakMap<object, string[]>();

function childKeysOf(value: object): string[] {
  let keys = keysCache.get(value);
  if (!keys) {
    keys = Array.isArray(value) ? [] : Object.keys(value);
    keysCache.set(value, keys);
  }
  return keys;
}

function sizeOf(value: object): number {
  return Array.isArray(value) ? value.length : childKeysOf(value).length;
}

/** True when the node is open in this view. */
export function isExpanded(id: string, depth: number, value: unknown, view: Pick<TreeView, 'toggles'>): boolean {
  const explicit = view.toggles.get(id);
  if (explicit !== undefined) return explicit;
  return value !== null && typeof value === 'object' && depth < DEFAULT_OPEN_DEPTH;
}

function scalarSegments(value: unknown, expandedString: boolean): Segment[] {
  if (typeof value === 'string') {
    if (value.length > STRING_PREVIEW && !expandedString) {
      const preview = sanitizeInline(value.slice(0, STRING_PREVIEW), STRING_PREVIEW + 1);
      // why: the size goes first so cutting the line at the screen edge never hides it.
      return [
        seg(`(${formatCount(value.length)} chars, Enter for all) `, { dim: true }),
        seg(`"${preview}…"`, { color: 'green' }),
      ];
    }
    if (expandedString) return [seg(`(${formatCount(value.length)} chars)`, { dim: true })];
    return [seg(`"${sanitizeInline(value, STRING_PREVIEW + 1)}"`, { color: 'green' })];
  }
  if (typeof value === 'number' || typeof value === 'bigint') return [seg(String(value), { color: 'yellow' })];
  if (typeof value === 'boolean') return [seg(String(value), { color: 'magenta' })];
  if (value === null) return [seg('null', { color: 'gray' })];
  if (value === undefined) return [seg('undefined', { color: 'gray' })];
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- why: whatever is left (a symbol, a function) shows as String() spells it.
  return [seg(sanitizeInline(String(value), STRING_PREVIEW))];
}

function indent(depth: number): Segment {
  return depth > MAX_INDENT_DEPTH
    ? seg(`${'  '.repeat(MAX_INDENT_DEPTH - 2)}·${depth} `, { dim: true })
    : seg('  '.repeat(depth));
}

interface Frame {
  value: unknown;
  label: string | null;
  id: string;
  depth: number;
  parent: number;
  /** Set on the synthetic "more" frame: how many children are hidden. */
  hidden?: number;
}

/** Flattens the open part of `value` into lines (iterative depth-first walk). */
export function flattenTree(value: unknown, view: TreeView): TreeNodeLine[] {
  const lines: TreeNodeLine[] = [];
  const stack: Frame[] = [{ value, label: null, id: '$', depth: 0, parent: -1 }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.hidden !== undefined) {
      const hidden = frame.hidden;
      lines.push({
        id: frame.id,
        kind: 'more',
        depth: frame.depth,
        parent: frame.parent,
        expandable: true,
        expanded: false,
        segments: [
          indent(frame.depth),
          seg(`… ${formatCount(hidden)} more`, { dim: true }),
          seg(' (Enter shows more)', { dim: true }),
        ],
      });
      continue;
    }
    const { value: node, depth, id } = frame;
    const keyPart = frame.label === null ? [] : [seg(sanitizeInline(frame.label, 120), { color: 'cyan' }), seg(': ')];
    const index = lines.length;
    if (node !== null && typeof node === 'object') {
      const open = isExpanded(id, depth, node, view);
      const size = sizeOf(node);
      const summary = Array.isArray(node)
        ? `[${formatCount(size)} item${size === 1 ? '' : 's'}]`
        : `{${formatCount(size)} key${size === 1 ? '' : 's'}}`;
      lines.push({
        id,
        kind: 'node',
        depth,
        parent: frame.parent,
        expandable: size > 0,
        expanded: open && size > 0,
        segments: [
          indent(depth),
          seg(size === 0 ? '  ' : open ? '▾ ' : '▸ ', { dim: true }),
          ...keyPart,
          seg(summary, { dim: true }),
        ],
      });
      if (!open || size === 0) continue;
      const limit = view.limits.get(id) ?? CHILD_LIMIT;
      const shown = Math.min(limit, size);
      const children: Frame[] = [];
      const keys = Array.isArray(node) ? null : childKeysOf(node);
      for (let position = 0; position < shown; position += 1) {
        const label = keys ? keys[position] : String(position);
        const child = keys ? (node as Record<string, unknown>)[label] : (node as unknown[])[position];
        children.push({ value: child, label, id: `${id}\u0000${label}`, depth: depth + 1, parent: index });
      }
      if (size > shown)
        children.push({
          value: null,
          label: null,
          hidden: size - shown,
          id: `${id}\u0000…`,
          depth: depth + 1,
          parent: index,
        });
      for (let position = children.length - 1; position >= 0; position -= 1) stack.push(children[position]);
      continue;
    }
    const long = typeof node === 'string' && node.length > STRING_PREVIEW;
    const open = long && view.toggles.get(id) === true;
    lines.push({
      id,
      kind: 'node',
      depth,
      parent: frame.parent,
      expandable: long,
      expanded: open,
      segments: [
        indent(depth),
        seg(long ? (open ? '▾ ' : '▸ ') : '  ', { dim: true }),
        ...keyPart,
        ...scalarSegments(node, open),
      ],
    });
    if (open) {
      const text = sanitizeInline(node.replace(/\n/g, ' '), node.length + 1);
      const pieceWidth = Math.max(10, view.width - 2 * Math.min(depth + 2, MAX_INDENT_DEPTH));
      for (const piece of wrapLine(text, pieceWidth)) {
        lines.push({
          id: `${id}\u0000text`,
          kind: 'text',
          depth: depth + 1,
          parent: index,
          expandable: false,
          expanded: false,
          segments: [indent(depth + 2), seg(piece, { color: 'green' })],
        });
      }
    }
  }
  return lines;
}

/** The limit after pressing Enter on a node's "more" line: doubled. */
export function nextLimit(current: number | undefined): number {
  return (current ?? CHILD_LIMIT) * 2;
}

/** The node id a "more" line belongs to. */
export function moreOwner(line: TreeNodeLine): string {
  return line.id.slice(0, -'\u0000…'.length);
}
