// The parser ships no types; the shape tests rely on is declared in test/helpers/metrics.ts.
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusText(text: string): unknown[];
}
