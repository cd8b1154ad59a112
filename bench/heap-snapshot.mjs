/**
 * Summarises a V8 heap snapshot (`.heapsnapshot`, as `--heapsnapshot-signal` or
 * `v8.writeHeapSnapshot` write it): self size by node type and constructor, and the largest
 * objects by retained size (dominator tree, weak edges ignored) with their dominator chain, so
 * bench/memory-map.mjs can say what keeps the live heap alive. `node bench/heap-snapshot.mjs FILE`.
 */
import { readFileSync } from 'node:fs';

/** Prints the summary of the snapshot at `path`; returns the totals by constructor. */
export function summariseSnapshot(path, top = 25) {
  const snapshot = JSON.parse(readFileSync(path, 'utf8'));
  const meta = snapshot.snapshot.meta;
  const nodeFields = meta.node_fields;
  const N = nodeFields.length;
  const nodeTypes = meta.node_types[0];
  const edgeFields = meta.edge_fields;
  const E = edgeFields.length;
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = snapshot;
  const count = nodes.length / N;
  const typeOf = nodeFields.indexOf('type');
  const nameOf = nodeFields.indexOf('name');
  const selfOf = nodeFields.indexOf('self_size');
  const edgeCountOf = nodeFields.indexOf('edge_count');
  const edgeTypeOf = edgeFields.indexOf('type');
  const edgeNameOf = edgeFields.indexOf('name_or_index');
  const toOf = edgeFields.indexOf('to_node');
  const weak = edgeTypes.indexOf('weak');
  const shortcut = edgeTypes.indexOf('shortcut');

  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) firstEdge[i + 1] = firstEdge[i] + nodes[i * N + edgeCountOf] * E;
  const label = (i) => `${nodeTypes[nodes[i * N + typeOf]]}:${String(strings[nodes[i * N + nameOf]]).slice(0, 60)}`;

  // Self size by type:constructor.
  const byName = new Map();
  let total = 0;
  for (let i = 0; i < count; i++) {
    const type = nodeTypes[nodes[i * N + typeOf]];
    const name = type === 'object' || type === 'closure' ? strings[nodes[i * N + nameOf]] : '';
    const key = `${type}${name ? `:${name}` : ''}`;
    const self = nodes[i * N + selfOf];
    total += self;
    const entry = byName.get(key) ?? { self: 0, count: 0 };
    entry.self += self;
    entry.count += 1;
    byName.set(key, entry);
  }

  // Dominators (Cooper, Harvey, Kennedy) over a reverse post-order from the root (node 0).
  const order = new Int32Array(count).fill(-1);
  const post = [];
  const stack = [0];
  const cursor = new Uint32Array(count);
  const seen = new Uint8Array(count);
  seen[0] = 1;
  const follows = (e) => {
    const type = edges[e + edgeTypeOf];
    return type !== weak && type !== shortcut;
  };
  while (stack.length) {
    const node = stack.at(-1);
    let pushed = false;
    for (let e = firstEdge[node] + cursor[node]; e < firstEdge[node + 1]; e += E) {
      cursor[node] += E;
      if (!follows(e)) continue;
      const to = edges[e + toOf] / N;
      if (!seen[to]) {
        seen[to] = 1;
        stack.push(to);
        pushed = true;
        break;
      }
    }
    if (!pushed) {
      stack.pop();
      order[node] = post.length;
      post.push(node);
    }
  }
  const predecessors = Array.from({ length: count }, () => null);
  for (let i = 0; i < count; i++) {
    if (order[i] < 0) continue;
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += E) {
      if (!follows(e)) continue;
      const to = edges[e + toOf] / N;
      (predecessors[to] ??= []).push(i);
    }
  }
  const idom = new Int32Array(count).fill(-1);
  idom[0] = 0;
  const intersect = (a, b) => {
    while (a !== b) {
      while (order[a] < order[b]) a = idom[a];
      while (order[b] < order[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = post.length - 1; k >= 0; k--) {
      const node = post[k];
      if (node === 0) continue;
      let dom = -1;
      for (const p of predecessors[node] ?? []) {
        if (idom[p] < 0) continue;
        dom = dom < 0 ? p : intersect(p, dom);
      }
      if (dom >= 0 && idom[node] !== dom) {
        idom[node] = dom;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(count);
  for (const node of post) {
    retained[node] += nodes[node * N + selfOf];
    if (node !== 0) retained[idom[node]] += retained[node];
  }
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
  console.log(`heap snapshot: ${count} nodes, ${mb(total)} self size in all, ${mb(retained[0])} reachable`);
  console.log('self size by type:constructor');
  for (const [key, entry] of [...byName].sort((a, b) => b[1].self - a[1].self).slice(0, top))
    console.log(`  ${mb(entry.self).padStart(10)}  ${String(entry.count).padStart(8)}×  ${key}`);
  // The largest retainers: objects retaining ≥ 1 % of the heap whose children each retain less (the leaves of "big").
  const edgeName = (from, to) => {
    for (let e = firstEdge[from]; e < firstEdge[from + 1]; e += E)
      if (edges[e + toOf] / N === to) {
        const name = edges[e + edgeNameOf];
        return typeof strings[name] === 'string' && edgeTypes[edges[e + edgeTypeOf]] !== 'element'
          ? strings[name]
          : `[${name}]`;
      }
    return '?';
  };
  // Retained size by property: what each object keeps alive through one named edge it dominates,
  // summed by owner constructor and edge name (e.g. every job's `raw`).
  const byEdge = new Map();
  for (let i = 0; i < count; i++) {
    if (order[i] < 0) continue;
    const owner =
      nodeTypes[nodes[i * N + typeOf]] === 'object' ? strings[nodes[i * N + nameOf]] : nodeTypes[nodes[i * N + typeOf]];
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += E) {
      const to = edges[e + toOf] / N;
      if (idom[to] !== i || !follows(e)) continue;
      const type = edgeTypes[edges[e + edgeTypeOf]];
      const name = type === 'element' || type === 'hidden' ? '[]' : String(strings[edges[e + edgeNameOf]]);
      const key = `${owner}.${name}`;
      const entry = byEdge.get(key) ?? { retained: 0, count: 0 };
      entry.retained += retained[to];
      entry.count += 1;
      byEdge.set(key, entry);
    }
  }
  console.log('retained through a property (owner.name), summed');
  for (const [key, entry] of [...byEdge].sort((a, b) => b[1].retained - a[1].retained).slice(0, top))
    console.log(`  ${mb(entry.retained).padStart(10)}  ${String(entry.count).padStart(8)}×  ${key.slice(0, 100)}`);
  const big = [];
  const threshold = retained[0] / 100;
  for (let i = 1; i < count; i++) if (retained[i] >= threshold && order[i] >= 0) big.push(i);
  const bigSet = new Set(big);
  const dominatesBig = new Set();
  for (const i of big) if (bigSet.has(idom[i])) dominatesBig.add(idom[i]);
  console.log('largest retainers (≥ 1 % of the heap, innermost), with their dominator chain');
  for (const i of big
    .filter(
      (node) =>
        !dominatesBig.has(node) ||
        retained[node] > 1.5 * Math.max(...big.filter((c) => idom[c] === node).map((c) => retained[c])),
    )
    .sort((a, b) => retained[b] - retained[a])
    .slice(0, top)) {
    const chain = [];
    for (let node = i, steps = 0; node !== 0 && steps < 6; node = idom[node], steps++)
      chain.push(`${label(node)}${idom[node] !== 0 ? ` .${edgeName(idom[node], node)}` : ''}`);
    console.log(`  ${mb(retained[i]).padStart(10)}  ${chain.join(' ← ')}`);
  }
  return byName;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) summariseSnapshot(process.argv[2]);
