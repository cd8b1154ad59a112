/**
 * JSON for `--json` output: strings stay exact, but every character that could act on a
 * terminal is written as a `\uXXXX` escape — JSON.stringify already escapes C0 controls
 * (ESC included); this adds DEL, the C1 controls (the 8-bit CSI \x9b among them), bidi
 * controls and the Unicode line/paragraph separators, so `jobtop list --json` printed
 * straight to a terminal cannot be used against it (docs/faults.md, "Server text is sanitized").
 */

const UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify with terminal-acting characters escaped; parses back to the same value. */
export function toTerminalSafeJson(value: unknown, indent = 2): string {
  // why: these characters can only occur inside JSON strings, where \uXXXX means the same.
  return (JSON.stringify(value, null, indent) ?? 'null').replace(
    UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
