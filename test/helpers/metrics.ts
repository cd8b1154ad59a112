/**
 * Reads Prometheus text exposition with a real parser (parse-prometheus-text-format) and looks
 * samples up by name and labels, so exporter tests never pick numbers out with regexes.
 */
import parsePrometheusText from 'parse-prometheus-text-format';

/** One sample as the parser gives it. */
export interface ParsedSeries {
  labels?: Record<string, string>;
  value?: string;
}

/** One metric family: name, help, type and its series. */
export interface ParsedFamily {
  name: string;
  help: string;
  type: 'GAUGE' | 'COUNTER' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: ParsedSeries[];
}

/**
 * Every family of an exposition text, by name. A histogram comes as its `_bucket` (with `le`),
 * `_sum` and `_count` samples, each family under that name, plus the histogram's own name with
 * its TYPE and HELP.
 * why: parse-prometheus-text-format 1.1.1 merges every labelled series of a histogram into one
 * and drops their sums and counts; without the histogram's TYPE line it reads each sample with
 * all its labels, as Prometheus itself stores them.
 */
export function parseMetrics(text: string): Map<string, ParsedFamily> {
  const histograms = new Set([...text.matchAll(/^# TYPE (\S+) histogram$/gm)].map((match) => match[1]));
  const plain = text.replace(/^# (TYPE|HELP) (\S+) .*$/gm, (line, _kind: string, name: string) =>
    histograms.has(name) ? '' : line,
  );
  const families = new Map<string, ParsedFamily>();
  for (const family of parsePrometheusText(plain) as ParsedFamily[]) {
    const known = families.get(family.name);
    if (known) known.metrics.push(...family.metrics);
    else families.set(family.name, family);
  }
  for (const name of histograms) families.set(name, { name, help: '', type: 'HISTOGRAM', metrics: [] });
  return families;
}

/** The series of `name` whose labels include all of `labels`. */
export function seriesOf(
  families: Map<string, ParsedFamily>,
  name: string,
  labels: Record<string, string> = {},
): ParsedSeries[] {
  return (families.get(name)?.metrics ?? []).filter((series) =>
    Object.entries(labels).every(([key, value]) => series.labels?.[key] === value),
  );
}

/** The value of the one series of `name` with exactly these labels among its own; undefined when absent. */
export function valueOf(
  families: Map<string, ParsedFamily>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = seriesOf(families, name, labels);
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} series`);
  return found.length === 0 ? undefined : Number(found[0].value);
}

/** Series a family exposes (a histogram's are counted under its _bucket, _sum and _count names). */
export function seriesCount(family: ParsedFamily): number {
  return family.metrics.length;
}

/** GETs `url` and parses the exposition. */
export async function scrape(url: string): Promise<Map<string, ParsedFamily>> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return parseMetrics(await response.text());
}
