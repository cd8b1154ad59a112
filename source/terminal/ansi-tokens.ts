/**
 * Splits text written to a terminal into tokens: control sequences (CSI, OSC, other escapes),
 * single control characters and runs of printable text. The diff writer reads Ink's output
 * with it; whatever it cannot classify is kept verbatim so nothing is ever lost.
 */
import type { RecentCache } from './recent-cache.js';

/** One piece of terminal output. `raw` is always the exact text, so joining raws gives the input back. */
export type AnsiToken =
  | { kind: 'text'; raw: string }
  /** `ESC [ prefix params intermediates final`; `prefix` is a private marker (`?`, `>`, `<`, `=`) or ''. */
  | { kind: 'csi'; raw: string; prefix: string; params: string; final: string }
  /** `ESC ] … BEL` or `ESC ] … ESC \` (titles, OSC 52 clipboard, OSC 8 links). */
  | { kind: 'osc'; raw: string }
  /** One C0 control, DEL or C1 control character (`\n`, `\r`, BEL, …). */
  | { kind: 'control'; raw: string }
  /** Any other escape: `ESC 7`, `ESC c`, DCS/APC/PM/SOS strings. */
  | { kind: 'escape'; raw: string };

/** Result of tokenizing: the tokens, and an escape sequence cut off at the end (to prepend to the next write). */
export interface Tokenized {
  tokens: AnsiToken[];
  rest: string;
}

const TEXT = /[^\x00-\x1f\x7f-\x9f]+/y;
const CSI = /\x1b\[([<=>?]?)([\x30-\x3f]*)[\x20-\x2f]*([\x40-\x7e])/y;
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/y;
const STRING_ESCAPE = /\x1b[PX^_][\s\S]*?\x1b\\/y;
const SHORT_ESCAPE = /\x1b[\x20-\x2f]*[\x30-\x7e]/y;

function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

/** Tokenizes `text`; an unfinished escape at the very end is returned in `rest` instead of as a token. */
export function tokenizeAnsi(text: string): Tokenized {
  const tokens: AnsiToken[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char !== 0x1b) {
      const run = char >= 0x20 && !(char >= 0x7f && char <= 0x9f) ? matchAt(TEXT, text, index) : null;
      const raw = run ? run[0] : text[index];
      tokens.push(run ? { kind: 'text', raw } : { kind: 'control', raw });
      index += raw.length;
      continue;
    }
    const next = text[index + 1];
    if (next === undefined) return { tokens, rest: text.slice(index) };
    let match: RegExpExecArray | null;
    if (next === '[') {
      match = matchAt(CSI, text, index);
      if (match) {
        tokens.push({ kind: 'csi', raw: match[0], prefix: match[1], params: match[2], final: match[3] });
        index += match[0].length;
        continue;
      }
    } else if (next === ']') {
      match = matchAt(OSC, text, index);
      if (match) tokens.push({ kind: 'osc', raw: match[0] });
    } else if ('PX^_'.includes(next)) {
      match = matchAt(STRING_ESCAPE, text, index);
      if (match) tokens.push({ kind: 'escape', raw: match[0] });
    } else {
      match = matchAt(SHORT_ESCAPE, text, index);
      if (match) tokens.push({ kind: 'escape', raw: match[0] });
    }
    if (match) {
      index += match[0].length;
      continue;
    }
    // why: a sequence split across two write() calls (Buffers cut anywhere) must not be misread.
    if (isUnfinishedEscape(text.slice(index))) return { tokens, rest: text.slice(index) };
    tokens.push({ kind: 'escape', raw: '\x1b' });
    index += 1;
  }
  return { tokens, rest: '' };
}

function isUnfinishedEscape(tail: string): boolean {
  if (tail.length > 4096) return false;
  if (/^\x1b\[[\x30-\x3f]*[\x20-\x2f]*$/.test(tail)) return true;
  if (/^\x1b\][^\x07]*$/.test(tail) && !tail.includes('\x1b\\')) return true;
  if (/^\x1b[PX^_]/.test(tail) && !tail.includes('\x1b\\')) return true;
  return /^\x1b[\x20-\x2f]*$/.test(tail);
}

const LINE_FEED: AnsiToken = { kind: 'control', raw: '\n' };

/**
 * tokenizeAnsi, with the tokens of each complete line kept in `lines` (by the line's text) and
 * reused when the same line comes again. why: Ink writes its whole frame on every update, and
 * from one frame to the next nearly every line is the same string. A line is kept only when it
 * holds text, controls and CSI sequences alone and no unfinished escape: none of those can reach
 * past a newline, so its tokens are the same wherever the line stands. `lines` keeps the lines
 * used lately (a RecentCache: what the last frames used, bounded).
 */
export function tokenizeAnsiByLine(text: string, lines: RecentCache<string, readonly AnsiToken[]>): Tokenized {
  const tokens: AnsiToken[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    const line = text.slice(start, end);
    let lineTokens = lines.get(line);
    if (lineTokens === undefined) {
      const tokenized = tokenizeAnsi(line);
      if (tokenized.rest !== '' || tokenized.tokens.some((token) => token.kind === 'osc' || token.kind === 'escape'))
        return joined(tokens, tokenizeAnsi(text.slice(start)));
      lineTokens = tokenized.tokens;
      lines.set(line, lineTokens);
    }
    for (const token of lineTokens) tokens.push(token);
    tokens.push(LINE_FEED);
    start = end + 1;
  }
  return joined(tokens, tokenizeAnsi(text.slice(start)));
}

function joined(tokens: AnsiToken[], tail: Tokenized): Tokenized {
  for (const token of tail.tokens) tokens.push(token);
  return { tokens, rest: tail.rest };
}
