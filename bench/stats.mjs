/**
 * Small statistics and formatting helpers for the benchmark table.
 */

/** The median (mean of the middle two for an even count); NaN when empty. */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The nearest-rank percentile `p` (0–100); NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** "1,234". */
export function count(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

/** "12.3 ms" (one decimal below 100). */
export function ms(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** "0.42 %". */
export function percent(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)} %` : 'n/a';
}

/** "87 MB". */
export function megabytes(bytes) {
  return Number.isFinite(bytes) ? `${Math.round(bytes / 1048576)} MB` : 'n/a';
}

/** A markdown table. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
