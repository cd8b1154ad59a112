/**
 * The one sanitizer every server-controlled string passes before it reaches a terminal
 * (issue 7). PLACEHOLDER implementation: the signatures are the contract; a fuller
 * implementation with property tests replaces the bodies.
 */
import stringWidth from 'string-width';

/** One line for a table cell or header: controls and newlines made harmless, capped at `maxLength` characters. */
export function sanitizeInline(value: unknown, maxLength = 500): string {
  const text = value === null || value === undefined ? '' : String(value);
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|[\x00-\x1f\x7f-\x9f]/g, ' ');
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}

/** Text that may span lines (logs, results): like sanitizeInline but keeps `\n`; tabs become spaces. */
export function sanitizeMultiline(value: unknown, maxLength = 100_000): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text
    .split('\n')
    .map((line) => sanitizeInline(line.replace(/\t/g, '    '), maxLength))
    .join('\n')
    .slice(0, maxLength);
}

/** Terminal cells the text occupies (wide characters count 2, combining marks 0). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cuts text to at most `width` cells, ending with `…` when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

/** Exactly `width` cells: truncated with `…` or padded with spaces (alignment = 'right' pads on the left). */
export function fitToWidth(text: string, width: number, alignment: 'left' | 'right' = 'left'): string {
  const cut = truncateToWidth(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return alignment === 'left' ? cut + pad : pad + cut;
}
