/** Go's text formats the controller writes: `time.RFC3339`, `time.RFC3339Nano` and `time.Duration.String()`. */

/** RFC 3339 at seconds in UTC (`time.RFC3339`). */
export function formatRfc3339Seconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Go's `time.RFC3339Nano` in UTC: up to nine fraction digits, trailing zeros dropped. */
export function formatRfc3339Nano(ms: number, extraNanos = 0): string {
  const whole = truncateToSecond(ms);
  const nanos = (ms - whole) * 1e6 + extraNanos;
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${formatRfc3339Seconds(whole)}`.replace(/Z$/, `${fraction}Z`);
}

/** Go's `time.Duration.String()` for a non-negative number of nanoseconds (`1.5s`, `2m3s`, `350µs`). */
export function formatGoDuration(nanoseconds: number): string {
  const ns = Math.round(nanoseconds);
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trimDecimal(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trimDecimal(ns / 1e6)}ms`;
  const hours = Math.floor(ns / 3.6e12);
  const minutes = Math.floor((ns - hours * 3.6e12) / 6e10);
  const seconds = (ns - hours * 3.6e12 - minutes * 6e10) / 1e9;
  return `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${trimDecimal(seconds)}s`;
}

/** Epoch ms cut down to the whole second, as the controller stores `created`. */
export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function trimDecimal(value: number): string {
  return value.toFixed(9).replace(/\.?0+$/, '');
}
