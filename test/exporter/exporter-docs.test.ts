/**
 * docs/exporter.md, the example rules and the Grafana dashboard name only metrics the exporter
 * serves, and the docs' table names every one it serves.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFleetMetrics } from '../../source/commands/exporter/fleet-metrics.js';
import type { FleetSnapshot } from '../../source/store/types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const EMPTY: FleetSnapshot = {
  sources: [],
  jobs: [],
  changed: new Map(),
  paused: false,
  intervalMs: 2000,
  actions: [],
};

/** The jobtop metric families the exporter registers, with their histogram series names. */
async function servedNames(): Promise<{ families: string[]; series: Set<string> }> {
  const metrics = createFleetMetrics(() => EMPTY, { typeGroups: [], processMetrics: false });
  const families = (await metrics.registry.getMetricsAsJSON()).map((metric) => ({
    name: metric.name,
    type: String(metric.type),
  }));
  const series = new Set(
    families.flatMap(({ name, type }) =>
      type === 'histogram' ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
    ),
  );
  return { families: families.map(({ name }) => name), series };
}

const namesIn = (text: string) => new Set([...text.matchAll(/\bjobtop_[a-z_]+[a-z]\b/g)].map((match) => match[0]));

describe('exporter docs and examples', () => {
  it("docs/exporter.md's metric table lists exactly the metrics the exporter serves", async () => {
    const { families } = await servedNames();
    const table = [...read('docs/exporter.md').matchAll(/^\| `(jobtop_[a-z_]+)` \|/gm)].map((match) => match[1]);
    expect([...table].sort()).toEqual([...families].sort());
  });

  it('the example rules and the dashboard use only metrics the exporter serves', async () => {
    const { series } = await servedNames();
    const rules = parse(read('examples/prometheus/jobtop.rules.yml')) as {
      groups: { rules: { expr: string; record?: string }[] }[];
    };
    const recorded = new Set(
      rules.groups.flatMap((group) => group.rules.flatMap((rule) => (rule.record ? [rule.record] : []))),
    );
    const exprs = [...rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr))];
    const dashboard = JSON.parse(read('examples/grafana/jobtop.json')) as {
      panels: { targets: { expr: string }[] }[];
      templating: { list: { definition?: string }[] };
    };
    exprs.push(
      ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)),
      ...dashboard.templating.list.flatMap((variable) => (variable.definition ? [variable.definition] : [])),
    );
    expect(exprs.length).toBeGreaterThan(15);
    for (const expr of exprs) {
      for (const name of namesIn(expr.replace(/source:jobtop_job_failures:rate5m/g, '')))
        expect(series.has(name), `${name} in ${expr}`).toBe(true);
    }
    expect([...recorded]).toEqual(['source:jobtop_job_failures:rate5m']);
  });

  it('the README links the exporter page', () => {
    expect(read('README.md')).toContain('[docs/exporter.md](docs/exporter.md)');
  });
});
